// Where the WebAssembly modules come from and when they are instantiated: the full core (its
// wasm-bindgen glue and its module), and the small hash module of the checksum hot path
// (hash-core.js). Nothing here finds a file by path or URL: an entry point hands over the glue
// and the modules' bytes (embedded in JS modules, see embedded.js) or compiled
// WebAssembly.Modules (Workers import the .wasm files themselves), and each module is
// instantiated from them on first use, or by `await init()` where a runtime forbids compiling on
// the spot (a browser's main thread). When a call fails inside WebAssembly (a trap, memory
// exhausted), `restart()` instantiates a fresh copy, so the next call works.
import { lgspError } from './lgsp-error.js';
import { initHash, provideHash } from './hash-core.js';

/** A function giving the full core's glue (wasm-glue.js), and the glue once given. */
let loadGlue = null;
let glue = null;
/** What the core is instantiated from: a WebAssembly.Module, or a function giving its bytes. */
let source = null;
let ready = false;

/**
 * Decodes the base64 text of an embedded module, with the fastest decoder the runtime has (also
 * how the one-file debugger page reads the package's embedded modules).
 */
export function decodeBase64(text) {
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

/**
 * Called once by embedded.js, with functions giving the full core's glue, its module's bytes as
 * base64, and the hash module's: each is called when first needed (the full core's only when a
 * call needs it, so CommonJS loads their text only then).
 */
export function provideEmbedded({ glue: givesGlue, core, hash }) {
  loadGlue = givesGlue;
  if (source === null) source = () => decodeBase64(core());
  provideHash(() => decodeBase64(hash()));
}

/** Called by the Workers entry (and the debugger page): the glue, and the modules as compiled. */
export function provideModule({ glue: givesGlue, core, hash }) {
  loadGlue = givesGlue;
  source = core;
  provideHash(hash);
}

/** The full core's glue, loaded now if need be. */
function theGlue() {
  if (glue === null) {
    if (loadGlue === null) throw lgspError('NOT_INITIALIZED', 'the WebAssembly core has no glue: import the package from its entry point');
    glue = loadGlue();
  }
  return glue;
}

function fromSource() {
  if (source === null) throw lgspError('NOT_INITIALIZED', 'the WebAssembly core has no source: pass one to initSync() or init()');
  return typeof source === 'function' ? source() : source;
}

function instantiated() {
  ready = true;
}

/**
 * Makes sure the core is instantiated before a call, instantiating it now if need be, and gives
 * its glue (whose functions call into it). Where the
 * runtime forbids compiling synchronously (a browser's main thread for a module this size), the
 * error says to `await init()` first.
 */
export function ensureReady() {
  if (ready) return glue;
  const core = theGlue();
  try {
    core.initSync({ module: fromSource() });
  } catch (error) {
    if (error && error.name === 'LgspPaygateError') throw error;
    throw lgspError('NOT_INITIALIZED', 'the WebAssembly core could not be instantiated synchronously here: `await init()` once before calling it', { cause: error });
  }
  instantiated();
  return core;
}

/**
 * Instantiates the core: from `input` when given (a WebAssembly.Module, the module's bytes, a
 * Response, or a URL to fetch), else from the bytes the package carries. Resolves once it is
 * ready; calling it again when ready does nothing.
 */
export async function init(input) {
  if (ready) return;
  if (input !== undefined && input !== null && typeof input === 'object' && 'module_or_path' in input) input = input.module_or_path;
  await Promise.all([theGlue().default({ module_or_path: input ?? fromSource() }), initHash()]);
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
    theGlue().__wbg_reset_state();
    instantiated();
  } catch {
    // Left not ready: ensureReady() tries again on the next call.
  }
}
