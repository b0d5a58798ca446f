// No secret in any error or log line, whatever a peer echoes: the token and the secret key in
// every form, at every offset around the cuts, searched for in message, own properties,
// JSON.stringify and util.inspect. First the redaction rule itself, over every encoding of
// support/hostile.mjs at every offset around a cut; then the client's errors and the mock's log.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createClient, startMockGateway } from 'lgsp-paygate';
import samples from './support/samples.cjs';
import { boundedFetch } from './support/loopback.mjs';
import {
  ENCODINGS, SECRET, TOKEN, answering, assertNoRun, assertShowsNothingOf, credentials, echoForms, everythingShown, nothingOf, packageRedactor, RUN,
} from './support/hostile.mjs';

/** A Vietnamese secret: its UTF-8, UTF-16 and escaped forms differ from its characters. */
const VIETNAMESE = 'Khóa-bí-mật-Đặc-Biệt-2024-xyz';
const SECRETS = { 'secret key': SECRET, 'Vietnamese secret key': VIETNAMESE, token: TOKEN };

test('the redaction rule: no window of a secret, in any encoding, at any offset around the cut, survives an excerpt or a tail', async () => {
  const { createRedactor } = await packageRedactor();
  const redactor = createRedactor([SECRET, VIETNAMESE, TOKEN]);
  const cut = 160;
  let checked = 0;
  for (const [secretName, secret] of Object.entries(SECRETS)) {
    for (const [encodingName, encode] of Object.entries(ENCODINGS)) {
      const echo = encode(secret);
      const expect = nothingOf(encode, secret, Object.values(SECRETS));
      // Every offset that puts the echo across the cut, and the first few.
      const offsets = new Set([0, 1, 2, 3, 5, 8, 13]);
      for (let k = Math.max(0, cut - echo.length - 2); k <= cut + 2; k += 1) offsets.add(k);
      for (const k of offsets) {
        const label = `${secretName}, ${encodingName}, at offset ${k}`;
        assertShowsNothingOf(redactor.excerpt(`${'.'.repeat(k)}${echo} and what follows`, cut), expect, `excerpt: ${label}`);
        assertShowsNothingOf(redactor.tail(`what came before ${echo}${'.'.repeat(k)}`, cut), expect, `tail: ${label}`);
        checked += 1;
      }
      // Glued to letters and digits, and with no cut at all.
      assertShowsNothingOf(redactor.text(`id=SBN_100012abc${echo}xyz09`), expect, `text: ${secretName}, ${encodingName}`);
    }
  }
  assert.ok(checked > 10_000, `checked ${checked} echoes`);
});

test('the redaction rule leaves ordinary text readable', async () => {
  const { createRedactor } = await packageRedactor();
  const redactor = createRedactor([SECRET, TOKEN]);
  const ordinary = [
    'order SBN17304567891231234 paid 40000: HTTP 200 {"error_code":"SUCCESSFUL","error_message":"Thành công"} in 12 ms',
    'POST https://hcmesb-test.tphcm.gov.vn/payment/GetOrderInfo: the gateway answered PARAM_ERROR (orderInfo: REQUIRED)',
    'orderId=SBN_100012&amount=40000&serviceCode=hcm_dichvucong&paymentResultReply=ok',
    'Đơn hàng 050720190008 đã được thanh toán lúc 20231107100110 qua cổng napas',
  ];
  for (const text of ordinary) assert.equal(redactor.excerpt(text, 500), text);
  // Long runs of an encoding go whatever they hold: a key nobody gave the redactor, a hash.
  const unknown = Buffer.from('an unknown key: 9f8e7d6c5b4a').toString('base64');
  assert.equal(redactor.excerpt(`key ${unknown} end`), 'key [REDACTED] end');
  assert.equal(redactor.excerpt('sum e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.'), 'sum [REDACTED].');
  // Control and bidi characters are written out, never sent raw to a terminal.
  assert.equal(redactor.excerpt('a\u001b[2Jb\u202ec\r\nd'), 'a\\u001b[2Jb\\u202ec\\u000d\\u000ad');
  assert.equal(redactor.tail('one\ntwo\u0007'), 'one\ntwo\\u0007');
});

/** A client whose gateway answers whatever `state.next` holds: [status, body]. */
function echoingClient() {
  const state = { next: [500, ''] };
  const client = createClient({ environment: { baseUrl: 'http://127.0.0.1:9' }, credentials, fetch: async () => answering(...state.next)() });
  return { client, state };
}

