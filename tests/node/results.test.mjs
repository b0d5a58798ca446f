// What comes back from the gateway: the payment result PUT to returnUrl, the reply the unit
// sends, and the responses of /paygate, /refund and /GetOrderInfo.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as lib from 'lgsp-paygate';
import samples from './support/samples.cjs';
import reference from './support/reference.cjs';
import contract from './support/contract.cjs';

const { assertProblemShape, problemsAt } = contract;

/** A payment result signed here with node:crypto (the result scheme has no secret). */
function signedResult(fields) {
  return { ...fields, checksum: reference.referenceChecksum('result', fields, null) };
}

function checkReport(r, label) {
  for (const key of ['valid', 'checksumValid', 'accepted', 'paid']) {
    assert.equal(typeof r[key], 'boolean', `${label}: ${key} is a boolean`);
  }
  assert.equal(r.accepted, r.valid && r.checksumValid, `${label}: accepted = valid && checksumValid`);
  assertProblemShape(r.errors, `${label}: errors`);
  assertProblemShape(r.warnings, `${label}: warnings`);
  assert.equal(typeof r.reply, 'string', `${label}: reply is a string`);
  return JSON.parse(r.reply);
}

test('parsePaymentResult accepts a correctly signed result, as text and as an object', () => {
  const message = signedResult(samples.paymentResult);
  for (const [label, body] of [['text', JSON.stringify(message)], ['object', message]]) {
    const r = lib.parsePaymentResult(body);
    const reply = checkReport(r, label);
    assert.equal(r.checksumValid, true, `${label}: checksumValid`);
    assert.equal(r.accepted, true, `${label}: accepted`);
    assert.equal(r.paid, true, `${label}: paid (errorCode "00")`);
    assert.equal(reply.error_code, 'SUCCESSFUL', `${label}: reply error_code`);
    assert.equal(typeof reply.error_message, 'string', `${label}: reply error_message`);
    assert.equal(r.result.orderId, samples.paymentResult.orderId, `${label}: result.orderId`);
    assert.equal(r.result.amount, samples.paymentResult.amount, `${label}: result.amount`);
    assert.equal(r.result.payTransId, samples.paymentResult.payTransId, `${label}: result.payTransId`);
  }
});

test('parsePaymentResult accepts an upper-case checksum like the guide writes', () => {
  const message = signedResult(samples.paymentResult);
  const r = lib.parsePaymentResult({ ...message, checksum: message.checksum.toUpperCase() });
  checkReport(r, 'upper case');
  assert.equal(r.accepted, true, 'accepted');
});

test('parsePaymentResult refuses a tampered amount', () => {
  const message = { ...signedResult(samples.paymentResult), amount: 4000000 };
  const r = lib.parsePaymentResult(JSON.stringify(message));
  const reply = checkReport(r, 'tampered');
  assert.equal(r.checksumValid, false, 'checksumValid');
  assert.equal(r.accepted, false, 'accepted');
  assert.equal(r.paid, false, 'paid');
  assert.equal(reply.error_code, 'FAILED', 'reply error_code');
});

test('parsePaymentResult: a signed failure is accepted but not paid', () => {
  const r = lib.parsePaymentResult(signedResult({ ...samples.paymentResult, errorCode: '24' }));
  const reply = checkReport(r, 'failed payment');
  assert.equal(r.accepted, true, 'accepted: the message itself is sound');
  assert.equal(r.paid, false, 'paid: errorCode is not "00"');
  assert.equal(reply.error_code, 'SUCCESSFUL', 'the unit acknowledges the message');
});

test('parsePaymentResult: a message with a missing field is not accepted', () => {
  const { payDate, ...rest } = signedResult(samples.paymentResult);
  const r = lib.parsePaymentResult(rest);
  const reply = checkReport(r, `missing payDate (${payDate})`);
  assert.equal(r.valid, false, 'valid');
  assert.equal(r.accepted, false, 'accepted');
  assert.ok(problemsAt(r.errors, 'payDate').length > 0, `an error at payDate: ${JSON.stringify(r.errors)}`);
  assert.equal(reply.error_code, 'FAILED', 'reply error_code');
});

test('paymentResultReply', () => {
  assert.deepEqual(JSON.parse(lib.paymentResultReply(true)), { error_code: 'SUCCESSFUL', error_message: 'Thành công' });
  assert.deepEqual(JSON.parse(lib.paymentResultReply(false)), { error_code: 'FAILED', error_message: 'Thất bại' });
  assert.deepEqual(JSON.parse(lib.paymentResultReply(false, 'Sai số tiền')), { error_code: 'FAILED', error_message: 'Sai số tiền' });
});

