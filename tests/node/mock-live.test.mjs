// The mock gateway as a careful stand-in for the real one: the citizen's browser sent back to
// returnUrl, Refund results, results sent again, lookups that fail for a while, bounded orders,
// and a payment form and an API that refuse a request without the right token before reading its
// body (so stalled bodies cost nothing).
import test from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { checksum, createClient, encodeAuthorization, handlePaymentResult, paymentResultReply, startMockGateway } from 'lgsp-paygate';
import { boundedFetch, clickOnPaymentPage, newOrder, startReturnServer, unitCredentials } from './support/loopback.mjs';

/** A mock, a unit's returnUrl that acknowledges every result, and a client; closed by `t.after`. */
async function setUp(t, options = {}) {
  const mock = await startMockGateway({ credentials: unitCredentials, ...options });
  const unit = await startReturnServer(() => ({ reply: paymentResultReply(true) }));
  t.after(async () => {
    await mock.close();
    await unit.close();
  });
  return { mock, unit, client: createClient({ environment: { baseUrl: mock.url }, credentials: unitCredentials }) };
}

/** Waits until `ready()` is true, 5 s at most. */
async function until(ready, what) {
  for (let waited = 0; !ready(); waited += 20) {
    if (waited > 5_000) assert.fail(`${what} did not happen within 5 s`);
    await new Promise((resolve) => { setTimeout(resolve, 20); });
  }
}

test('after the page PUT the result, the browser goes back to returnUrl with the orderId (a 303)', async (t) => {
  const { mock, unit, client } = await setUp(t);
  const order = newOrder(`${unit.url}?lang=vi`);
  const { url } = await client.createPayment(order);
  const { done, location, doneHtml } = await clickOnPaymentPage(url, 'fail');
  assert.equal(done.status, 303);
  const back = new URL(location);
  assert.equal(`${back.origin}${back.pathname}`, unit.url);
  assert.deepEqual(Object.fromEntries(back.searchParams), { lang: 'vi', orderId: order.orderId }, 'its own query kept, the orderId added');
  assert.equal(unit.received.length, 1, 'the result was PUT before the browser is sent back');
  assert.equal(mock.order(order.orderId).status, 'failed');
  assert.ok(doneHtml.includes(`href="${location.replaceAll('&', '&#38;')}"`), 'the completed page links back too');
});

test('a refund makes the gateway PUT a signed type Refund result to returnUrl', async (t) => {
  const { mock, unit, client } = await setUp(t);
  const order = newOrder(unit.url);
  await client.createPayment(order);
  await mock.complete(order.orderId, 'pay');
  const paid = JSON.parse(unit.received[0].body);
  await client.refund({ transactionNo: paid.payTransId, orderId: order.orderId, requestCode: 'RF-1', amount: order.amount, orderInfo: 'Hoàn tiền' });
  await until(() => unit.received.length === 2, 'the Refund result');
  const refund = JSON.parse(unit.received[1].body);
  assert.equal(unit.received[1].method, 'PUT');
  assert.deepEqual({ ...refund, payDate: 'x', checksum: 'x' }, { ...paid, type: 'Refund', errorCode: '00', payDate: 'x', checksum: 'x' });
  assert.match(refund.payDate, /^\d{14}$/);
  // Signed as guide §3.3 says, checked with the scheme's pre-image written out here.
  const { createHash } = await import('node:crypto');
  const preimage = `PAYHCM1.0${refund.paygate}${refund.orderId}${refund.amount}${refund.payDate}${refund.type}${refund.orderInfo}${refund.payTransId}${refund.errorCode}`;
  assert.equal(refund.checksum, createHash('sha256').update(preimage, 'utf8').digest('hex'));
  const outcome = handlePaymentResult(unit.received[1].body);
  assert.deepEqual([outcome.accepted, outcome.paid], [true, false], 'a Refund result is no payment');
  await until(() => mock.order(order.orderId).refund.delivery !== null, 'the record of its delivery');
  assert.equal(mock.order(order.orderId).refund.delivery.reply.error_code, 'SUCCESSFUL');
});

test('resends: every result is PUT again, as many times as asked', async (t) => {
  const { mock, unit, client } = await setUp(t, { resends: 2, resendDelayMs: 50 });
  const order = newOrder(unit.url);
  await client.createPayment(order);
  await mock.complete(order.orderId, 'pay');
  await until(() => unit.received.length === 3, 'two resends');
  assert.equal(new Set(unit.received.map((r) => r.body)).size, 1, 'the same result each time');
  await until(() => mock.order(order.orderId).resent.length === 2, 'their records');
  assert.ok(mock.order(order.orderId).resent.every((d) => d.delivered && d.reply.error_code === 'SUCCESSFUL'));
});

test('failFor: the lookups of one order fail for a while, the others answer', async (t) => {
  const { mock, client } = await setUp(t);
  const [a, b] = [newOrder('http://127.0.0.1:9/r'), newOrder('http://127.0.0.1:9/r')];
  for (const order of [a, b]) await client.createPayment(order);
  const ra = handlePaymentResult(mock.settle(a.orderId, 'pay')).result;
  const rb = handlePaymentResult(mock.settle(b.orderId, 'pay')).result;
  mock.failFor('/GetOrderInfo', 400, { orderId: a.orderId });
  const failed = await client.getOrderInfo({ transactionNo: ra.payTransId, orderId: a.orderId }).then(() => null, (e) => e);
  assert.deepEqual([failed?.code, failed?.status], ['HTTP_ERROR', 503]);
  assert.equal((await client.getOrderInfo({ transactionNo: rb.payTransId, orderId: b.orderId })).order.orderId, b.orderId, 'another order answers');
  await new Promise((resolve) => { setTimeout(resolve, 450); });
  assert.equal((await client.getOrderInfo({ transactionNo: ra.payTransId, orderId: a.orderId })).order.orderId, a.orderId, 'and then it answers');
  assert.throws(() => mock.failFor('/GetOrderInfo', 0), { code: 'INVALID_ARGUMENT', path: 'forMs' });
});