test('no 8-character run of the secret or the token in any error, whatever form and wherever the peer echoes it', async () => {
  const pad = (n) => 'x'.repeat(n);
  // Each shape with the cut its text meets: the body excerpt and response strings (500), or a
  // quote in the message (200). Every offset that makes the echo straddle that cut, and a few more.
  const offsets = (form, cut, every) => {
    const set = new Set([0, 1, 37, cut - form.length, cut - Math.floor(form.length / 2), cut - RUN, cut - 1]);
    if (every) for (let k = cut - form.length - 1; k <= cut + 1; k += 1) set.add(k);
    return [...set].filter((k) => k >= 0);
  };
  // [cut, every offset?, answer]: the body excerpt and the message quote at every offset; the
  // other places at the offsets around their cut.
  const shapes = {
    'HTTP 500 text': [500, true, (echo) => [500, echo]],
    'HTTP 200 not JSON': [500, false, (echo) => [200, echo]],
    'data and a key': [500, false, (echo) => [200, JSON.stringify({ error_code: 'SIGNTURE_WRONG', error_message: '', data: { [echo.slice(-40)]: echo, list: [echo] } })]],
    'error_message': [200, true, (echo) => [200, JSON.stringify({ error_code: 'PARAM_ERROR', error_message: echo, data: null })]],
    'error_message JSON-escaped by the peer': [200, false, (echo) => [200, JSON.stringify({ error_code: 'PARAM_ERROR', error_message: echo }).replaceAll('/', '\\/')]],
    'error_code': [200, false, (echo) => [200, JSON.stringify({ error_code: echo, error_message: '', data: null })]],
  };
  const { client, state } = echoingClient();
  let checked = 0;
  for (const [secretName, secret] of [['secret', SECRET], ['token', TOKEN]]) {
    for (const [formName, form] of Object.entries(echoForms(secret))) {
      for (const [shapeName, [cut, every, shape]] of Object.entries(shapes)) {
        for (const k of offsets(form, cut, every)) {
          state.next = shape(`${pad(k)}${form} and more text after it`);
          const error = await client.getOrderInfo(samples.lookup).then(() => null, (e) => e);
          const label = `${secretName} ${formName} at offset ${k}, ${shapeName}`;
          assert.ok(error instanceof Error, `${label}: rejects`);
          assertNoRun(error, label);
          checked += 1;
        }
      }
    }
  }
  assert.ok(checked > 5000, `checked ${checked} echoes`);
});

test('every encoding of the report\'s list, echoed by the gateway, around each cut: no window in any error', async () => {
  const { client, state } = echoingClient();
  const shapes = {
    'HTTP 500 body': [500, (echo) => [500, echo]],
    error_message: [200, (echo) => [200, JSON.stringify({ error_code: 'PARAM_ERROR', error_message: echo, data: null })]],
    'a data value': [500, (echo) => [200, JSON.stringify({ error_code: 'SIGNTURE_WRONG', error_message: '', data: { echo } })]],
  };
  let checked = 0;
  for (const [secretName, secret] of [['secret', SECRET], ['token', TOKEN]]) {
    for (const [encodingName, encode] of Object.entries(ENCODINGS)) {
      const echo = encode(secret);
      const expect = nothingOf(encode, secret, [SECRET, TOKEN]);
      for (const [shapeName, [cut, shape]] of Object.entries(shapes)) {
        for (const k of new Set([0, 37, cut - Math.floor(echo.length / 2), cut - RUN].filter((n) => n >= 0))) {
          state.next = shape(`${'.'.repeat(k)}${echo} and more`);
          const error = await client.getOrderInfo(samples.lookup).then(() => null, (e) => e);
          assert.ok(error instanceof Error);
          const label = `${secretName} ${encodingName} at offset ${k}, ${shapeName}`;
          assertShowsNothingOf(everythingShown(error), expect, label, { lines: true });
          for (const text of [error.message, error.body ?? '']) assertShowsNothingOf(text, expect, `${label}: message and body`);
          checked += 1;
        }
      }
    }
  }
  assert.ok(checked > 800, `checked ${checked} echoes`);
});

test('the redaction leaves an error useful: code, status and the rest of the excerpt survive', async () => {
  const body = `upstream said: token=${TOKEN} secret=${encodeURIComponent(SECRET)} end`;
  const client = createClient({ environment: { baseUrl: 'http://127.0.0.1:9' }, credentials, fetch: answering(502, body) });
  const error = await client.refund(samples.refund).then(() => null, (e) => e);
  assert.equal(error.code, 'HTTP_ERROR');
  assert.equal(error.status, 502);
  assert.match(error.body, /^upstream said: token=\[REDACTED\] secret=\[REDACTED\] end$/);
  const gateway = createClient({ environment: { baseUrl: 'http://127.0.0.1:9' }, credentials, fetch: answering(200, JSON.stringify({ error_code: 'NOT_EXITS', error_message: 'no such order', data: null })) });
  const refused = await gateway.getOrderInfo(samples.lookup).then(() => null, (e) => e);
  assert.equal(refused.code, 'GATEWAY_ERROR');
  assert.equal(refused.gatewayCode, 'NOT_EXITS');
  assert.match(refused.message, /no such order/);
});

test('the mock redacts the secret key and the token from its log lines, whatever a client sends', async () => {
  const lines = [];
  const mock = await startMockGateway({ credentials, log: (line) => lines.push(line) });
  try {
    const client = createClient({ environment: { baseUrl: mock.url }, credentials });
    // Values a client controls end up in the log: orderIds made of the secret and the token.
    for (const orderId of [SECRET.replace(/[^A-Za-z0-9]/g, '_'), TOKEN.slice(10, 60), SECRET.slice(0, 20)]) {
      await client.createPayment({ ...samples.order, orderId }).catch(() => {});
    }
    const form = await boundedFetch(`${mock.url}/paygate`, { method: 'POST', headers: { Authorization: TOKEN }, body: JSON.stringify({ orderId: SECRET }) });
    await form.text();
  } finally {
    await mock.close();
  }
  assert.ok(lines.length >= 4, 'the mock logged the requests');
  const log = lines.join('\n');
  const error = Object.assign(new Error(log), { lines });
  assertNoRun(error, 'mock log');
  assert.ok(lines.every((line) => line.length <= 501), 'log lines are cut');
});

