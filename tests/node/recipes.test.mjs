// The framework recipes of docs/receiving-results.md (and of its Vietnamese page), run as shown
// against the mock gateway: Express 4 and 5 and Fastify 5 each take a real payment result
// (recorded after the lookup), refuse a forged one, answer every bad body FAILED (no content type,
// typographic quotes, invalid JSON, empty), never the framework's own 400 or 415, and refuse a
// body over the limit with 413.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checksum, createClient } from 'lgsp-paygate';
import { boundedFetch } from './support/loopback.mjs';
import { fencedBlocks, read } from './support/docs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectDir = path.resolve(here, '..', '..');
const PAGES = ['docs/receiving-results.md', 'docs/vi/receiving-results.md'];

/** A page's recipes: its ```js blocks that import the unit's ./payments.js, by the framework each imports. */
function recipes(page) {
  const found = {};
  for (const block of fencedBlocks(read(page)).filter((b) => b.tag === 'js' && b.code.includes('from "./payments.js"'))) {
    const framework = /^import \w+ from "(express|fastify)";$/m.exec(block.code);
    assert.ok(framework, `${page}: the recipe at line ${block.line} imports express or fastify`);
    found[framework[1]] = block.code;
  }
  return found;
}

// What the recipes import as "./payments.js": the unit's configuration (pointing at a mock
// gateway) and order store.
const PAYMENTS_MODULE = `import { startMockGateway } from "lgsp-paygate";
export const mock = await startMockGateway();
export const environment = { baseUrl: mock.url };
export const credentials = mock.credentials;
export const delivered = new Map();
const claimed = new Set();
export async function markOrderPaid(deliveryKey, result) {
  if (claimed.has(deliveryKey)) return; // a unique key in a real store
  claimed.add(deliveryKey);
  delivered.set(result.orderId, result.payTransId);
}
`;

