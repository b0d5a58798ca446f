// The Node entry point of lgsp-paygate: the WebAssembly core (its bytes travel inside the package's
// JavaScript, so it needs no file at run time and is instantiated on first use), the gateway
// client and payment-result handling, and the mock gateway, loaded on first use.
import './core/embedded.js';

export * from './exports.js';
export { default } from './exports.js';

/** Loaded on first use: the mock gateway pulls in node:http, which most units never need at start. */
export async function startMockGateway(...args) {
  const mock = await import('./node/mock/server.js');
  return mock.startMockGateway(...args);
}

/** Loaded on first use, like the mock it starts. */
export async function runConformance(...args) {
  const conformance = await import('./node/conformance/kit.js');
  return conformance.runConformance(...args);
}
