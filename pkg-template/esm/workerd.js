// The entry point for Cloudflare Workers (the `workerd` export condition, which wrangler uses).
// Workers forbid compiling WebAssembly from bytes at run time, so the module is imported as a
// .wasm file, which wrangler compiles at deploy time; everything else is as in browsers.
import './core/wasm-workerd.js';

export * from './exports.js';
export { default } from './exports.js';

export { startMockGateway, runConformance } from './not-node.js';
