// Results, delivery and odd inputs: one fail-closed rule for paid and confirmed, deliveryKey
// under concurrent deliveries, the CLI's escapes, the mock's credential defaults, and bodies of
// every byte type.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import {
  confirmPayment, compareWithLookup, createClient, handlePaymentResult, paymentResultReply, startMockGateway,
} from 'lgsp-paygate';
import samples from './support/samples.cjs';
import { startReturnServer } from './support/loopback.mjs';
import { ORDER, RESULT_FIELDS, answering, cliPath, credentials, signedResult } from './support/hostile.mjs';
import { read } from './support/docs.mjs';

// ---------------------------------------------------------------------------------------------
// Fail closed: one rule for errorCode, only a payment confirms

test('compareWithLookup confirms only a lookup whose type reads as Pay', () => {
  const result = handlePaymentResult(signedResult(RESULT_FIELDS)).result;
  for (const type of ['Pay', 'pay', 'PAY']) assert.equal(compareWithLookup(result, { ...ORDER, type }).confirmed, true, type);
  for (const [type, code] of [['Refund', 'REFUNDED'], ['REFUND', 'REFUNDED'], ['REFUNDED', 'NOT_A_PAYMENT'], ['', 'NOT_A_PAYMENT'],
    [' Pay', 'NOT_A_PAYMENT'], ['Paid', 'NOT_A_PAYMENT'], [null, 'NOT_A_PAYMENT'], [undefined, 'NOT_A_PAYMENT']]) {
    const order = { ...ORDER, type };
    if (type === undefined) delete order.type;
    const c = compareWithLookup(result, order);
    assert.equal(c.confirmed, false, `type ${JSON.stringify(type)}`);
    assert.deepEqual(c.problems.map((p) => `${p.path}:${p.code}`), [`type:${code}`], `type ${JSON.stringify(type)}`);
  }
});

test('a result claims a payment with "00" (white space around it allowed); only a record of exactly "00" confirms it', async () => {
  for (const errorCode of ['0', '000', '24', '0 0', '\u000000']) {
    const outcome = handlePaymentResult(signedResult({ ...RESULT_FIELDS, errorCode }));
    assert.equal(outcome.paid, false, `paid with errorCode ${JSON.stringify(errorCode)}`);
    if (outcome.result) {
      const c = compareWithLookup(outcome.result, { ...ORDER, errorCode });
      assert.equal(c.confirmed, false, `confirmed with errorCode ${JSON.stringify(errorCode)}`);
      assert.ok(c.problems.some((p) => p.code === 'NOT_PAID'), `NOT_PAID for ${JSON.stringify(errorCode)}`);
    }
  }
  // The guide's result example writes " 00": a claim worth a lookup, which decides.
  for (const errorCode of [' 00', '00 ']) {
    const outcome = handlePaymentResult(signedResult({ ...RESULT_FIELDS, errorCode }));
    assert.equal(outcome.paid, true, `a claim: ${JSON.stringify(errorCode)}`);
    assert.equal(compareWithLookup(outcome.result, ORDER).confirmed, true, 'the record says exactly 00');
    const c = compareWithLookup(outcome.result, { ...ORDER, errorCode });
    assert.deepEqual(c.problems.map((p) => `${p.path}:${p.code}`), ['errorCode:MISMATCH'], 'a record must say exactly 00');
  }
  const good = handlePaymentResult(signedResult(RESULT_FIELDS));
  assert.equal(good.paid, true);
  // Through confirmPayment and a gateway whose lookup answers each type.
  for (const [type, confirmed] of [['Pay', true], ['REFUNDED', false], ['', false], [undefined, false]]) {
    const data = { partnerCode: credentials.partnerCode, orderId: ORDER.orderId, serviceCode: 's', payTransId: ORDER.payTransId,
      orderInfo: 'thanh toan', errorCode: '00', paygate: 'momo', type, payDate: '20191212161254', amount: '40000' };
    const client = createClient({ environment: { baseUrl: 'http://127.0.0.1:9' }, credentials,
      fetch: answering(200, JSON.stringify({ error_code: 'SUCCESSFUL', error_message: '', data })) });
    const c = await confirmPayment(good.result, client);
    assert.equal(c.confirmed, confirmed, `lookup type ${JSON.stringify(type)}: ${JSON.stringify(c.problems)}`);
    if (!confirmed) assert.deepEqual(c.problems.map((p) => p.code), ['NOT_A_PAYMENT']);
  }
});

