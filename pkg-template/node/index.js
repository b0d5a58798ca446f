'use strict';
// The Node entry point of lgsp-paygate: the WebAssembly core, plus what only a server needs:
// the gateway client, payment-result handling and the mock gateway. Browsers get the web build,
// which has none of these.
const core = require('./lgsp_paygate.js');
const { createClient, ENVIRONMENTS } = require('./client.js');
const { handlePaymentResult, confirmPayment } = require('./callback.js');
const { startMockGateway } = require('./mock.js');
const { CLIENT_ERROR_CODES } = require('./errors.js');

module.exports = {
  ...core,
  createClient,
  handlePaymentResult,
  confirmPayment,
  startMockGateway,
  ENVIRONMENTS,
  CLIENT_ERROR_CODES,
};
