/**
 * The package's WebAssembly module, as a runtime that compiles `.wasm` imports gives it (Workers,
 * where the `workerd` condition already does this): hand it to `initSync()`.
 */
declare const wasmModule: WebAssembly.Module;
export default wasmModule;