test('the mock keeps at most maxOrders orders and maxOrderBytes of their text, forgetting the oldest', async (t) => {
  const { mock, client } = await setUp(t, { maxOrders: 3, maxOrderBytes: 10_000 });
  const orders = Array.from({ length: 5 }, () => newOrder('http://127.0.0.1:9/r'));
  for (const order of orders) await client.createPayment(order);
  assert.deepEqual(mock.orders().map((o) => o.orderId), orders.slice(2).map((o) => o.orderId), 'the oldest forgotten');
  // An order whose text alone fills the budget: every other one makes room for it.
  const big = newOrder('http://127.0.0.1:9/r', { orderInfo: 'x'.repeat(10_000) });
  await client.createPayment(big);
  assert.deepEqual(mock.orders().map((o) => o.orderId), [big.orderId]);
  assert.equal(mock.order(big.orderId).orderInfo.length, 10_000, 'kept whole');
  assert.ok(!JSON.stringify(mock.orders()).includes('formToken'), 'the page\'s token stays inside the mock');
});

/** Sends the head of a request and a little of a long body, then stalls; resolves with the answer's status line. */
function stalledRequest(port, head) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer while the body stalls:\n${head}`));
    }, 3_000);
    socket.on('data', (chunk) => {
      answer += chunk;
      if (answer.includes('\r\n\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer.split('\r\n')[0]);
      }
    });
    socket.on('error', () => {});
    socket.write(`${head}\r\nContent-Length: 1000000\r\n\r\n${'x'.repeat(1000)}`);
  });
}

test('the pay form refuses, before reading the body, a post from another site or without its token', async (t) => {
  const { mock, unit, client } = await setUp(t);
  const order = newOrder(unit.url);
  const { url } = await client.createPayment(order);
  const html = await (await boundedFetch(url)).text();
  const action = new URL(/action="([^"]+)"/.exec(html)[1], url);
  const token = action.searchParams.get('token');
  assert.match(token, /^[0-9a-f]{32}$/, 'a per-page token in the form\'s address');
  const post = (target, headers = {}) => boundedFetch(target, { method: 'POST', body: 'outcome=pay', redirect: 'manual', headers });
  const refused = [
    ['no token', await post(url)],
    ['a wrong token', await post(`${url}?token=${'0'.repeat(32)}`)],
    ['another site\'s Origin', await post(action.href, { Origin: 'https://evil.example' })],
    ['a cross-site Sec-Fetch-Site', await post(action.href, { 'Sec-Fetch-Site': 'cross-site' })],
  ];
  for (const [label, res] of refused) {
    assert.equal(res.status, 403, label);
    assert.equal(res.headers.get('connection'), 'close', label);
  }
  assert.equal(mock.order(order.orderId).status, 'pending', 'nothing was paid');
  // Without the token, a stalled body gets its answer at once: it is never waited for.
  const port = new URL(mock.url).port;
  const started = Date.now();
  const lines = await Promise.all(Array.from({ length: 20 }, () => stalledRequest(port, `POST ${new URL(url).pathname} HTTP/1.1\r\nHost: 127.0.0.1`)));
  assert.ok(lines.every((line) => line.startsWith('HTTP/1.1 403')), lines.join('\n'));
  assert.ok(Date.now() - started < 3_000, 'answered without the body');
  // From the page itself, it works.
  const ok = await post(action.href, { Origin: mock.url, 'Sec-Fetch-Site': 'same-origin' });
  assert.equal(ok.status, 303);
  assert.equal(mock.order(order.orderId).status, 'paid');
});

test('the API answers NOT_AUTHORIZED to a request without the partner\'s token before reading its body', async (t) => {
  const { mock } = await setUp(t);
  const port = new URL(mock.url).port;
  const started = Date.now();
  const heads = ['/paygate', '/refund', '/GetOrderInfo'].flatMap((p) => [
    `POST ${p} HTTP/1.1\r\nHost: 127.0.0.1`,
    `POST ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${encodeAuthorization({ ...unitCredentials, secretKey: 'not-it' })}`,
  ]);
  const lines = await Promise.all(heads.map((head) => stalledRequest(port, head)));
  assert.ok(lines.every((line) => line.startsWith('HTTP/1.1 200')), lines.join('\n'));
  assert.ok(Date.now() - started < 3_000, 'answered without the body');
  const answer = await boundedFetch(`${mock.url}/paygate`, { method: 'POST', body: '{}' }).then((r) => r.json());
  assert.equal(answer.error_code, 'NOT_AUTHORIZED');
  // With the token, a body is read and judged as before.
  const signed = await boundedFetch(`${mock.url}/GetOrderInfo`, {
    method: 'POST', headers: { Authorization: encodeAuthorization(unitCredentials) },
    body: JSON.stringify({ partnerCode: unitCredentials.partnerCode, accessKey: unitCredentials.accessKey, transactionNo: '1', orderId: 'O',
      checksum: checksum('lookup', { partnerCode: unitCredentials.partnerCode, accessKey: unitCredentials.accessKey, transactionNo: '1', orderId: 'O' }, unitCredentials.secretKey) }),
  }).then((r) => r.json());
  assert.equal(signed.error_code, 'NOT_EXITS');
});
