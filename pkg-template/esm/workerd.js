// The entry point for Cloudflare Workers (the `workerd` export condition, which wrangler uses).
// Workers forbid compiling WebAssembly from bytes at run time, so the module is imported as a
// .wasm file, which wrangler compiles at deploy time; everything else is as in browsers.
import './wasm-workerd.js';
import { unsupportedConformance, unsupportedMock } from './unsupported.js';

export * from './api.js';
export { default } from './api.js';

/** The mock gateway needs Node (node:http); import the package from Node to start it. */
export async function startMockGateway() {
  throw unsupportedMock();
}

/** The conformance kit starts the mock gateway and runs commands: Node only. */
export async function runConformance() {
  throw unsupportedConformance();
}
