// Hands the loader the full core's glue and the WebAssembly.Modules the Workers runtime compiled
// from the package's .wasm files: the full core, and the small hash module of the hot path.
import coreModule from '../../lgsp_paygate_bg.wasm';
import hashModule from '../../lgsp_paygate_hash.wasm';
import { provideModule } from './loader.js';
import * as glue from './wasm-glue.js';

provideModule({ glue: () => glue, core: coreModule, hash: hashModule });
