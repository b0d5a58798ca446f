// What the package says, as data, in English and Vietnamese: the core's problems, repairs and
// errors, the confirmation problems, and the few problems the package's JavaScript makes itself
// (its phrase table, esm/core/said.js): each has `params` and a `text` whose Vietnamese quotes
// the same values as its English.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as lib from 'lgsp-paygate';
import samples from './support/samples.cjs';
import reference from './support/reference.cjs';
import contract from './support/contract.cjs';

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('lgsp-paygate/package.json'));
const { PHRASES } = await import(pathToFileURL(path.join(packageDir, 'esm', 'core', 'said.js')).href);

/** The values a sentence quotes: strings in double quotes and numbers. */
const quotedIn = (sentence) => sentence.match(/"(?:[^"\\]|\\.)*"…?|\b\d+(?:\.\d+)?\b/g) ?? [];

function sameValues(said, label) {
  contract.assertSaid(said, label);
  for (const value of quotedIn(said.text.en)) assert.ok(said.text.vi.includes(value), `${label}: "${said.text.vi}" quotes ${value} as "${said.text.en}" does`);
}

test('values are typed: the Vietnamese says the JSON type in Vietnamese, the params carry its id', () => {
  const report = lib.validate('paygate', { ...samples.order, partnerCode: 'P', accessKey: 'A', amount: '40000', checksum: '0'.repeat(64) });
  const [amount] = contract.problemsAt(report.errors, 'amount');
  assert.deepEqual(amount.params, { field: 'amount', got: 'string' });
  assert.match(amount.text.vi, /nhận được một chuỗi/);
  assert.doesNotMatch(amount.text.vi, /a string/);
  const half = lib.validate('paygate', { amount: 40000.5 }).errors.find((p) => p.path === 'amount');
  assert.equal(half.params.value, 40000.5);
  assert.match(half.text.vi, /40000\.5/);
  const cut = lib.parseLoose('{"orderId": "x"').defects.at(-1);
  assert.deepEqual(cut.params, { close: '}' });
  assert.equal(cut.text.vi, 'văn bản kết thúc trước }');
});

test('the confirmation problems say MISMATCH, NOT_PAID, REFUNDED and NOT_A_PAYMENT in Vietnamese', () => {
  const result = { ...samples.paymentResult, errorCode: '24' };
  const order = { orderId: result.orderId, payTransId: result.payTransId, amount: result.amount + 1, errorCode: '00', type: 'Refund' };
  const { problems } = lib.compareWithLookup(result, order);
  const other = lib.compareWithLookup(samples.paymentResult, { ...order, amount: samples.paymentResult.amount, type: 'Reversal' }).problems;
  const byCode = Object.fromEntries([...problems, ...other].map((p) => [p.code, p]));
  for (const code of ['MISMATCH', 'NOT_PAID', 'REFUNDED', 'NOT_A_PAYMENT']) {
    assert.ok(byCode[code], `${code} in ${JSON.stringify(problems)}`);
    sameValues(byCode[code], code);
  }
  assert.equal(byCode.NOT_PAID.text.vi, 'kết quả thanh toán báo errorCode "24", không phải "00"');
  assert.equal(byCode.NOT_A_PAYMENT.params.value, 'Reversal');
});

test('the problems the package makes itself have the core\'s shape, in both languages', async () => {
  const cases = [
    ['TOO_LARGE', lib.handlePaymentResult('x'.repeat(100), { maxBytes: 10 }), { maxBytes: 10 }],
    ['INVALID_JSON', lib.handlePaymentResult(new Uint8Array([0xc3, 0x28])), {}],
    ['INVALID_ARGUMENT', lib.handlePaymentResult(new Map()), { got: 'Map' }],
    ['INVALID_ARGUMENT', lib.handlePaymentResult(42), { got: 'number' }],
    ['INVALID_JSON', lib.handlePaymentResult('{"amount": '), null],
    ['INPUT_TOO_LARGE', lib.handlePaymentResult({ orderInfo: 'x'.repeat(lib.MAX_INPUT_LENGTH + 1) }, { maxBytes: 64 * 1024 * 1024 }), null],
  ];
  for (const [code, outcome, params] of cases) {
    const [problem] = outcome.problems;
    assert.equal(problem.code, code, JSON.stringify(problem));
    sameValues(problem, code);
    if (params) assert.deepEqual(problem.params, params);
  }
  const client = { getOrderInfo: async () => { throw Object.assign(new Error('no such order'), { code: 'GATEWAY_ERROR', gatewayCode: 'NOT_EXITS' }); } };
  const result = { ...samples.paymentResult, checksum: reference.referenceChecksum('result', samples.paymentResult, null) };
  const check = await lib.confirmPayment(result, client);
  assert.equal(check.problems[0].code, 'UNKNOWN_TRANSACTION');
  sameValues(check.problems[0], 'UNKNOWN_TRANSACTION');
  const guard = (() => { try { lib.checksum('lookup', { orderId: 'x'.repeat(lib.MAX_INPUT_LENGTH + 1) }, 'k'); } catch (e) { return e; } })();
  assert.equal(guard.code, 'INPUT_TOO_LARGE');
  sameValues(guard, 'the guard');
});

test('every phrase of the package\'s own table names the same values in both languages', () => {
  const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  assert.ok(Object.keys(PHRASES).length >= 5);
  for (const [name, [en, vi]] of Object.entries(PHRASES)) {
    assert.ok(vi && vi !== en, `${name}: no Vietnamese of its own`);
    assert.deepEqual(holes(vi), holes(en), `${name}: the templates name different values`);
  }
});
