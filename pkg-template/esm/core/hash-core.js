// The checksum hot path's own WebAssembly module, lgsp_paygate_hash.wasm (crates/hash): SHA-256
// over a scratch buffer in its memory, the 64 hex digits, and the core's constant-time
// comparison, as three plain functions. It imports nothing and is a few dozen KiB, so it is
// compiled and instantiated on first use in well under a millisecond: `checksum` and `verify`
// need not wait for the full core (a few hundred KiB), which is loaded only when a call needs it.
//
// Where this module cannot be had (no source was handed over; a runtime that refuses to compile
// WebAssembly from bytes, or synchronously, until `await init()`), `hashExports()` gives null and
// the hot path steps aside: the full core computes the same checksum.

/** What the module is instantiated from: a WebAssembly.Module, or a function giving its bytes. */
let source = null;
/** The instance's exports (memory, scratch, checksum, verify), or null until instantiated. */
let instance = null;
/** Set when instantiating synchronously failed, so each call does not try again. */
let refused = false;

/** Called by an entry point: the module, or a function giving its bytes. The first one given stays. */
export function provideHash(given) {
  if (source === null) source = given;
}

function adopt(exports) {
  instance = exports;
  refused = false;
  return instance;
}

/** The instance's exports, instantiating it now if need be; null where that is not possible. */
export function hashExports() {
  if (instance !== null) return instance;
  if (refused || source === null) return null;
  try {
    if (typeof source === 'function') source = new WebAssembly.Module(source());
    return adopt(new WebAssembly.Instance(source, {}).exports);
  } catch {
    refused = true;
    return null;
  }
}

/**
 * Instantiates the module asynchronously (`init()` does, beside the full core). It never rejects:
 * without this module the full core computes the same checksums.
 */
export async function initHash() {
  if (instance !== null || source === null) return;
  try {
    if (typeof source === 'function') source = await WebAssembly.compile(source());
    adopt((await WebAssembly.instantiate(source, {})).exports);
  } catch {
    refused = true;
  }
}

/** After a call failed inside the module (memory exhausted): the next call gets a fresh instance. */
export function restartHash() {
  instance = null;
  refused = false;
}