// ---------------------------------------------------------------------------------------------
// Idempotent delivery

test('deliveryKey names one transaction: every copy of a result has it, another transaction does not', () => {
  const body = signedResult(RESULT_FIELDS);
  const key = handlePaymentResult(body).deliveryKey;
  assert.equal(key, JSON.stringify([RESULT_FIELDS.orderId, RESULT_FIELDS.payTransId]));
  assert.equal(handlePaymentResult(Buffer.from(body)).deliveryKey, key);
  assert.equal(handlePaymentResult(JSON.parse(body)).deliveryKey, key);
  assert.equal(handlePaymentResult(JSON.stringify(JSON.parse(body), null, 2)).deliveryKey, key, 'formatting does not change it');
  assert.notEqual(handlePaymentResult(signedResult({ ...RESULT_FIELDS, payTransId: '1258486' })).deliveryKey, key);
  assert.equal(handlePaymentResult('{"paygate":"momo"}').deliveryKey, null, 'not accepted: no key');
  assert.equal(handlePaymentResult(body.replace('40000', '40001')).deliveryKey, null, 'wrong checksum: no key');
});

test('a result delivered 20 times at once is fulfilled once when the key is claimed before fulfilment', async () => {
  const mock = await startMockGateway({ credentials });
  const captured = await startReturnServer(() => ({ reply: paymentResultReply(true) }));
  try {
    const client = createClient({ environment: { baseUrl: mock.url }, credentials, timeoutMs: 10_000 });
    await client.createPayment({ ...samples.order, orderId: 'SBN_ONCE', returnUrl: captured.url });
    const arrived = captured.next();
    await mock.complete('SBN_ONCE', 'pay');
    await arrived;
    const body = Buffer.from(captured.received.at(-1).body);
    // The README's handler: confirm, then claim the key, then fulfil.
    const claimed = new Set();
    let fulfilled = 0;
    const handle = async (copy) => {
      const outcome = handlePaymentResult(copy);
      if (!outcome.paid) return 'not paid';
      const check = await confirmPayment(outcome.result, client);
      if (!check.confirmed) return 'not confirmed';
      if (claimed.has(outcome.deliveryKey)) return 'already delivered';
      claimed.add(outcome.deliveryKey);
      fulfilled += 1;
      return 'delivered';
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => handle(Buffer.from(body))));
    assert.equal(answers.filter((a) => a === 'delivered').length, 1, answers.join());
    assert.equal(answers.filter((a) => a === 'already delivered').length, 19);
    assert.equal(fulfilled, 1);
  } finally {
    await mock.close();
    await captured.close();
  }
});

test('the documentation says a result may come more than once and concurrently, and how to record it once', () => {
  const text = read('docs/receiving-results.md');
  assert.match(text, /more than once/);
  assert.match(text, /concurrently|at the same time|at\s+the same moment/);
  assert.match(text, /deliveryKey/);
  assert.match(text, /unique (key|constraint)/);
});

// ---------------------------------------------------------------------------------------------
// The CLI's escapes, the mock's defaults

