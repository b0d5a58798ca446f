// What a unit meets going live, through the packed package: the lookup in either reading of the
// guide (the vectors of lookups.json, computed by Python's hashlib, and the mock answering each
// way), a lookup that gets no answer (worth repeating: retryable), a payment request that may
// have been taken all the same (maybeCreated), and the guide's published secrets refused by a
// client for the production gateway.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildLookupRequest, checksum, confirmPayment, compareWithLookup, createClient, decodeAuthorization, encodeAuthorization, handlePaymentResult,
  parseGatewayResponse, startMockGateway, validate,
} from 'lgsp-paygate';
import { newOrder, unitCredentials } from './support/loopback.mjs';
import { fencedBlocks, markdownFiles, read } from './support/docs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const vectors = JSON.parse(fs.readFileSync(path.join(here, '..', 'vectors', 'lookups.json'), 'utf8'));

/** The guide's two sample tokens (§3.1): their secret keys are published. */
const GUIDE_TOKENS = {
  test: 'ewogICJBY2Nlc3NLZXkiOiIwNGVlZWM5NWJhMzI0YWEzOTQ1YmVkOTUwZjc5YTNkOCIsCiAgIlNlY3JldEtleSI6Ik1EUmxaV1ZqT1RWaVlUTXlOR0ZoTXprME5XSXRaV1E1TlRCbU56bGhNMlE0IiwKICAiQXBwTmFtZSI6ImhjbV9zc29fYWRtaW4iLAogICJQYXJ0bmVyQ29kZSI6ImhjbV90ZXN0X3NzbyIsCiAgIlBhcnRuZXJDb2RlQ3VzIjoiaGNtX3Rlc3Rfc3NvIgp9',
  production: 'ewoiQWNjZXNzS2V5IjoiODkyNjA1NzI4N2FjYTdlZTBiNzdjNGYwMWZjMmU0ZTYiLAoiU2VjcmV0S2V5IjoiWWpjM0RreU5qQTFOekk0TjJGallUZGxaVEFZelJtTURGbVl6SmxOR1UyTyIsCiJBcHBOYW1lIjogImZpc19lc2IiLAoiUGFydG5lckNvZGUiOiAiMDAwLjAwLkZJUy5FU0IiLAoiUGFydG5lckNvZGVDdXMiOiAiMDAwLjAwLkZJUy5FU0IiCn0=',
};
/** The secret keys inside them, decoded here with Buffer and JSON.parse, not by the package. */
const PUBLISHED = Object.fromEntries(Object.entries(GUIDE_TOKENS).map(([name, token]) => [name, JSON.parse(Buffer.from(token, 'base64').toString('utf8')).SecretKey]));

let mock;
before(async () => {
  mock = await startMockGateway({ credentials: unitCredentials });
});
after(() => mock.close());

const pathsAndCodes = (problems) => problems.map((p) => [p.path, p.code]);

// ---------------------------------------------------------------------------------------------
// Either reading of the lookup

test('lookup requests carry the transaction under both names, as lookups.json says', () => {
  assert.ok(vectors.requests.length >= 4);
  for (const c of vectors.requests) {
    if (c.result === 'valid') {
      const built = buildLookupRequest(c.given, c.credentials);
      assert.equal(built.json, c.json, `${c.id}: body`);
      assert.deepEqual(built.warnings, [], `${c.id}: no warning`);
      const body = JSON.parse(built.json);
      assert.equal(body.transactionNo, body.payTransId, `${c.id}: one value`);
      assert.deepEqual(validate('lookup', body), { valid: true, errors: [], warnings: [] }, `${c.id}: what we send validates clean`);
    } else {
      assert.throws(() => buildLookupRequest(c.given, c.credentials), (error) => {
        assert.equal(error.code, 'INVALID_MESSAGE', c.id);
        assert.deepEqual(pathsAndCodes(error.problems), c.problems, `${c.id}: problems`);
        assert.match(error.message, /payTransId "835651613" and transactionNo "835651612" differ/, c.id);
        return true;
      });
    }
  }
});

test('a lookup answer in either reading confirms, as lookups.json says', () => {
  for (const c of vectors.answers) {
    const outcome = handlePaymentResult(JSON.stringify(c.result));
    assert.equal(outcome.paid, true, `${c.id}: the result claims a payment`);
    const { order } = parseGatewayResponse('lookup', c.answer);
    const check = compareWithLookup(outcome.result, order);
    assert.equal(check.confirmed, c.confirmed, `${c.id}: confirmed (${JSON.stringify(check.problems)})`);
    assert.equal(check.transactionKey, c.transactionKey, `${c.id}: transactionKey`);
    assert.deepEqual(pathsAndCodes(check.problems), c.problems, `${c.id}: problems`);
  }
});