/** docs/gateway.md, "Error codes": the codes the guide lists for each response, in their wire spelling. */
const documentedCodes = {
  paygate: ['SUCCESSFUL', 'FAILED', 'PARAM_ERROR', 'SIGNTURE_WRONG', 'ORDER_EXITS'],
  refund: ['SUCCESSFUL', 'FAILED', 'NOT_AUTHORIZED', 'ACCOUNT_NOT_EXIST', 'PARAM_ERROR', 'ORDER_EXITS'],
  lookup: ['SUCCESSFUL', 'FAILED', 'PARAM_ERROR', 'NOT_EXITS'],
};

function checkResponse(g, kind, code, label) {
  assert.equal(g.kind, kind, `${label}: kind`);
  assert.equal(g.errorCode, code, `${label}: errorCode keeps the wire spelling`);
  assert.equal(g.ok, code === 'SUCCESSFUL', `${label}: ok`);
  assert.equal(typeof g.known, 'boolean', `${label}: known is a boolean`);
  assert.equal(typeof g.description.en, 'string', `${label}: description.en`);
  assert.equal(typeof g.description.vi, 'string', `${label}: description.vi`);
  assert.equal(typeof g.errorMessage, 'string', `${label}: errorMessage`);
  assertProblemShape(g.warnings, `${label}: warnings`);
}

test('parseGatewayResponse knows every documented error code', () => {
  const all = new Set(Object.values(documentedCodes).flat());
  assert.equal(all.size, 8, 'eight distinct codes in docs/gateway.md');
  for (const [kind, codes] of Object.entries(documentedCodes)) {
    for (const code of codes) {
      const label = `${kind} ${code}`;
      const g = lib.parseGatewayResponse(kind, JSON.stringify({ error_code: code, error_message: '', data: null }));
      checkResponse(g, kind, code, label);
      assert.equal(g.known, true, `${label}: known`);
      assert.ok(g.description.en.length > 0 && g.description.vi.length > 0, `${label}: described in both languages`);
    }
  }
});

test('parseGatewayResponse: an undocumented code is kept and marked unknown', () => {
  const g = lib.parseGatewayResponse('paygate', { error_code: 'GATEWAY_BUSY', error_message: 'try later', data: null });
  checkResponse(g, 'paygate', 'GATEWAY_BUSY', 'undocumented');
  assert.equal(g.known, false, 'known');
  assert.equal(g.errorMessage, 'try later', 'errorMessage');
});

test('parseGatewayResponse extracts the payment URL', () => {
  const body = JSON.stringify({ error_code: 'SUCCESSFUL', error_message: '', data: { url: samples.paymentUrl } });
  const g = lib.parseGatewayResponse('paygate', body);
  checkResponse(g, 'paygate', 'SUCCESSFUL', 'paygate success');
  assert.equal(g.url, samples.paymentUrl, 'url');
  const failed = lib.parseGatewayResponse('paygate', { error_code: 'FAILED', error_message: '', data: null });
  assert.equal(failed.url, null, 'no url on failure');
});

test('parseGatewayResponse reads the lookup order, amount "40000" as 40000', () => {
  const body = JSON.stringify({ error_code: 'SUCCESSFUL', error_message: '', data: samples.lookupResponseData });
  const g = lib.parseGatewayResponse('lookup', body);
  checkResponse(g, 'lookup', 'SUCCESSFUL', 'lookup success');
  assert.equal(g.order.amount, 40000, 'order.amount');
  assert.equal(g.order.amountText, '40000', 'order.amountText');
  assert.equal(g.order.orderId, samples.lookupResponseData.orderId, 'order.orderId');
  assert.equal(g.order.payTransId, samples.lookupResponseData.payTransId, 'order.payTransId');
  assert.equal(g.order.errorCode, '00', 'order.errorCode');
  const missing = lib.parseGatewayResponse('lookup', { error_code: 'NOT_EXITS', error_message: '', data: null });
  assert.equal(missing.order, null, 'no order when the transaction does not exist');
});

test('parseGatewayResponse takes the refund sample\'s data "null" as text', () => {
  const g = lib.parseGatewayResponse('refund', '{"error_code":"SUCCESSFUL","error_message":"SUCCESSFUL ","data":"null"}');
  checkResponse(g, 'refund', 'SUCCESSFUL', 'refund success');
  assert.equal(g.ok, true, 'ok');
});
