// The entry point for browsers and any other runtime that is not Node: the same core (its bytes
// embedded, so bundlers have no file to find; `await init()` once, or let the first call
// instantiate it where compiling synchronously is allowed), the same gateway client and
// payment-result handling (they need only fetch). The mock gateway is a Node server: here
// `startMockGateway` and `runConformance` reject with UNSUPPORTED_RUNTIME.
import './core/embedded.js';

export * from './exports.js';
export { default } from './exports.js';

export { startMockGateway, runConformance } from './not-node.js';
