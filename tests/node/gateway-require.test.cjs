'use strict';
// The Node helpers through require(): the same functions as through import, and a lookup
// round trip against the mock from CommonJS.
const test = require('node:test');
const assert = require('node:assert/strict');
const lib = require('lgsp-paygate');

const HELPERS = ['createClient', 'handlePaymentResult', 'confirmPayment', 'startMockGateway'];

test('require exports the Node helpers beside the core', () => {
  for (const name of HELPERS) assert.equal(typeof lib[name], 'function', `require('lgsp-paygate').${name}`);
  assert.equal(typeof lib.checksum, 'function');
  assert.deepEqual(Object.keys(lib.ENVIRONMENTS), ['test', 'production']);
});

test('import and require expose the same functions', async () => {
  // Two builds (ES modules and CommonJS), so two module instances: the same names, the same answers.
  const esm = await import('lgsp-paygate');
  for (const name of HELPERS) assert.equal(typeof esm[name], typeof lib[name], name);
  assert.deepEqual(Object.keys(esm).filter((n) => n !== 'default').sort(), Object.keys(lib).filter((n) => n !== 'default' && n !== '__esModule').sort());
  const reply = (m) => m.handlePaymentResult('{"orderId":1}').reply;
  assert.equal(reply(esm), reply(lib));
});

test('require: a lookup against the mock started with throwaway credentials', async (t) => {
  const mock = await lib.startMockGateway();
  t.after(() => mock.close());
  assert.ok(!require('node:util').inspect(mock).includes(mock.credentials.secretKey), 'logging the mock hides the secret key');
  const client = lib.createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials, timeoutMs: 3000 });
  await assert.rejects(client.getOrderInfo({ transactionNo: '1', orderId: 'none' }), { code: 'GATEWAY_ERROR', gatewayCode: 'NOT_EXITS' });
});
