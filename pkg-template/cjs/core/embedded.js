"use strict";
// The CommonJS build of core/embedded.js, written for CommonJS because CommonJS can do what an ES
// module cannot: load a module on first use, synchronously. It hands the loader what the package
// carries for both WebAssembly modules; the full core's glue (wasm-glue.js) and its ~450 KB of
// base64 (wasm-embedded.js) are required only when a call first needs the full core, so a
// process that only signs and verifies never parses them. Bundlers follow the literal requires.
const { provideEmbedded } = require("./loader.js");
const { HASH_BASE64 } = require("./hash-embedded.js");

provideEmbedded({
  glue: () => require("./wasm-glue.js"),
  core: () => require("./wasm-embedded.js").CORE_BASE64,
  hash: () => HASH_BASE64,
});
