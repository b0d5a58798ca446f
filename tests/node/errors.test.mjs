// Misuse throws a real Error with a stable `code`, never a string or a wasm trap; the instance
// keeps working afterwards; and no error text ever contains the secret key or the token.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as lib from 'lgsp-paygate';
import vectors from './support/vectors.cjs';
import contract from './support/contract.cjs';
import samples from './support/samples.cjs';

const { expectCode, assertNoSecret } = contract;
const { CANARY_SECRET } = samples;

const known = vectors.simpleValidCase('lookup');
const fields = { ...known.fields };
const withField = (name, value) => ({ ...fields, [name]: value });
const without = (name) => {
  const copy = { ...fields };
  delete copy[name];
  return copy;
};
const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');
const canaryToken = base64(
  JSON.stringify({ AccessKey: 'a1', SecretKey: CANARY_SECRET, AppName: 'app', PartnerCode: 'p', PartnerCodeCus: 'p' }),
);
const throwingGetter = Object.defineProperty({ ...without('orderId') }, 'orderId', {
  enumerable: true,
  get() {
    throw new Error('getter exploded');
  },
});
const paygateFields = vectors.simpleValidCase('paygate').fields;
const deeplyNested = Array.from({ length: 200 }).reduce((inner) => ({ inner }), {});

/** [label, expected code, call]: every call gets the canary secret wherever it takes one. */
const misuse = [
  ['unknown scheme in checksum', 'UNKNOWN_SCHEME', () => lib.checksum('pay', fields, CANARY_SECRET)],
  ['unknown scheme in preimage', 'UNKNOWN_SCHEME', () => lib.preimage('Lookup', fields, CANARY_SECRET)],
  ['unknown scheme in verify', 'UNKNOWN_SCHEME', () => lib.verify('', { ...fields, checksum: known.checksum }, CANARY_SECRET)],
  ['unknown scheme in validate', 'UNKNOWN_SCHEME', () => lib.validate('payment', fields)],
  ['missing field', 'MISSING_FIELD', () => lib.checksum('lookup', without('orderId'), CANARY_SECRET)],
  ['missing field amount', 'MISSING_FIELD', () => lib.checksum('paygate', { ...paygateFields, amount: undefined }, CANARY_SECRET)],
  ['missing secret (null)', 'MISSING_SECRET', () => lib.checksum('lookup', fields, null)],
  ['missing secret (undefined)', 'MISSING_SECRET', () => lib.checksum('lookup', fields)],
  ['missing secret in preimage', 'MISSING_SECRET', () => lib.preimage('lookup', fields, null, { revealSecret: true })],
  ['missing secret in verify', 'MISSING_SECRET', () => lib.verify('lookup', { ...fields, checksum: known.checksum }, null)],
  ['boolean value', 'INVALID_FIELD', () => lib.checksum('lookup', withField('orderId', true), CANARY_SECRET)],
  ['null value', 'INVALID_FIELD', () => lib.checksum('lookup', withField('orderId', null), CANARY_SECRET)],
  ['array value', 'INVALID_FIELD', () => lib.checksum('lookup', withField('orderId', ['050720190008']), CANARY_SECRET)],
  ['object value', 'INVALID_FIELD', () => lib.checksum('lookup', withField('orderId', { id: '050720190008' }), CANARY_SECRET)],
  ['float 1.5', 'INVALID_FIELD', () => lib.checksum('paygate', { ...paygateFields, amount: 1.5 }, CANARY_SECRET)],
  ['NaN', 'INVALID_ARGUMENT', () => lib.checksum('paygate', { ...paygateFields, amount: NaN }, CANARY_SECRET)],
  ['Infinity', 'INVALID_ARGUMENT', () => lib.checksum('paygate', { ...paygateFields, amount: Infinity }, CANARY_SECRET)],
  ['-Infinity', 'INVALID_ARGUMENT', () => lib.checksum('paygate', { ...paygateFields, amount: -Infinity }, CANARY_SECRET)],
  ['Symbol value', 'INVALID_ARGUMENT', () => lib.checksum('lookup', withField('orderId', Symbol('x')), CANARY_SECRET)],
  ['function value', 'INVALID_ARGUMENT', () => lib.checksum('lookup', withField('orderId', () => '1'), CANARY_SECRET)],
  ['BigInt out of range', 'INVALID_ARGUMENT', () => lib.checksum('paygate', { ...paygateFields, amount: 2n ** 80n }, CANARY_SECRET)],
  ['throwing getter', 'INVALID_ARGUMENT', () => lib.checksum('lookup', throwingGetter, CANARY_SECRET)],
  ['nesting too deep', 'INVALID_ARGUMENT', () => lib.validate('lookup', { ...fields, note: deeplyNested })],
  ['lone surrogate', 'INVALID_ARGUMENT', () => lib.checksum('lookup', withField('orderId', 'SBN_\uD800'), CANARY_SECRET)],
  ['invalid JSON payment result', 'INVALID_JSON', () => lib.parsePaymentResult('{"amount": 40000, "orderId": ')],
  ['invalid JSON payment result (typographic quotes)', 'INVALID_JSON', () => lib.parsePaymentResult('{"paygate":"momo”}')],
  ['invalid JSON gateway response', 'INVALID_JSON', () => lib.parseGatewayResponse('paygate', 'Bad Gateway')],
  ['invalid JSON lookup response', 'INVALID_JSON', () => lib.parseGatewayResponse('lookup', '{"error_code": "SUCCESSFUL",}')],
  ['token that is not base64', 'INVALID_TOKEN', () => lib.decodeAuthorization('not a token!*')],
  ['token that is not JSON', 'INVALID_TOKEN', () => lib.decodeAuthorization(base64('AccessKey=a1;SecretKey=' + CANARY_SECRET))],
  ['token with truncated JSON', 'INVALID_TOKEN', () => lib.decodeAuthorization(canaryToken.slice(0, 60))],
  ['token without PartnerCodeCus', 'INVALID_TOKEN', () =>
    lib.decodeAuthorization(base64(JSON.stringify({ AccessKey: 'a1', SecretKey: CANARY_SECRET, AppName: 'app', PartnerCode: 'p' })))],
  ['builder with an invalid order', 'INVALID_MESSAGE', () =>
    lib.buildPaygateRequest({ ...samples.order, amount: 0, returnUrl: 'ftp://x' }, { ...samples.credentials, secretKey: CANARY_SECRET })],
];