test('the client sends both names; confirmPayment confirms against a gateway in each reading', async () => {
  const sent = [];
  const recording = createClient({
    environment: { baseUrl: mock.url }, credentials: unitCredentials,
    fetch: async (url, init) => {
      sent.push(JSON.parse(init.body));
      return fetch(url, init);
    },
  });
  const client = createClient({ environment: { baseUrl: mock.url }, credentials: unitCredentials });
  for (const [lookupKeys, transactionKey] of [['payTransId', 'payTransId'], ['transactionNo', 'transactionNo'], ['both', 'both'], [undefined, 'payTransId']]) {
    const order = newOrder('http://127.0.0.1:9/lgsp/return');
    await client.createPayment(order);
    const result = handlePaymentResult(mock.settle(order.orderId, 'pay', { lookupKeys })).result;
    const check = await confirmPayment(result, recording);
    assert.equal(check.confirmed, true, `${lookupKeys}: ${JSON.stringify(check.problems)}`);
    assert.equal(check.transactionKey, transactionKey, String(lookupKeys));
    assert.equal(check.retryable, false);
    const body = sent.at(-1);
    assert.deepEqual([body.transactionNo, body.payTransId], [result.payTransId, result.payTransId], 'both names, one value');
  }
});

test('a gateway bound to one reading answers PARAM_ERROR to a lookup that lacks its name', async () => {
  const client = createClient({ environment: { baseUrl: mock.url }, credentials: unitCredentials });
  for (const [lookupKeys, missing] of [['payTransId', 'payTransId'], ['transactionNo', 'transactionNo']]) {
    const order = newOrder('http://127.0.0.1:9/lgsp/return');
    await client.createPayment(order);
    const result = JSON.parse(mock.settle(order.orderId, 'pay', { lookupKeys }));
    // A hand-made lookup with only the other name, signed as the table's formula says.
    const fields = { partnerCode: unitCredentials.partnerCode, accessKey: unitCredentials.accessKey, orderId: order.orderId };
    const other = missing === 'payTransId' ? 'transactionNo' : 'payTransId';
    const body = { ...fields, [other]: result.payTransId, checksum: checksum('lookup', { ...fields, transactionNo: result.payTransId }, unitCredentials.secretKey) };
    const answer = await fetch(`${mock.url}/GetOrderInfo`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { Authorization: encodeAuthorization(unitCredentials), 'Content-Type': 'application/json' },
    }).then((r) => r.json());
    assert.equal(answer.error_code, 'PARAM_ERROR', `${lookupKeys}: ${JSON.stringify(answer)}`);
    assert.match(answer.error_message, new RegExp(`${missing} is required`));
  }
});

// ---------------------------------------------------------------------------------------------
// No answer: retryable

test('confirmPayment resolves retryable when the lookup gets no answer, and only then', async () => {
  const client = createClient({ environment: { baseUrl: mock.url }, credentials: unitCredentials, timeoutMs: 300 });
  const order = newOrder('http://127.0.0.1:9/lgsp/return');
  await client.createPayment(order);
  const result = handlePaymentResult(mock.settle(order.orderId, 'pay')).result;
  const faults = [
    [{ delayMs: 1000 }, 'TIMEOUT'],
    [{ status: 503, body: 'Service Unavailable' }, 'HTTP_ERROR'],
    [{ hangUp: true }, 'NETWORK_ERROR'],
    [{ body: '<html>maintenance</html>' }, 'INVALID_RESPONSE'],
    [{ errorCode: 'FAILED' }, 'GATEWAY_ERROR'],
  ];
  for (const [fault, code] of faults) {
    mock.failNext('/GetOrderInfo', fault);
    const check = await confirmPayment(result, client);
    assert.deepEqual([check.confirmed, check.retryable, check.error?.code], [false, true, code], JSON.stringify(fault));
    assert.deepEqual(pathsAndCodes(check.problems), [['', 'LOOKUP_FAILED']]);
    assert.equal(check.order, null);
  }
  // The same result, asked again once the gateway answers: confirmed.
  const again = await confirmPayment(result, client);
  assert.deepEqual([again.confirmed, again.retryable, again.transactionKey], [true, false, 'payTransId']);
  // An answer about the transaction is final: not retryable.
  const unknown = await confirmPayment({ ...result, payTransId: '999999999' }, client);
  assert.deepEqual([unknown.confirmed, unknown.retryable], [false, false]);
  assert.deepEqual(pathsAndCodes(unknown.problems), [['payTransId', 'UNKNOWN_TRANSACTION']]);
  // Misuse still throws.
  await assert.rejects(confirmPayment(null, client), { code: 'INVALID_ARGUMENT' });
});

