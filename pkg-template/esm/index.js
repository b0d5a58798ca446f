// The Node entry point of lgsp-paygate: the WebAssembly core (its bytes travel inside the package's
// JavaScript, so it needs no file at run time and is instantiated on first use), the gateway
// client and payment-result handling, and the mock gateway, loaded on first use.
import './embedded.js';

export * from './api.js';
export { default } from './api.js';

/** Loaded on first use: the mock gateway pulls in node:http, which most units never need at start. */
export async function startMockGateway(...args) {
  const mock = await import('./mock.js');
  return mock.startMockGateway(...args);
}

/** Loaded on first use, like the mock it starts. */
export async function runConformance(...args) {
  const conformance = await import('./conformance.js');
  return conformance.runConformance(...args);
}