/** Writes the recipe beside its own payments.js, with `framework` in place of the imported package. */
function writeRecipe(name, code, from, to) {
  const dir = path.join(projectDir, 'readme-blocks', `recipe-${name.replace(/\W+/g, '-')}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'payments.js'), PAYMENTS_MODULE);
  const specifier = `from "${from}";`;
  assert.ok(code.includes(specifier), `the recipe imports ${from}`);
  const file = path.join(dir, 'recipe.mjs');
  fs.writeFileSync(file, code.replace(specifier, `from "${to}";`));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  return file;
}

const RESULT = { paygate: 'mock', payTransId: '4242424242', amount: 40000, orderInfo: 'Lệ phí hồ sơ', payDate: '20250101120000', errorCode: '00', type: 'Pay' };
const signed = (fields) => JSON.stringify({ ...fields, checksum: checksum('result', fields, null) });

/** Starts the recipe's app on a free port and returns its returnUrl and a stop function. */
async function listen(kind, app) {
  if (kind === 'fastify') {
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: `http://127.0.0.1:${app.server.address().port}/lgsp/return`, stop: () => app.close() };
  }
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/lgsp/return`,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

async function put(url, body, headers = {}) {
  const response = await boundedFetch(url, { method: 'PUT', body, headers });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

const CASES = [
  { kind: 'express', to: 'express4' },
  { kind: 'express', to: 'express5' },
  { kind: 'fastify', to: 'fastify' },
];

test('each page has a recipe for each framework the tests run', () => {
  for (const page of PAGES) assert.deepEqual(Object.keys(recipes(page)).sort(), ['express', 'fastify'], page);
});

for (const page of PAGES) {
  for (const { kind, to } of CASES) {
    test(`${page}: the ${kind} recipe with ${to}`, async (t) => {
      const code = recipes(page)[kind];
      assert.ok(code, `a ${kind} recipe in ${page}`);
      const file = writeRecipe(`${page}-${to}`, code, kind, to);
      const payments = await import(pathToFileURL(path.join(path.dirname(file), 'payments.js')).href);
      const { app } = await import(pathToFileURL(file).href);
      const { url, stop } = await listen(kind, app);
      t.after(async () => {
        await stop();
        await payments.mock.close();
      });
      const client = createClient({ environment: payments.environment, credentials: payments.credentials });
      const order = (orderId) => ({ orderId, amount: 40000, orderInfo: 'Lệ phí hồ sơ', requestCode: orderId, serviceCode: 'hcm_dichvucong',
        returnUrl: url, ipAddress: '127.0.0.1', accountCode: 'payment_test' });

      await t.test('a real payment is confirmed, recorded and answered SUCCESSFUL', async () => {
        await client.createPayment(order('SBN_1'));
        const delivery = await payments.mock.complete('SBN_1', 'pay');
        assert.equal(delivery.delivered, true);
        assert.equal(delivery.status, 200);
        assert.equal(delivery.reply?.error_code, 'SUCCESSFUL', delivery.body);
        assert.equal(payments.delivered.get('SBN_1'), payments.mock.order('SBN_1').payTransId);
      });

      await t.test('a failed payment is acknowledged and nothing recorded', async () => {
        await client.createPayment(order('SBN_2'));
        const delivery = await payments.mock.complete('SBN_2', 'fail');
        assert.equal(delivery.reply?.error_code, 'SUCCESSFUL', 'an intact result is acknowledged');
        assert.equal(payments.delivered.has('SBN_2'), false);
      });

      await t.test('a forged result, well signed, is refused after the lookup', async () => {
        await client.createPayment(order('SBN_3'));
        const answer = await put(url, signed({ ...RESULT, orderId: 'SBN_3' }), { 'Content-Type': 'application/json' });
        assert.equal(answer.status, 200);
        assert.equal(JSON.parse(answer.text).error_code, 'FAILED');
        assert.match(JSON.parse(answer.text).error_message, /UNKNOWN_TRANSACTION/);
        assert.equal(payments.delivered.has('SBN_3'), false);
      });

      const good = signed({ ...RESULT, orderId: 'SBN_9', errorCode: '24' });
      const bytes = (text) => Buffer.from(text); // a Buffer body: fetch adds no content type
      const bad = [
        ['invalid JSON, no content type', bytes('{"paygate":'), {}],
        ['typographic quotes, no content type', bytes(good.replaceAll('"', '\u201D')), {}],
        ['typographic quotes, application/json', good.replaceAll('"', '\u201D'), { 'Content-Type': 'application/json' }],
        ['invalid JSON, application/json', '{"paygate":', { 'Content-Type': 'application/json' }],
        ['invalid JSON, text/plain', '{"paygate":', { 'Content-Type': 'text/plain' }],
        ['an empty body, application/json', '', { 'Content-Type': 'application/json' }],
        ['no body and no content type', undefined, {}],
        ['a JSON array', '[]', { 'Content-Type': 'application/json' }],
        ['a wrong checksum', good.replace('"24"', '"00"'), { 'Content-Type': 'application/json' }],
        ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), { 'Content-Type': 'application/json' }],
      ];
      for (const [label, body, headers] of bad) {
        await t.test(`a bad body gets FAILED, never 400 or 415: ${label}`, async () => {
          const answer = await put(url, body, headers);
          assert.equal(answer.status, 200, `${label}: ${answer.text}`);
          assert.match(answer.type, /^application\/json/);
          assert.equal(JSON.parse(answer.text).error_code, 'FAILED', answer.text);
        });
      }

      const intact = [
        ['no content type', bytes(good), {}],
        ['text/plain', good, { 'Content-Type': 'text/plain' }],
        ['an unknown content type', good, { 'Content-Type': 'application/x-lgsp' }],
        ['a byte-order mark', bytes(`\uFEFF${good}`), { 'Content-Type': 'application/json;charset=UTF-8' }],
      ];
      for (const [label, body, headers] of intact) {
        await t.test(`an intact result is read whatever the content type: ${label}`, async () => {
          const answer = await put(url, body, headers);
          assert.equal(answer.status, 200, answer.text);
          assert.equal(JSON.parse(answer.text).error_code, 'SUCCESSFUL', answer.text);
        });
      }

      await t.test('a body over 64 KiB is refused with 413 before the handler', async () => {
        const answer = await put(url, `{"orderInfo":"${'x'.repeat(70 * 1024)}"}`, { 'Content-Type': 'application/json' });
        assert.equal(answer.status, 413);
      });
    });
  }
}