// ---------------------------------------------------------------------------------------------
// A payment request that may have been taken: maybeCreated

test('createPayment says whether the gateway may hold the order when it fails', async () => {
  const client = createClient({ environment: { baseUrl: mock.url }, credentials: unitCredentials, timeoutMs: 300 });
  const cases = [
    [{ delayMs: 1000 }, 'TIMEOUT', true],
    [{ hangUp: true }, 'NETWORK_ERROR', true],
    [{ status: 502, body: 'Bad Gateway' }, 'HTTP_ERROR', true],
    [{ status: 429, body: 'Too Many Requests' }, 'HTTP_ERROR', false],
    [{ body: 'not json' }, 'INVALID_RESPONSE', true],
    [{ errorCode: 'PARAM_ERROR' }, 'GATEWAY_ERROR', false],
    [{ errorCode: 'SIGNTURE_WRONG' }, 'GATEWAY_ERROR', false],
  ];
  for (const [fault, code, maybeCreated] of cases) {
    mock.failNext('/paygate', fault);
    const error = await client.createPayment(newOrder('http://127.0.0.1:9/lgsp/return')).then(() => null, (e) => e);
    assert.deepEqual([error?.code, error?.maybeCreated], [code, maybeCreated], JSON.stringify(fault));
  }
  const order = newOrder('http://127.0.0.1:9/lgsp/return');
  await client.createPayment(order);
  const again = await client.createPayment(order).then(() => null, (e) => e);
  assert.deepEqual([again.code, again.gatewayCode, again.maybeCreated], ['GATEWAY_ERROR', 'ORDER_EXITS', true]);
  const invalid = await client.createPayment({ ...order, amount: 0 }).then(() => null, (e) => e);
  assert.deepEqual([invalid.code, invalid.maybeCreated], ['INVALID_MESSAGE', undefined], 'nothing was sent');
});

// ---------------------------------------------------------------------------------------------
// Published secrets

test('a client for the production gateway refuses the guide\'s published secret keys, before any request', () => {
  assert.equal(PUBLISHED.test, decodeAuthorization(GUIDE_TOKENS.test).secretKey);
  let fetched = 0;
  const fetchCounting = async () => {
    fetched += 1;
    return new Response('{}');
  };
  const base = { partnerCode: 'P', accessKey: 'A', appName: 'app', partnerCodeCus: 'P' };
  for (const environment of ['production', { baseUrl: 'https://hcmlgsp.tphcm.gov.vn' }, { baseUrl: 'https://hcmlgsp.tphcm.gov.vn/some/path' }]) {
    for (const [name, secretKey] of Object.entries(PUBLISHED)) {
      assert.throws(() => createClient({ environment, credentials: { ...base, secretKey }, fetch: fetchCounting }), (error) => {
        assert.equal(error.code, 'PUBLISHED_SECRET', `${name} secret, ${JSON.stringify(environment)}`);
        assert.equal(error.path, 'credentials.secretKey');
        assert.match(error.message, /published in the gateway's integration guide/);
        assert.ok(!error.message.includes(secretKey), 'the message does not quote it');
        return true;
      });
      assert.throws(() => createClient({ environment, credentials: { partnerCode: 'P', accessKey: 'A', secretKey: 'mine', authorization: GUIDE_TOKENS[name] } }),
        { code: 'PUBLISHED_SECRET', path: 'credentials.authorization' }, `${name} token`);
    }
  }
  assert.equal(fetched, 0);
  // The test gateway, a mock, or the unit's own secret in production: allowed.
  for (const [environment, secretKey] of [['test', PUBLISHED.test], ['test', PUBLISHED.production], [{ baseUrl: mock.url }, PUBLISHED.test], ['production', 'the-unit-s-own-secret']]) {
    assert.equal(typeof createClient({ environment, credentials: { ...base, secretKey } }).createPayment, 'function', JSON.stringify(environment));
  }
});

test('no example in the docs falls back to a published secret outside the test gateway', () => {
  let checked = 0;
  for (const doc of markdownFiles()) {
    for (const block of fencedBlocks(read(doc))) {
      if (!Object.values(PUBLISHED).some((secret) => block.code.includes(secret))) continue;
      checked += 1;
      assert.doesNotMatch(block.code, /"production"|'production'|hcmlgsp\.tphcm\.gov\.vn/,
        `${doc}, line ${block.line}: a block with a published secret names the production gateway:\n${block.code}`);
    }
  }
  assert.ok(checked > 0, 'the examples that use the sample secret are found');
});
