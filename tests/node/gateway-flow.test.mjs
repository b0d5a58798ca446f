// A whole payment on loopback, as a unit's test suite would drive it: client -> mock gateway ->
// payment page 'pay' -> signed PUT to the unit's returnUrl -> handlePaymentResult ->
// confirmPayment -> refund -> lookup. Then a payment the citizen abandons.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { confirmPayment, createClient, handlePaymentResult, startMockGateway, verify } from 'lgsp-paygate';
import reference from './support/reference.cjs';
import { clickOnPaymentPage, newOrder, startReturnServer, unitCredentials } from './support/loopback.mjs';

let mock;
let unit;
let client;

before(async () => {
  mock = await startMockGateway({ credentials: unitCredentials });
  client = createClient({ environment: { baseUrl: mock.url }, credentials: unitCredentials, timeoutMs: 5_000 });
  // The unit's returnUrl handler: read, confirm with a lookup, answer.
  unit = await startReturnServer(async (body) => {
    const outcome = handlePaymentResult(body);
    const confirmation = outcome.paid ? await confirmPayment(outcome.result, client) : null;
    const confirmed = confirmation !== null && confirmation.confirmed;
    return { ...outcome, confirmation, reply: outcome.accepted && (confirmed || !outcome.paid) ? outcome.reply : '{"error_code":"FAILED","error_message":"Thất bại"}' };
  });
});

after(async () => {
  await mock?.close();
  await unit?.close();
});

test('the mock listens on 127.0.0.1 only', () => {
  assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(client.baseUrl, mock.url);
});

test('a payment: create, pay on the page, signed result to returnUrl, confirm, refund, look up', async () => {
  const order = newOrder(unit.url);

  // 1. The unit creates the payment and sends the citizen to the URL.
  const created = await client.createPayment(order);
  assert.ok(created.url.startsWith(`${mock.url}/pay/`), created.url);
  assert.equal(created.response.errorCode, 'SUCCESSFUL');
  assert.equal(created.request.orderId, order.orderId);
  assert.deepEqual(created.warnings, []);
  assert.equal(mock.order(order.orderId).status, 'pending');

  // 2. The citizen presses 'pay' on a page that needs nothing from elsewhere.
  const putArrives = unit.next();
  const { page, html, done, doneHtml } = await clickOnPaymentPage(created.url, 'pay');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
  assert.doesNotMatch(html, /<script|src=|href=|@import/i, 'the page loads nothing and runs nothing');
  assert.ok(html.includes(order.orderId) && html.includes('40000'), 'the page shows the order');
  assert.equal(done.status, 200);
  assert.match(doneHtml, /the unit answered SUCCESSFUL/);

  // 3. The gateway PUT a result signed as docs/gateway.md, "The four checksum schemes", says (checked
  //    with node:crypto, not the package).
  const outcome = await putArrives;
  const put = unit.received.at(-1);
  assert.equal(put.method, 'PUT');
  assert.equal(put.path, '/lgsp/return');
  assert.match(put.contentType, /^application\/json/);
  const sent = JSON.parse(put.body);
  assert.deepEqual(Object.keys(sent), ['paygate', 'payTransId', 'orderId', 'amount', 'orderInfo', 'payDate', 'errorCode', 'type', 'checksum']);
  assert.equal(sent.checksum, reference.referenceChecksum('result', sent, null));
  assert.equal(verify('result', sent, null), true);
  assert.match(sent.payDate, /^\d{14}$/);
  assert.equal(sent.type, 'Pay');

  // 4. The handler accepted it and the lookup confirmed it.
  assert.equal(outcome.accepted, true);
  assert.equal(outcome.paid, true);
  assert.deepEqual(outcome.problems, []);
  assert.equal(outcome.result.orderId, order.orderId);
  assert.equal(outcome.result.amount, order.amount);
  assert.equal(outcome.confirmation.confirmed, true, JSON.stringify(outcome.confirmation.problems));
  assert.equal(outcome.confirmation.order.payTransId, sent.payTransId);
  assert.deepEqual(JSON.parse(outcome.reply), { error_code: 'SUCCESSFUL', error_message: 'Thành công' });

  // The mock recorded the unit's answer.
  const paid = mock.order(order.orderId);
  assert.equal(paid.status, 'paid');
  assert.equal(paid.delivery.delivered, true);
  assert.equal(paid.delivery.reply.error_code, 'SUCCESSFUL');

  // 5. Refund, then look it up: the gateway now records a refund, and confirming again fails.
  const refunded = await client.refund({
    transactionNo: sent.payTransId,
    orderId: order.orderId,
    requestCode: `RF-${order.orderId}`,
    amount: order.amount,
    orderInfo: 'Hoàn tiền hồ sơ',
  });
  assert.equal(refunded.response.errorCode, 'SUCCESSFUL');
  assert.equal(refunded.request.transactionType, '02');

  const found = await client.getOrderInfo({ transactionNo: sent.payTransId, orderId: order.orderId });
  assert.equal(found.order.orderId, order.orderId);
  assert.equal(found.order.amount, 40000);
  assert.equal(found.order.amountText, '40000');
  assert.equal(found.order.type, 'Refund');
  assert.equal(found.order.errorCode, '00');
  assert.equal(mock.order(order.orderId).status, 'refunded');

  const again = await confirmPayment(outcome.result, client);
  assert.equal(again.confirmed, false);
  assert.deepEqual(again.problems.map((p) => p.code), ['REFUNDED']);
});

test('a payment the citizen abandons: a signed result with errorCode other than 00, nothing to confirm', async () => {
  const order = newOrder(unit.url);
  const { url } = await client.createPayment(order);
  const putArrives = unit.next();
  const { doneHtml } = await clickOnPaymentPage(url, 'fail');
  assert.match(doneHtml, /the unit answered SUCCESSFUL/, 'a failed payment is still acknowledged');
  const outcome = await putArrives;
  assert.equal(outcome.accepted, true);
  assert.equal(outcome.paid, false);
  assert.notEqual(outcome.result.errorCode, '00');
  assert.equal(mock.order(order.orderId).status, 'failed');

  const confirmation = await confirmPayment(outcome.result, client);
  assert.equal(confirmation.confirmed, false);
  assert.deepEqual(confirmation.problems.map((p) => `${p.path}:${p.code}`), ['errorCode:NOT_PAID']);

  // The page cannot be used twice.
  const { done } = await clickOnPaymentPage(url, 'pay').catch(() => ({ done: { status: 'no form' } }));
  assert.equal(done.status, 'no form', 'a completed payment page has no buttons');
});

test('mock.complete() does what the page buttons do, for suites that skip the page', async () => {
  const order = newOrder(unit.url);
  await client.createPayment(order);
  const putArrives = unit.next();
  const delivery = await mock.complete(order.orderId, 'pay');
  assert.equal(delivery.delivered, true);
  assert.equal(delivery.status, 200);
  const outcome = await putArrives;
  assert.equal(outcome.confirmation.confirmed, true);
  await assert.rejects(mock.complete(order.orderId, 'pay'), { code: 'INVALID_ARGUMENT' });
  assert.ok(mock.orders().some((o) => o.orderId === order.orderId));
});
