'use strict';
// The Node entry point of lgsp-paygate: the WebAssembly core, plus what only a server needs:
// the gateway client, payment-result handling and the mock gateway. Browsers get the web build,
// which has none of these.
const core = require('./lgsp_paygate.js');
const { createClient, ENVIRONMENTS } = require('./client.js');
const { handlePaymentResult, confirmPayment } = require('./callback.js');
const { CLIENT_ERROR_CODES } = require('./errors.js');
const { LgspError, isLgspError, LGSP_ERROR_CODES } = require('./lgsp-error.js');

module.exports = {
  ...core,
  createClient,
  handlePaymentResult,
  confirmPayment,
  /** Loaded on first use: the mock gateway pulls in node:http, which most units never need at start. */
  startMockGateway(...args) {
    return require('./mock.js').startMockGateway(...args);
  },
  /** Loaded on first use, like the mock it starts. */
  runConformance(...args) {
    return require('./conformance.js').runConformance(...args);
  },
  ENVIRONMENTS,
  CLIENT_ERROR_CODES,
  LgspError,
  isLgspError,
  LGSP_ERROR_CODES,
};
