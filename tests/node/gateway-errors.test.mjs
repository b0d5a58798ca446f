// Every way a gateway call can fail, each with its own code, against the mock on loopback: bad
// input before any request, each gateway error_code, HTTP errors, bodies that are not gateway
// responses, timeouts, a dead port, a dropped connection, and a forged payment result.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  checksum, confirmPayment, createClient, encodeAuthorization, handlePaymentResult, startMockGateway, CLIENT_ERROR_CODES,
} from 'lgsp-paygate';
import contract from './support/contract.cjs';
import { deadPort, newOrder, startReturnServer, unitCredentials } from './support/loopback.mjs';

const token = encodeAuthorization(unitCredentials);
const SECRETS = [unitCredentials.secretKey, token];

let mock;
let unit;
let client;

before(async () => {
  mock = await startMockGateway({ credentials: unitCredentials });
  unit = await startReturnServer((body) => handlePaymentResult(body));
  client = clientWith();
});

after(async () => {
  await mock?.close();
  await unit?.close();
});

function clientWith(overrides = {}) {
  return createClient({ environment: { baseUrl: mock.url }, credentials: unitCredentials, timeoutMs: 3_000, ...overrides });
}

/** Awaits a call that must fail with `code` (and `gatewayCode`), keeps secrets out of it, returns the error. */
async function failsWith(promise, code, gatewayCode) {
  const label = gatewayCode ? `${code}/${gatewayCode}` : code;
  let error;
  await assert.rejects(promise, (e) => {
    error = e;
    return true;
  });
  assert.ok(error instanceof Error, `${label}: an Error`);
  assert.equal(error.name, 'LgspPaygateError');
  assert.equal(error.code, code, `${label}: code (message: ${error.message})`);
  if (gatewayCode) assert.equal(error.gatewayCode, gatewayCode, `${label}: gatewayCode (message: ${error.message})`);
  contract.assertNoSecret(error, SECRETS, label);
  assert.ok(!String(error.body ?? '').includes(unitCredentials.secretKey), `${label}: body excerpt`);
  return error;
}

/** A paid order: created, paid through the mock, its result as the unit received it. */
async function paidOrder(outcome = 'pay') {
  const order = newOrder(unit.url);
  await client.createPayment(order);
  const arrives = unit.next();
  await mock.complete(order.orderId, outcome);
  return { order, result: (await arrives).result };
}

test('the client documents its own codes', () => {
  assert.deepEqual([...CLIENT_ERROR_CODES].sort(), ['GATEWAY_ERROR', 'HTTP_ERROR', 'INVALID_RESPONSE', 'NETWORK_ERROR', 'RESPONSE_TOO_LARGE', 'TIMEOUT']);
});

test('invalid input is refused before any request', async () => {
  let requests = 0;
  const counting = clientWith({ fetch: (...args) => { requests += 1; return fetch(...args); } });
  const error = await failsWith(counting.createPayment(newOrder(unit.url, { amount: 0, returnUrl: 'ftp://x' })), 'INVALID_MESSAGE');
  assert.deepEqual(error.problems.map((p) => p.path).sort(), ['amount', 'returnUrl']);
  const noSecret = createClient({ environment: { baseUrl: mock.url }, credentials: { ...unitCredentials, secretKey: undefined, authorization: token } });
  await failsWith(noSecret.getOrderInfo({ transactionNo: '1', orderId: 'o' }), 'MISSING_SECRET');
  assert.equal(requests, 0);

  assert.throws(() => createClient({ environment: 'staging', credentials: unitCredentials }), { code: 'INVALID_ARGUMENT', path: 'environment' });
  assert.throws(() => createClient({ environment: { baseUrl: 'http://user:pw@127.0.0.1' }, credentials: unitCredentials }), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => clientWith({ timeoutMs: 0 }), { code: 'INVALID_ARGUMENT', path: 'timeoutMs' });
  const { appName, ...noAppName } = unitCredentials;
  assert.throws(() => clientWith({ credentials: noAppName }), { code: 'MISSING_FIELD' });
  assert.throws(() => clientWith({ credentials: { ...unitCredentials, authorization: 'not a token' } }), { code: 'INVALID_TOKEN' });
  assert.equal(createClient({ environment: 'test', credentials: unitCredentials }).baseUrl, 'https://hcmesb-test.tphcm.gov.vn/payment');
  assert.equal(createClient({ environment: 'production', credentials: unitCredentials }).baseUrl, 'https://hcmlgsp.tphcm.gov.vn');
});

