// Hands the loader what the package carries for both WebAssembly modules: the full core's glue
// (wasm-glue.js) and its module's bytes, and the hash module's bytes, as base64 in JS modules
// (wasm-embedded.js, hash-embedded.js), so that no runtime or bundler has a file to find. An ES
// module cannot load another on first use synchronously, so here the full core's text is parsed
// with the package; the CommonJS build of this file (pkg-template/cjs/embedded.js) loads it only
// when a call first needs the full core.
import { provideEmbedded } from './loader.js';
import * as glue from './wasm-glue.js';
import { CORE_BASE64 } from './wasm-embedded.js';
import { HASH_BASE64 } from './hash-embedded.js';

provideEmbedded({ glue: () => glue, core: () => CORE_BASE64, hash: () => HASH_BASE64 });
