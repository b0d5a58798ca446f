"use strict";
// The CommonJS build of exports.js, written for CommonJS so that what a server does not call at
// start is loaded on first use: the core's functions (checksum and verify take the hot path, which
// needs no more) and the error types at once, the gateway client and the payment-result helpers
// when first read. The build checks that this exports what the ES module does.
Object.defineProperty(exports, "__esModule", { value: true });
const core = require("./core/functions.js");
const errors = require("./core/lgsp-error.js");

for (const name of Object.keys(core)) {
  if (name !== "default") Object.defineProperty(exports, name, { enumerable: true, get: () => core[name] });
}
Object.defineProperty(exports, "default", { enumerable: true, get: () => core.default });
Object.defineProperty(exports, "CLIENT_ERROR_CODES", { enumerable: true, get: () => errors.CLIENT_ERROR_CODES });
Object.defineProperty(exports, "LgspError", { enumerable: true, get: () => errors.LgspError });
Object.defineProperty(exports, "isLgspError", { enumerable: true, get: () => errors.isLgspError });
Object.defineProperty(exports, "LGSP_ERROR_CODES", { enumerable: true, get: () => errors.LGSP_ERROR_CODES });
// Loaded on first use.
Object.defineProperty(exports, "createClient", { enumerable: true, get: () => require("./gateway/client.js").createClient });
Object.defineProperty(exports, "ENVIRONMENTS", { enumerable: true, get: () => require("./gateway/client.js").ENVIRONMENTS });
Object.defineProperty(exports, "handlePaymentResult", { enumerable: true, get: () => require("./gateway/payment-result.js").handlePaymentResult });
Object.defineProperty(exports, "confirmPayment", { enumerable: true, get: () => require("./gateway/payment-result.js").confirmPayment });
