// No secret in any error or log line, whatever a peer echoes: the token and the secret key in
// every form, at every offset around the cuts, searched for in message, own properties,
// JSON.stringify and util.inspect.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createClient, startMockGateway } from 'lgsp-paygate';
import samples from './support/samples.cjs';
import { boundedFetch } from './support/loopback.mjs';
import { SECRET, TOKEN, answering, assertNoRun, credentials, echoForms, RUN } from './support/hostile.mjs';

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

