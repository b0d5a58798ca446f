// Where the WebAssembly core comes from and when it is instantiated. Nothing here finds a file
// by path or URL: an entry point hands over the module's bytes (embedded in a JS module, see
// wasm-embedded.js) or a compiled WebAssembly.Module (Workers import the .wasm itself), and the
// core is instantiated from them on first use, or by `await init()` where a runtime forbids
// compiling on the spot (a browser's main thread). When a call fails inside WebAssembly (a trap,
// memory exhausted), `restart()` instantiates a fresh copy, so the next call works.
import glueInit, { initSync as glueInitSync, __wbg_reset_state as glueReset } from './wasm-glue.js';
import { lgspError } from './errors.js';

/** What the core is instantiated from: a WebAssembly.Module, or a function giving its bytes. */
let source = null;
let ready = false;
/** Counts instantiations, so state kept about one instance (the scratch buffer) is dropped with it. */
let generation = 0;

/** Decodes the base64 text of an embedded module, with the fastest decoder the runtime has. */
function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const NodeBuffer = globalThis.Buffer;
  if (NodeBuffer && typeof NodeBuffer.from === 'function') {
    const b = NodeBuffer.from(text, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Called once by wasm-embedded.js: the module's bytes as base64, decoded when first needed. */
export function provideEmbedded(base64) {
  if (source === null) source = () => decodeBase64(base64);
}

/** Called by the Workers entry: the module as the runtime compiled it. */
export function provideModule(module) {
  source = module;
}

function fromSource() {
  if (source === null) throw lgspError('NOT_INITIALIZED', 'the WebAssembly core has no source: pass one to initSync() or init()');
  return typeof source === 'function' ? source() : source;
}

function instantiated() {
  ready = true;
  generation += 1;
}

/** The instance generation (changes whenever the core is instantiated afresh). */
export function currentGeneration() {
  return generation;
}

/**
 * Makes sure the core is instantiated before a call, instantiating it now if need be. Where the
 * runtime forbids compiling synchronously (a browser's main thread for a module this size), the
 * error says to `await init()` first.
 */
export function ensureReady() {
  if (ready) return;
  try {
    glueInitSync({ module: fromSource() });
  } catch (error) {
    if (error && error.name === 'LgspPaygateError') throw error;
    throw lgspError('NOT_INITIALIZED', 'the WebAssembly core could not be instantiated synchronously here: `await init()` once before calling it', { cause: error });
  }
  instantiated();
}

/**
 * Instantiates the core: from `input` when given (a WebAssembly.Module, the module's bytes, a
 * Response, or a URL to fetch), else from the bytes the package carries. Resolves once it is
 * ready; calling it again when ready does nothing.
 */
export async function init(input) {
  if (ready) return;
  if (input !== undefined && input !== null && typeof input === 'object' && 'module_or_path' in input) input = input.module_or_path;
  await glueInit({ module_or_path: input ?? fromSource() });
  if (input !== undefined && input !== null && input instanceof WebAssembly.Module) source = input;
  instantiated();
}

/** Instantiates the core now from `module` (a WebAssembly.Module or the module's bytes). */
export function initSync(module) {
  if (ready) return;
  const given = module !== null && typeof module === 'object' && 'module' in module ? module.module : module;
  if (given !== undefined && given !== null) source = given instanceof WebAssembly.Module ? given : () => given;
  ensureReady();
}

/**
 * After a call failed inside WebAssembly: drops the instance and makes a fresh one from the same
 * module, so the failure does not outlive the call. If the runtime refuses a synchronous
 * instantiation, the next call instantiates (or asks for `await init()`).
 */
export function restart() {
  ready = false;
  try {
    glueReset();
    instantiated();
  } catch {
    // Left not ready: ensureReady() tries again on the next call.
  }
}
