// What every entry point exports, whatever the runtime: the WebAssembly core and the helpers that
// need only fetch (the gateway client, payment-result handling). Each entry point adds where the
// core's module comes from and its own startMockGateway.
export * from './core/functions.js';
export { default } from './core/functions.js';
export { createClient, ENVIRONMENTS } from './gateway/client.js';
export { handlePaymentResult, confirmPayment } from './gateway/payment-result.js';
export { CLIENT_ERROR_CODES, LgspError, isLgspError, LGSP_ERROR_CODES } from './core/lgsp-error.js';
