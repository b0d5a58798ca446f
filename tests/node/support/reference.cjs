'use strict';
// An independent reading of the checksum table of docs/gateway.md, written with node:crypto only.
// Tests compare the package against this, never against the package itself.
const { createHash } = require('node:crypto');

const RESULT_PREFIX = 'PAYHCM1.0';

/** docs/gateway.md, "The four checksum schemes": prefix, then the fields in pre-image order. */
const SCHEMES = {
  paygate: {
    prefix: 'secretKey',
    fields: ['partnerCode', 'accessKey', 'orderId', 'orderInfo', 'requestCode', 'amount', 'serviceCode', 'returnUrl', 'ipAddress', 'accountCode'],
  },
  result: {
    prefix: RESULT_PREFIX,
    fields: ['paygate', 'orderId', 'amount', 'payDate', 'type', 'orderInfo', 'payTransId', 'errorCode'],
  },
  refund: {
    prefix: 'secretKey',
    fields: ['partnerCode', 'accessKey', 'transactionNo', 'orderId', 'requestCode', 'amount', 'transactionType', 'orderInfo'],
  },
  lookup: {
    prefix: 'secretKey',
    fields: ['partnerCode', 'accessKey', 'transactionNo', 'orderId'],
  },
};

function referencePreimage(scheme, fields, secretKey) {
  const table = SCHEMES[scheme];
  const head = table.prefix === 'secretKey' ? secretKey : table.prefix;
  return head + table.fields.map((name) => String(fields[name])).join('');
}

function sha256Hex(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function referenceChecksum(scheme, fields, secretKey) {
  return sha256Hex(referencePreimage(scheme, fields, secretKey));
}

module.exports = { RESULT_PREFIX, SCHEMES, referencePreimage, referenceChecksum, sha256Hex };