test('misuse throws an Error with the documented code', async (t) => {
  for (const [label, code, call] of misuse) {
    await t.test(label, () => {
      const err = expectCode(call, code, label);
      assertNoSecret(err, [CANARY_SECRET, canaryToken], label);
      assert.equal(lib.checksum(known.scheme, known.fields, known.secretKey), known.checksum, `${label}: checksum after the error (case ${known.id})`);
    });
  }
});

test('a missing field is named by the error', () => {
  const err = expectCode(() => lib.checksum('lookup', without('orderId'), CANARY_SECRET), 'MISSING_FIELD', 'missing orderId');
  const named = err.path !== undefined ? err.path : err.message;
  assert.match(String(named), /orderId/, 'path (or else message) names orderId');
});

test('an invalid field is named by the error', () => {
  const err = expectCode(() => lib.checksum('lookup', withField('transactionNo', false), CANARY_SECRET), 'INVALID_FIELD', 'boolean transactionNo');
  const named = err.path !== undefined ? err.path : err.message;
  assert.match(String(named), /transactionNo/, 'path (or else message) names transactionNo');
});

test('the secret key never reaches a return value meant for display', () => {
  const masked = lib.preimage('lookup', fields, CANARY_SECRET);
  assert.ok(!masked.includes(CANARY_SECRET), 'preimage() without revealSecret masks the secret');
  assert.ok(lib.preimage('lookup', fields, CANARY_SECRET, { revealSecret: true }).startsWith(CANARY_SECRET), 'revealSecret shows it');
});
