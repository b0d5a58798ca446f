// Builders sign a message with the credentials: the body they return must be exactly what
// pre-image of docs/gateway.md ("The four checksum schemes") gives when computed independently
// with node:crypto.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as lib from 'lgsp-paygate';
import samples from './support/samples.cjs';
import reference from './support/reference.cjs';
import contract from './support/contract.cjs';

const { expectCode, assertNoSecret, problemsAt, assertProblemShape } = contract;
const { referenceChecksum } = reference;

function checkBuilt(built, scheme, expectedBody, secretKey, label) {
  assert.deepEqual(Object.keys(built).sort(), ['body', 'json', 'warnings'], `${label}: {body, json, warnings}`);
  assert.equal(typeof built.json, 'string', `${label}: json is a string`);
  assert.deepEqual(JSON.parse(built.json), built.body, `${label}: JSON.parse(json) equals body`);
  assertProblemShape(built.warnings, `${label}: warnings`);
  const expected = referenceChecksum(scheme, expectedBody, secretKey);
  assert.equal(built.body.checksum, expected, `${label}: body.checksum is sha256 of the pre-image of docs/gateway.md`);
  assert.deepEqual({ ...built.body }, { ...expectedBody, checksum: expected }, `${label}: body fields`);
  assert.ok(!built.json.includes(secretKey), `${label}: the secret key is not in the body`);
}

test('buildPaygateRequest: the guide sample order, as printed', () => {
  const built = lib.buildPaygateRequest(samples.guideOrder, samples.guideCredentials);
  const expectedBody = { partnerCode: samples.guideCredentials.partnerCode, accessKey: samples.guideCredentials.accessKey, ...samples.guideOrder };
  checkBuilt(built, 'paygate', expectedBody, samples.guideCredentials.secretKey, 'guide paygate');
  assert.equal(built.body.accountCode, 'payment_test ', 'values are signed exactly as given, whitespace included');
  assert.ok(problemsAt(built.warnings, 'accountCode').length > 0, 'the trailing space in accountCode is warned about');
  assert.ok(problemsAt(built.warnings, 'accessKey').length > 0, 'the leading space in accessKey is warned about');
});

test('buildPaygateRequest: a clean order has no whitespace warnings', () => {
  const built = lib.buildPaygateRequest(samples.order, samples.credentials);
  const expectedBody = { partnerCode: samples.credentials.partnerCode, accessKey: samples.credentials.accessKey, ...samples.order };
  checkBuilt(built, 'paygate', expectedBody, samples.credentials.secretKey, 'clean paygate');
  assert.equal(problemsAt(built.warnings, 'accountCode').length + problemsAt(built.warnings, 'accessKey').length, 0,
    `no whitespace warnings: ${JSON.stringify(built.warnings)}`);
  assert.equal(typeof built.body.amount, 'number', 'amount stays a JSON number');
});

test('buildRefundRequest: transactionType defaults to "02"', () => {
  const built = lib.buildRefundRequest(samples.refund, samples.credentials);
  const expectedBody = { partnerCode: samples.credentials.partnerCode, accessKey: samples.credentials.accessKey, transactionType: '02', ...samples.refund };
  checkBuilt(built, 'refund', expectedBody, samples.credentials.secretKey, 'refund');
});

test('buildRefundRequest: an explicit transactionType is signed as given', () => {
  const refund = { ...samples.refund, transactionType: '02', orderInfo: 'Hoàn tiền hồ sơ 050720190008' };
  const built = lib.buildRefundRequest(refund, samples.credentials);
  const expectedBody = { partnerCode: samples.credentials.partnerCode, accessKey: samples.credentials.accessKey, ...refund };
  checkBuilt(built, 'refund', expectedBody, samples.credentials.secretKey, 'refund with type');
});

test('buildLookupRequest', () => {
  const built = lib.buildLookupRequest(samples.lookup, samples.credentials);
  const expectedBody = { partnerCode: samples.credentials.partnerCode, accessKey: samples.credentials.accessKey, ...samples.lookup };
  checkBuilt(built, 'lookup', expectedBody, samples.credentials.secretKey, 'lookup');
});

test('an invalid order throws INVALID_MESSAGE with every problem', () => {
  const order = { ...samples.order, amount: 0, returnUrl: 'ftp://x', ipAddress: '999.1.1.1' };
  const credentials = { ...samples.credentials, secretKey: samples.CANARY_SECRET };
  const err = expectCode(() => lib.buildPaygateRequest(order, credentials), 'INVALID_MESSAGE', 'invalid order');
  assertProblemShape(err.problems, 'problems');
  for (const name of ['amount', 'returnUrl', 'ipAddress']) {
    assert.ok(problemsAt(err.problems, name).length > 0, `a problem at ${name}: ${JSON.stringify(err.problems)}`);
  }
  assertNoSecret(err, [samples.CANARY_SECRET], 'invalid order');
});

test('invalid refund and lookup requests throw INVALID_MESSAGE', () => {
  const refundErr = expectCode(() => lib.buildRefundRequest({ ...samples.refund, amount: -5 }, samples.credentials), 'INVALID_MESSAGE', 'negative refund');
  assert.ok(problemsAt(refundErr.problems, 'amount').length > 0, `a problem at amount: ${JSON.stringify(refundErr.problems)}`);
  const { orderId, ...noOrder } = samples.lookup;
  const lookupErr = expectCode(() => lib.buildLookupRequest(noOrder, samples.credentials), 'INVALID_MESSAGE', 'lookup without orderId');
  assert.ok(problemsAt(lookupErr.problems, 'orderId').length > 0, `a problem at orderId (${orderId} left out): ${JSON.stringify(lookupErr.problems)}`);
});
