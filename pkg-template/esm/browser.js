// The entry point for browsers and any other runtime that is not Node: the same core (its bytes
// embedded, so bundlers have no file to find; `await init()` once, or let the first call
// instantiate it where compiling synchronously is allowed), the same gateway client and
// payment-result handling (they need only fetch). The mock gateway is a Node server: here
// `startMockGateway` and `runConformance` reject with UNSUPPORTED_RUNTIME.
import './embedded.js';
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