test('each gateway error_code is its own GATEWAY_ERROR', async (t) => {
  await t.test('NOT_AUTHORIZED: a token for other credentials', async () => {
    const otherToken = encodeAuthorization({ ...unitCredentials, secretKey: 'another-secret-key' });
    await failsWith(clientWith({ credentials: { ...unitCredentials, authorization: otherToken } }).createPayment(newOrder(unit.url)), 'GATEWAY_ERROR', 'NOT_AUTHORIZED');
  });
  await t.test('ACCOUNT_NOT_EXIST: an access key the gateway does not know', async () => {
    const credentials = { ...unitCredentials, accessKey: 'ffffffffffffffff', authorization: token };
    await failsWith(clientWith({ credentials }).createPayment(newOrder(unit.url)), 'GATEWAY_ERROR', 'ACCOUNT_NOT_EXIST');
  });
  await t.test('PARAM_ERROR: a body that lost a field on the way', async () => {
    const tampering = (url, init) => {
      const body = JSON.parse(init.body);
      delete body.orderInfo;
      return fetch(url, { ...init, body: JSON.stringify(body) });
    };
    const error = await failsWith(clientWith({ fetch: tampering }).createPayment(newOrder(unit.url)), 'GATEWAY_ERROR', 'PARAM_ERROR');
    assert.match(error.message, /orderInfo/);
  });
  await t.test('SIGNTURE_WRONG: signed with another secret key', async () => {
    const credentials = { ...unitCredentials, secretKey: 'not-the-secret-key', authorization: token };
    const error = await failsWith(clientWith({ credentials }).createPayment(newOrder(unit.url)), 'GATEWAY_ERROR', 'SIGNTURE_WRONG');
    assert.equal(error.response.errorCode, 'SIGNTURE_WRONG');
    assert.equal(error.endpoint, 'paygate');
    contract.assertNoSecret(error, ['not-the-secret-key'], 'SIGNTURE_WRONG');
  });
  await t.test('ORDER_EXITS: the same orderId twice', async () => {
    const order = newOrder(unit.url);
    await client.createPayment(order);
    await failsWith(client.createPayment(order), 'GATEWAY_ERROR', 'ORDER_EXITS');
  });
  await t.test('NOT_EXITS: a lookup of a transaction the gateway does not have', async () => {
    await failsWith(client.getOrderInfo({ transactionNo: '999', orderId: 'NO_SUCH_ORDER' }), 'GATEWAY_ERROR', 'NOT_EXITS');
  });
  await t.test('FAILED: a refund of a payment that was not made', async () => {
    const { order, result } = await paidOrder('fail');
    const refund = { transactionNo: result.payTransId, orderId: order.orderId, requestCode: 'RF1', amount: order.amount, orderInfo: 'Hoàn tiền' };
    await failsWith(client.refund(refund), 'GATEWAY_ERROR', 'FAILED');
  });
  await t.test('ORDER_EXITS on refund: the same payment refunded twice', async () => {
    const { order, result } = await paidOrder();
    const refund = { transactionNo: result.payTransId, orderId: order.orderId, requestCode: `RF-${order.orderId}`, amount: order.amount, orderInfo: 'Hoàn tiền' };
    await client.refund(refund);
    await failsWith(client.refund({ ...refund, requestCode: `RF2-${order.orderId}` }), 'GATEWAY_ERROR', 'ORDER_EXITS');
  });
});