test('the CLI escapes control characters it echoes from the input', () => {
  const message = { ...samples.lookup, checksum: '\u001b[2J\u001b]0;owned\u0007\u009b31m' };
  const run = spawnSync(process.execPath, [cliPath(), 'verify', 'lookup', '--secret-env', 'LGSP_T'], {
    input: JSON.stringify(message), env: { ...process.env, LGSP_T: 'some-secret-key' }, encoding: 'utf8', timeout: 30_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  assert.notEqual(run.status, 0);
  assert.ok(output.length > 0, 'it said something');
  assert.doesNotMatch(output, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, `raw control characters reach the terminal:\n${JSON.stringify(output)}`);
  // A loose reading quotes the text too.
  const loose = spawnSync(process.execPath, [cliPath(), 'checksum', 'lookup', '--loose', '--secret-env', 'LGSP_T'], {
    input: `{“partnerCode”: "\u001b[2J", }`, env: { ...process.env, LGSP_T: 'some-secret-key' }, encoding: 'utf8', timeout: 30_000,
  });
  assert.doesNotMatch(`${loose.stdout}${loose.stderr}`, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
});

test('the mock takes credentials without appName and partnerCodeCus, with documented defaults', async () => {
  const given = { partnerCode: 'MOCK.01', accessKey: crypto.randomBytes(8).toString('hex'), secretKey: crypto.randomBytes(24).toString('base64') };
  const mock = await startMockGateway({ credentials: given });
  const captured = await startReturnServer(() => ({ reply: paymentResultReply(true) }));
  try {
    assert.equal(mock.credentials.appName, 'lgsp_paygate_mock');
    assert.equal(mock.credentials.partnerCodeCus, given.partnerCode);
    const client = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials });
    const created = await client.createPayment({ ...samples.order, orderId: 'SBN_DEFAULTS', returnUrl: captured.url });
    assert.ok(created.url.startsWith(mock.url));
    // Completions stay unique across many orders (each payTransId drawn against an index).
    const ids = new Set();
    for (let i = 0; i < 200; i += 1) {
      await client.createPayment({ ...samples.order, orderId: `SBN_MANY_${i}`, returnUrl: 'https://unit.example/return' });
      await mock.complete(`SBN_MANY_${i}`, i % 2 ? 'pay' : 'fail');
      ids.add(mock.order(`SBN_MANY_${i}`).payTransId);
    }
    assert.equal(ids.size, 200);
  } finally {
    await mock.close();
    await captured.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Bytes in every form

test('handlePaymentResult reads every byte type as UTF-8 text, and names any other type', () => {
  const body = signedResult({ ...RESULT_FIELDS, orderInfo: 'Lệ phí hồ sơ' });
  const bytes = new TextEncoder().encode(body);
  // A view into the middle of a larger buffer, so byteOffset matters.
  const padded = new Uint8Array(bytes.length + 16);
  padded.set(bytes, 8);
  const forms = {
    string: body,
    Uint8Array: bytes,
    Buffer: Buffer.from(body),
    ArrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    DataView: new DataView(padded.buffer, 8, bytes.length),
    'Uint8Array at an offset': padded.subarray(8, 8 + bytes.length),
    'Buffer at an offset': Buffer.from(padded.buffer, 8, bytes.length),
  };
  for (const [name, form] of Object.entries(forms)) {
    const outcome = handlePaymentResult(form);
    assert.equal(outcome.accepted, true, `${name}: ${JSON.stringify(outcome.problems)}`);
    assert.equal(outcome.paid, true, name);
    assert.equal(outcome.result.orderInfo, 'Lệ phí hồ sơ', name);
  }
  // An instance whose fields are its data reads as the object it is.
  class Received { constructor(fields) { Object.assign(this, fields); } }
  assert.equal(handlePaymentResult(new Received(JSON.parse(body))).paid, true, 'a class instance with the fields');
  for (const [name, form] of [['Blob', new Blob([body])], ['Map', new Map()], ['number', 5], ['undefined', undefined],
    ['Promise', Promise.resolve(body)], ['Readable', Readable.from([body])], ['Date', new Date()]]) {
    const outcome = handlePaymentResult(form);
    assert.equal(outcome.accepted, false, name);
    assert.equal(outcome.problems[0].code, 'INVALID_ARGUMENT', name);
    assert.match(outcome.problems[0].message, new RegExp(name), name);
    assert.equal(JSON.parse(outcome.reply).error_code, 'FAILED', name);
  }
  const notUtf8 = handlePaymentResult(new Uint8Array([0x7b, 0xff, 0x7d]).buffer);
  assert.equal(notUtf8.problems[0].code, 'INVALID_JSON');
});

test('confirmPaymentResult, compareWithLookup\'s old name, is the same function until 1.0', async () => {
  const lib = await import('lgsp-paygate');
  assert.equal(lib.confirmPaymentResult, lib.compareWithLookup);
  const result = handlePaymentResult(signedResult(RESULT_FIELDS)).result;
  assert.deepEqual(lib.confirmPaymentResult(result, ORDER), compareWithLookup(result, ORDER));
});
