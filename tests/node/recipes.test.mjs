// Every returnUrl handler the documentation publishes, graded as printed: lgsp-return.js and the
// Express (4 and 5), Fastify 5, Next.js and Workers recipes of docs/receiving-results.md, and the
// package README's node:http server, each beside a ./payments.js standing for a unit's records.
// Each must pass every check of the conformance kit; then each answers every bad body FAILED
// (no content type, typographic quotes, invalid JSON, empty), never a framework's own 400 or
// 415, reads an intact result whatever its content type, and refuses a body over the limit with
// 413. The Next.js route (TypeScript, transpiled here) and the Worker run behind a small
// node:http server that hands them a Request and sends back their Response; tests/consumers
// builds them with Next.js and runs them under wrangler. The Vietnamese pages hold the same code
// (docs-vi.test.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checksum, encodeAuthorization, runConformance } from 'lgsp-paygate';
import { boundedFetch, deadPort, unitCredentials } from './support/loopback.mjs';
import { fencedBlocks, read } from './support/docs.mjs';

const require = createRequire(import.meta.url);

// A server's recheck job runs as long as its process; the Next.js recipe's interval is not
// unref'd (its types are the DOM's), so here every interval is, and the tests' process ends.
const keepAlive = globalThis.setInterval;
globalThis.setInterval = (...args) => keepAlive(...args).unref();
const here = path.dirname(fileURLToPath(import.meta.url));
const projectDir = path.resolve(here, '..', '..');
const RECIPES_PAGE = 'docs/receiving-results.md';
const README = 'pkg-template/README.md';

/** The code block of `page` whose first line is `// <name>`. */
function block(page, name) {
  const found = fencedBlocks(read(page)).filter((b) => b.code.startsWith(`// ${name}`));
  assert.equal(found.length, 1, `${page} has one block starting "// ${name}"`);
  return found[0].code;
}

/**
 * What the recipes import as "./payments.js": a unit's configuration (the kit's mock gateway, at
 * a port chosen beforehand) and records in memory, with `createOrder(returnUrl)`, how this test's
 * unit creates an order when the kit asks for one.
 */
const paymentsModule = (baseUrl) => `import { createClient } from "lgsp-paygate";
export const environment = { baseUrl: ${JSON.stringify(baseUrl)} };
export const credentials = ${JSON.stringify(unitCredentials)};
const orders = new Map();
const claimed = new Set();
const kept = new Map();
export const records = {
  async findOrder(orderId) { return orders.get(orderId) ?? null; },
  async markOrderPaid(deliveryKey, result) {
    if (claimed.has(deliveryKey)) return; // a unique key in a real store
    claimed.add(deliveryKey);
    orders.get(result.orderId).paid = true;
  },
  async keep(deliveryKey, result) { kept.set(deliveryKey, result); },
  async kept() { return [...kept].map(([deliveryKey, result]) => ({ deliveryKey, result })); },
  async forget(deliveryKey) { kept.delete(deliveryKey); },
};
export const recordsIn = () => records;
export const paidOrders = () => [...orders.values()].filter((o) => o.paid).map((o) => o.orderId);
let serial = 0;
export async function createOrder(returnUrl) {
  serial += 1;
  const orderId = \`RCP_\${process.pid}_\${Date.now()}_\${serial}\`;
  orders.set(orderId, { orderId, amount: 40000, paid: false });
  const client = createClient({ environment, credentials, timeoutMs: 5000 });
  await client.createPayment({ orderId, amount: 40000, orderInfo: "Lệ phí hồ sơ", requestCode: orderId, serviceCode: "hcm_dichvucong",
    returnUrl, ipAddress: "127.0.0.1", accountCode: "payment_test" });
}
`;

/** A node:http server that hands `handle` a Web Request and writes back its Response. */
function webServer(handle) {
  return http.createServer(async (req, res) => {
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Readable.toWeb(req);
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers, body, duplex: 'half' });
    const response = await handle(request);
    // A body the handler left unread (one over the limit) ends the connection, as a runtime would.
    const close = req.complete ? {} : { connection: 'close' };
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...close });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

/** Listens on a free loopback port; resolves with { url, stop }. */
async function listening(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/lgsp/return`,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

/** Each recipe: its page, its block's first line, the specifiers to write instead, and how it starts. */
const RECIPES = [
  { name: 'node:http', page: README, first: 'server.js (node:http)', start: (m) => listening(m.server) },
  { name: 'Express 4', page: RECIPES_PAGE, first: 'app.js (Express 4 and 5)', swap: { express: 'express4' }, start: (m) => expressApp(m.app) },
  { name: 'Express 5', page: RECIPES_PAGE, first: 'app.js (Express 4 and 5)', swap: { express: 'express5' }, start: (m) => expressApp(m.app) },
  {
    name: 'Fastify 5', page: RECIPES_PAGE, first: 'app.js (Fastify 5)', start: async (m) => {
      await m.app.listen({ port: 0, host: '127.0.0.1' });
      return { url: `http://127.0.0.1:${m.app.server.address().port}/lgsp/return`, stop: () => m.app.close() };
    },
  },
  {
    name: 'Next.js', page: RECIPES_PAGE, first: 'app/lgsp/return/route.ts', typescript: true,
    swap: { '@/lgsp-return.js': './lgsp-return.js', '@/payments.js': './payments.js' },
    start: (m) => listening(webServer((request) => (request.method === 'GET' ? m.GET(request) : m.PUT(request)))),
  },
  {
    name: 'Workers', page: RECIPES_PAGE, first: 'src/index.js',
    start: (m) => {
      const env = { LGSP_BASE_URL: '', LGSP_PARTNER_CODE: unitCredentials.partnerCode, LGSP_ACCESS_KEY: unitCredentials.accessKey,
        LGSP_SECRET_KEY: unitCredentials.secretKey, LGSP_AUTHORIZATION: encodeAuthorization(unitCredentials) };
      return { env, ...listeningLater(m, env) };
    },
  },
];

