// What every entry point exports, whatever the runtime: the WebAssembly core and the helpers that
// need only fetch (the gateway client, payment-result handling). Each entry point adds where the
// core's module comes from and its own startMockGateway.
export * from './lgsp_paygate.js';
export { default } from './lgsp_paygate.js';
export { createClient, ENVIRONMENTS } from './client.js';
export { handlePaymentResult, confirmPayment } from './callback.js';
export { CLIENT_ERROR_CODES } from './errors.js';
export { LgspError, isLgspError, LGSP_ERROR_CODES } from './lgsp-error.js';