test('a forged result (amount changed, checksum recomputed) passes the checksum but not confirmPayment', async () => {
  const { result } = await paidOrder();
  const { checksum: _, ...fields } = result;
  const forgedFields = { ...fields, amount: 1000 };
  const forged = handlePaymentResult(JSON.stringify({ ...forgedFields, checksum: checksum('result', forgedFields, null) }));
  assert.equal(forged.accepted, true, 'anyone can compute the result checksum');
  assert.equal(forged.paid, true);
  const confirmation = await confirmPayment(forged.result, client);
  assert.equal(confirmation.confirmed, false);
  assert.deepEqual(confirmation.problems.map((p) => `${p.path}:${p.code}`), ['amount:MISMATCH']);

  const otherFields = { ...fields, payTransId: '123456789' };
  const invented = handlePaymentResult({ ...otherFields, checksum: checksum('result', otherFields, null) });
  const unknown = await confirmPayment(invented.result, client);
  assert.equal(unknown.confirmed, false);
  assert.deepEqual(unknown.problems.map((p) => p.code), ['UNKNOWN_TRANSACTION']);
});

test('bodies that are not payment results are answered FAILED, never thrown', () => {
  for (const body of ['{not json', Buffer.from([0xff, 0xfe]), { paygate: 'momo' }]) {
    const outcome = handlePaymentResult(body);
    assert.equal(outcome.accepted, false);
    assert.equal(JSON.parse(outcome.reply).error_code, 'FAILED');
    assert.ok(outcome.problems.length > 0);
  }
  assert.equal(handlePaymentResult('{not json').problems[0].code, 'INVALID_JSON');
});

test('transport failures: HTTP status, not a gateway response, timeout, dead port, dropped connection', async (t) => {
  await t.test('HTTP_ERROR', async () => {
    mock.failNext('/paygate', { status: 503, body: `upstream down ${unitCredentials.secretKey}` });
    const error = await failsWith(client.createPayment(newOrder(unit.url)), 'HTTP_ERROR');
    assert.equal(error.status, 503);
    assert.match(error.body, /upstream down \[REDACTED\]/);
  });
  await t.test('INVALID_RESPONSE', async () => {
    mock.failNext('/GetOrderInfo', { status: 200, body: '<html>maintenance</html>' });
    const error = await failsWith(client.getOrderInfo({ transactionNo: '1', orderId: 'o' }), 'INVALID_RESPONSE');
    assert.equal(error.status, 200);
  });
  await t.test('a gateway message echoing the token is redacted', async () => {
    mock.failNext('/refund', { errorCode: 'FAILED', errorMessage: `bad token ${token}` });
    const refund = { transactionNo: '1', orderId: 'o', requestCode: 'r', amount: 1, orderInfo: 'x' };
    const error = await failsWith(client.refund(refund), 'GATEWAY_ERROR', 'FAILED');
    assert.match(error.message, /\[REDACTED\]/);
  });
  await t.test('TIMEOUT: the gateway answers too late', async () => {
    mock.failNext('/paygate', { delayMs: 2_000 });
    const started = Date.now();
    await failsWith(clientWith({ timeoutMs: 150 }).createPayment(newOrder(unit.url)), 'TIMEOUT');
    assert.ok(Date.now() - started < 1_500, 'gave up at the deadline');
  });
  await t.test('TIMEOUT: even with a fetch that ignores the abort signal', async () => {
    const stuck = () => new Promise(() => {});
    await failsWith(clientWith({ timeoutMs: 100, fetch: stuck }).getOrderInfo({ transactionNo: '1', orderId: 'o' }), 'TIMEOUT');
  });
  await t.test('NETWORK_ERROR: nothing listens on the port', async () => {
    const dead = createClient({ environment: { baseUrl: `http://127.0.0.1:${await deadPort()}` }, credentials: unitCredentials, timeoutMs: 3_000 });
    const error = await failsWith(dead.createPayment(newOrder(unit.url)), 'NETWORK_ERROR');
    assert.match(error.message, /ECONNREFUSED/);
  });
  await t.test('NETWORK_ERROR: the connection drops', async () => {
    mock.failNext('/refund', { hangUp: true });
    await failsWith(client.refund({ transactionNo: '1', orderId: 'o', requestCode: 'r', amount: 1, orderInfo: 'x' }), 'NETWORK_ERROR');
  });
});