function expressApp(app) {
  return listening(http.createServer(app));
}

/** The Worker behind a server: its env filled in once the gateway's address is known. */
function listeningLater(m, env) {
  const pending = new Set();
  const ctx = { waitUntil: (promise) => pending.add(Promise.resolve(promise).catch(() => {}).finally(() => pending.delete(promise))) };
  return { server: webServer((request) => m.default.fetch(request, env, ctx)), pending };
}

/** Writes the recipe, lgsp-return.js and a payments.js for `baseUrl` into a folder of their own; returns the recipe's file. */
function writeRecipe(recipe, baseUrl) {
  const dir = path.join(projectDir, 'readme-blocks', `recipe-${recipe.name.replace(/\W+/g, '-')}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  fs.writeFileSync(path.join(dir, 'lgsp-return.js'), block(RECIPES_PAGE, 'lgsp-return.js'));
  fs.writeFileSync(path.join(dir, 'payments.js'), paymentsModule(baseUrl));
  let code = block(recipe.page, recipe.first);
  for (const [from, to] of Object.entries(recipe.swap ?? {})) {
    assert.ok(code.includes(`from "${from}";`), `${recipe.name}: the recipe imports ${from}`);
    code = code.replace(`from "${from}";`, `from "${to}";`);
  }
  if (recipe.typescript) {
    const ts = require('typescript');
    code = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  }
  const file = path.join(dir, 'recipe.mjs');
  fs.writeFileSync(file, code);
  return file;
}

const RESULT = { paygate: 'mock', payTransId: '4242424242', amount: 40000, orderInfo: 'Lệ phí hồ sơ', payDate: '20250101120000', errorCode: '00', type: 'Pay' };
const signed = (fields) => JSON.stringify({ ...fields, checksum: checksum('result', fields, null) });

async function put(url, body, headers = {}) {
  const response = await boundedFetch(url, { method: 'PUT', body, headers });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

const good = signed({ ...RESULT, orderId: 'SBN_9', errorCode: '24' });
const bytes = (text) => Buffer.from(text); // a Buffer body: fetch adds no content type
const BAD = [
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
const INTACT = [
  ['no content type', bytes(good), {}],
  ['text/plain', good, { 'Content-Type': 'text/plain' }],
  ['an unknown content type', good, { 'Content-Type': 'application/x-lgsp' }],
  ['a byte-order mark', bytes(`\uFEFF${good}`), { 'Content-Type': 'application/json;charset=UTF-8' }],
];

test('every published returnUrl handler passes the conformance kit as printed', { concurrency: 3 }, async (t) => {
  await Promise.all(RECIPES.map((recipe) => t.test(recipe.name, async () => {
    const port = await deadPort();
    const file = writeRecipe(recipe, `http://127.0.0.1:${port}`);
    const payments = await import(pathToFileURL(path.join(path.dirname(file), 'payments.js')).href);
    const started = await recipe.start(await import(pathToFileURL(file).href));
    const running = started.server ? { ...started, ...(await listening(started.server)) } : started;
    if (running.env) running.env.LGSP_BASE_URL = `http://127.0.0.1:${port}`;
    try {
      const report = await runConformance({
        returnUrl: running.url, port, credentials: unitCredentials, createOrder: () => payments.createOrder(running.url),
      });
      const failed = report.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.saw}`);
      assert.deepEqual(failed, [], `${recipe.name} fails the kit`);
      assert.equal(report.checks.length, 16, 'every check of the kit');
      assert.ok(payments.paidOrders().length >= 3, 'the genuine payments are recorded');

      for (const [label, body, headers] of BAD) {
        const answer = await put(running.url, body, headers);
        assert.equal(answer.status, 200, `${label}: ${answer.text}`);
        assert.match(answer.type, /^application\/json/, label);
        assert.equal(JSON.parse(answer.text).error_code, 'FAILED', `${label}: ${answer.text}`);
      }
      for (const [label, body, headers] of INTACT) {
        const answer = await put(running.url, body, headers);
        assert.equal(JSON.parse(answer.text).error_code, 'SUCCESSFUL', `an intact result, ${label}: ${answer.text}`);
      }
      const big = await put(running.url, `{"orderInfo":"${'x'.repeat(70 * 1024)}"}`, { 'Content-Type': 'application/json' }).catch((e) => ({ status: e.cause?.code ?? e.message }));
      assert.ok(big.status === 413 || big.status === 'ECONNRESET' || big.status === 'UND_ERR_SOCKET', `a body over 64 KiB: ${big.status}`);
    } finally {
      await running.stop();
      if (running.pending) await Promise.allSettled([...running.pending]);
    }
  })));
});
