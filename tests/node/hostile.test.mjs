// Hostile peers and huge inputs, through the installed package: a peer that echoes the token or
// the secret key in any form, answers that never end or inflate, bodies of every byte type, a
// lookup that is not a payment, results delivered more than once, and the mock under abuse.
// Every huge input runs in a child process with a memory limit and a deadline.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import zlib from 'node:zlib';
import { spawnSync, spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  checksum, confirmPayment, confirmPaymentResult, createClient, encodeAuthorization, handlePaymentResult,
  paymentResultReply, startMockGateway,
} from 'lgsp-paygate';
import samples from './support/samples.cjs';
import { boundedFetch, startReturnServer } from './support/loopback.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD_LIMIT_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// 1. No secret in any error, whatever the peer echoes

// A secret holding '/' and '+', so its JSON (`\/`) and URL (%2F, %2B) forms differ from it.
const SECRET = 'Qm9/Zz+Yq7/Lp+Wx3Ke/Tn+Rb5Hc/Vs+Mj2Dg==';
const credentials = { ...samples.credentials, secretKey: SECRET, appName: 'hostile_app', partnerCodeCus: 'cus.1' };
const TOKEN = encodeAuthorization({
  accessKey: credentials.accessKey, secretKey: SECRET, appName: 'hostile_app', partnerCode: credentials.partnerCode, partnerCodeCus: 'cus.1',
});
const RUN = 8;

/** Every RUN-character run of the secret and the token, lower-cased. */
const RUNS = [SECRET, TOKEN].flatMap((s) => Array.from({ length: s.length - RUN + 1 }, (_, i) => s.slice(i, i + RUN).toLowerCase()));

/** The echo forms a peer may use: as sent, JSON-escaped, URL-encoded, other case, base64, in part. */
function echoForms(secret) {
  return {
    raw: secret,
    'json \\/': JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/'),
    'json \\u': secret.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    url: encodeURIComponent(secret),
    'url lower-case': encodeURIComponent(secret).toLowerCase(),
    lower: secret.toLowerCase(),
    upper: secret.toUpperCase(),
    base64: Buffer.from(secret).toString('base64'),
    'first 12': secret.slice(0, 12),
    'last 12': secret.slice(-12),
  };
}

/** Everything an error shows: message, own properties (all, deeply), JSON.stringify and util.inspect. */
function everythingShown(error) {
  const parts = [String(error.message), util.inspect(error, { depth: Infinity, showHidden: true, maxStringLength: Infinity, breakLength: Infinity })];
  const seen = new Set();
  const walk = (value, depth) => {
    if (value === null || depth > 12) return;
    if (typeof value === 'string') {
      parts.push(value);
      return;
    }
    if (typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    try {
      parts.push(JSON.stringify(value));
    } catch {
      // a cycle: its parts are walked anyway
    }
    for (const key of Object.getOwnPropertyNames(value)) {
      parts.push(key);
      walk(value[key], depth + 1);
    }
  };
  walk(error, 0);
  return parts.join('\n');
}

/** The text in the forms an echo might still carry a secret in: as is, `\/` undone, %XX undone; lower-cased. */
function decodedViews(text) {
  const unslashed = text.replaceAll('\\/', '/');
  const unpercented = unslashed.replace(/%[0-9a-f]{2}/gi, (m) => String.fromCharCode(parseInt(m.slice(1), 16)));
  const unescaped = unpercented.replace(/\\u([0-9a-f]{4})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return [text, unslashed, unpercented, unescaped].map((t) => t.toLowerCase());
}

const RUN_SET = new Set(RUNS);

function assertNoRun(error, label) {
  for (const view of decodedViews(everythingShown(error))) {
    for (let i = 0; i + RUN <= view.length; i += 1) {
      const run = view.slice(i, i + RUN);
      if (RUN_SET.has(run)) assert.fail(`${label}: shows ${JSON.stringify(run)} in …${JSON.stringify(view.slice(Math.max(0, i - 40), i + 40))}…`);
    }
  }
}

/** A fetch double answering with `body` (text) and `status`. */
const answering = (status, body) => async () => new Response(body, { status, headers: { 'content-type': 'text/plain' } });

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

// ---------------------------------------------------------------------------------------------
// 2. Bounded peers

/** Runs `script` (ESM text) in a node child with a heap limit; resolves with its last JSON line. */
function inChild(script, { heapMb = 64, args = [] } = {}) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lgsp-hostile-')), 'child.mjs');
  fs.writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, '--expose-gc', file, ...args], {
      cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_LIMIT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`child exited ${code ?? signal}:\n${err}${out}`));
      try {
        return resolve(JSON.parse(out.trim().split('\n').at(-1)));
      } catch {
        return reject(new Error(`child printed no JSON:\n${out}${err}`));
      }
    });
  });
}

// The packed package resolves from the consumer project, where the child runs too.
const PACKAGE = JSON.stringify(require.resolve('lgsp-paygate'));

test('the client stops at maxResponseBytes: a gzip bomb, an endless answer and a huge one end with RESPONSE_TOO_LARGE in bounded memory', async () => {
  const bombFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lgsp-bomb-')), 'bomb.gz');
  // 128 MiB of spaces, gzipped as it is made: about 125 KB on the wire.
  await new Promise((resolve, reject) => {
    const gzip = zlib.createGzip({ level: 9 });
    const outFile = fs.createWriteStream(bombFile);
    gzip.pipe(outFile).on('finish', resolve).on('error', reject);
    const chunk = Buffer.alloc(1 << 20, 0x20);
    let left = 128;
    const write = () => {
      while (left > 0) {
        left -= 1;
        if (!gzip.write(chunk)) return gzip.once('drain', write);
      }
      return gzip.end();
    };
    write();
  });
  try {
    const result = await inChild(`
      import http from 'node:http';
      import fs from 'node:fs';
      const { createClient } = (await import(${PACKAGE})).default;
      const bomb = fs.readFileSync(process.argv[2]);
      const server = http.createServer((req, res) => {
        req.resume();
        if (req.url === '/paygate') {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': bomb.length });
          return res.end(bomb);
        }
        if (req.url === '/refund') {
          res.writeHead(500, { 'Content-Type': 'text/plain' }); // chunked, never ends
          const chunk = Buffer.alloc(64 << 10, 0x41);
          const more = () => { while (res.write(chunk)); };
          res.on('drain', more);
          res.on('close', () => res.off('drain', more));
          return more();
        }
        const big = Buffer.alloc(16 << 20, 0x7b);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': big.length });
        return res.end(big);
      });
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      const baseUrl = 'http://127.0.0.1:' + server.address().port;
      const credentials = ${JSON.stringify(credentials)};
      const client = createClient({ environment: { baseUrl }, credentials, timeoutMs: 30000 });
      const small = createClient({ environment: { baseUrl }, credentials, timeoutMs: 30000, maxResponseBytes: 4096 });
      global.gc();
      const before = process.memoryUsage();
      const order = ${JSON.stringify(samples.order ?? null)};
      const codes = {};
      let peakRss = 0;
      const watch = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 5);
      for (const [name, call] of [
        ['gzip bomb', () => client.createPayment(order)],
        ['endless', () => client.refund(${JSON.stringify(samples.refund)})],
        ['16 MiB', () => client.getOrderInfo(${JSON.stringify(samples.lookup)})],
        ['endless, 4 KiB limit', () => small.refund(${JSON.stringify(samples.refund)})],
      ]) {
        const error = await call().then(() => null, (e) => e);
        codes[name] = error && [error.code, error.maxResponseBytes];
      }
      clearInterval(watch);
      global.gc();
      const after = process.memoryUsage();
      server.closeAllConnections();
      server.close();
      console.log(JSON.stringify({ codes, rssBefore: before.rss, peakRss, heapAfter: after.heapUsed, heapBefore: before.heapUsed }));
    `, { heapMb: 96, args: [bombFile] });
    assert.deepEqual(result.codes, {
      'gzip bomb': ['RESPONSE_TOO_LARGE', 1 << 20],
      endless: ['RESPONSE_TOO_LARGE', 1 << 20],
      '16 MiB': ['RESPONSE_TOO_LARGE', 1 << 20],
      'endless, 4 KiB limit': ['RESPONSE_TOO_LARGE', 4096],
    });
    // The child's own 16 MiB answer buffer is off the heap and in the RSS; the client adds little
    // (without the limit, the bomb alone would be 128 MiB of text).
    const grewMb = (result.peakRss - result.rssBefore) / (1 << 20);
    assert.ok(grewMb < 96, `RSS grew ${grewMb.toFixed(0)} MiB while refusing the answers`);
    assert.ok(result.heapAfter - result.heapBefore < 16 << 20, 'nothing of the answers is kept');
  } finally {
    fs.rmSync(path.dirname(bombFile), { recursive: true, force: true });
  }
});

test('maxResponseBytes must be a positive integer', () => {
  for (const bad of [0, -1, 1.5, '1024', Infinity]) {
    assert.throws(() => createClient({ environment: 'test', credentials, maxResponseBytes: bad }), { code: 'INVALID_ARGUMENT', path: 'maxResponseBytes' });
  }
});

test('handlePaymentResult refuses a body over 1 MiB (or options.maxBytes) unread, whatever its type', async () => {
  const result = await inChild(`
    const { handlePaymentResult } = (await import(${PACKAGE})).default;
    const huge = Buffer.alloc(200 << 20, 0x20); // off the 64 MiB heap
    const seen = {};
    const started = process.hrtime.bigint();
    for (const [name, body] of [
      ['Buffer', huge],
      ['ArrayBuffer', huge.buffer.byteLength === huge.length ? huge.buffer : new Uint8Array(huge).buffer],
      ['DataView', new DataView(huge.buffer, huge.byteOffset, huge.length)],
      ['string of 2 MiB', ' '.repeat(2 << 20)],
      ['string of 400 Ki three-byte characters', 'ệ'.repeat(400 << 10)],
      ['object holding 2 MiB', { orderInfo: 'x'.repeat(2 << 20) }],
    ]) {
      const outcome = handlePaymentResult(body);
      seen[name] = [outcome.accepted, outcome.problems.map((p) => p.code).join(), JSON.parse(outcome.reply).error_code];
    }
    const small = handlePaymentResult('{"paygate":"momo"}', { maxBytes: 8 });
    seen['8-byte limit'] = [small.accepted, small.problems.map((p) => p.code).join(), JSON.parse(small.reply).error_code];
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(JSON.stringify({ seen, ms }));
  `, { heapMb: 64 });
  const refused = [false, 'TOO_LARGE', 'FAILED'];
  for (const [name, got] of Object.entries(result.seen)) assert.deepEqual(got, refused, name);
  assert.throws(() => handlePaymentResult('{}', { maxBytes: 0 }), { code: 'INVALID_ARGUMENT' });
  // Just under the limit is read (and reported on), not refused.
  const under = handlePaymentResult(`{"paygate":"${'m'.repeat((1 << 20) - 20)}"}`);
  assert.ok(!under.problems.some((p) => p.code === 'TOO_LARGE'), 'a body under the limit is read');
});

test('every README handler example enforces a body limit', () => {
  const consumer = path.resolve(here, '..', '..');
  for (const name of ['README.md', path.join('pkg-template', 'README.md')]) {
    const text = fs.readFileSync(path.join(consumer, name), 'utf8');
    const blocks = [...text.matchAll(/```([\w-]*)\n([\s\S]*?)```/g)].map((m) => m[2]);
    for (const code of blocks.filter((c) => /handlePaymentResult\((?!JSON)/.test(c) && /createServer|app\.(put|post)/.test(c))) {
      assert.ok(/content-length/i.test(code) && /size\s*>\s*MAX_BODY|limit:/.test(code) || /express\.raw\(\{[^}]*limit:/.test(code),
        `${name}: a handler reads the body without a limit:\n${code.slice(0, 400)}`);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// 4. Fail closed: one rule for errorCode, only a payment confirms

const RESULT_FIELDS = { paygate: 'momo', payTransId: '1258485', orderId: 'SBN_100012', amount: 40000, orderInfo: 'thanh toan',
  payDate: '20191212161254', errorCode: '00', type: 'Pay' };
const signedResult = (fields) => JSON.stringify({ ...fields, checksum: checksum('result', fields, null) });
const ORDER = { orderId: 'SBN_100012', payTransId: '1258485', amount: 40000, errorCode: '00', type: 'Pay', paygate: 'momo' };

test('confirmPaymentResult confirms only a lookup whose type reads as Pay', () => {
  const result = handlePaymentResult(signedResult(RESULT_FIELDS)).result;
  for (const type of ['Pay', 'pay', 'PAY']) assert.equal(confirmPaymentResult(result, { ...ORDER, type }).confirmed, true, type);
  for (const [type, code] of [['Refund', 'REFUNDED'], ['REFUND', 'REFUNDED'], ['REFUNDED', 'NOT_A_PAYMENT'], ['', 'NOT_A_PAYMENT'],
    [' Pay', 'NOT_A_PAYMENT'], ['Paid', 'NOT_A_PAYMENT'], [null, 'NOT_A_PAYMENT'], [undefined, 'NOT_A_PAYMENT']]) {
    const order = { ...ORDER, type };
    if (type === undefined) delete order.type;
    const c = confirmPaymentResult(result, order);
    assert.equal(c.confirmed, false, `type ${JSON.stringify(type)}`);
    assert.deepEqual(c.problems.map((p) => `${p.path}:${p.code}`), [`type:${code}`], `type ${JSON.stringify(type)}`);
  }
});

test('paid and confirmPayment apply one rule to errorCode: exactly "00"', async () => {
  for (const errorCode of [' 00', '00 ', '0', '000', '24', '\u000000']) {
    const outcome = handlePaymentResult(signedResult({ ...RESULT_FIELDS, errorCode }));
    assert.equal(outcome.paid, false, `paid with errorCode ${JSON.stringify(errorCode)}`);
    if (outcome.result) {
      const c = confirmPaymentResult(outcome.result, { ...ORDER, errorCode });
      assert.equal(c.confirmed, false, `confirmed with errorCode ${JSON.stringify(errorCode)}`);
      assert.ok(c.problems.some((p) => p.code === 'NOT_PAID'), `NOT_PAID for ${JSON.stringify(errorCode)}`);
    }
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
// 5. Idempotent delivery

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

test('the package README says a result may come more than once and concurrently, and how to deliver once', () => {
  const text = fs.readFileSync(path.resolve(here, '..', '..', 'pkg-template', 'README.md'), 'utf8');
  assert.match(text, /more than once/);
  assert.match(text, /concurrently|at the same time/);
  assert.match(text, /deliveryKey/);
  assert.match(text, /unique (key|constraint)/);
});

// ---------------------------------------------------------------------------------------------
// 6. The CLI

function cliPath() {
  const manifestPath = require.resolve('lgsp-paygate/package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  return path.join(path.dirname(manifestPath), manifest.bin['lgsp-paygate']);
}

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

test('the CLI refuses input over 1 MiB with exit 2 after reading at most that: /dev/zero, a big file, stdin', { skip: !fs.existsSync('/dev/zero') && 'no /dev/zero' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lgsp-cli-'));
  try {
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, `{"orderId":"${'1'.repeat(2 << 20)}"}`);
    const cases = [
      ['verify lookup /dev/zero', ['verify', 'lookup', '/dev/zero'], undefined],
      ['verify a 2 MiB file', ['verify', 'lookup', big], undefined],
      ['checksum from 3 MiB of stdin', ['checksum', 'result'], Buffer.alloc(3 << 20, 0x20)],
      ['token decode from a 2 MiB file', ['token', 'decode', big], undefined],
    ];
    for (const [label, args, input] of cases) {
      const run = spawnSync(process.execPath, ['--max-old-space-size=64', cliPath(), ...args, '--secret-env', 'LGSP_T'], {
        input, env: { ...process.env, LGSP_T: 'some-secret-key' }, encoding: 'utf8', timeout: 30_000,
      });
      // Stdin is left unread past the limit: the writer may see EPIPE, which is the point.
      assert.ok(run.error === undefined || run.error.code === 'EPIPE', `${label}: ${run.error}`);
      assert.equal(run.status, 2, `${label}: exit ${run.status}\n${run.stderr}`);
      assert.match(run.stderr, /over 1048576 bytes/, label);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// 7. The mock under abuse

test('the mock answers 413 to a body over 1 MiB, declared or streamed, and keeps serving', async () => {
  const mock = await startMockGateway();
  try {
    const declared = await boundedFetch(`${mock.url}/paygate`, { method: 'POST', body: Buffer.alloc(2 << 20, 0x20) });
    assert.equal(declared.status, 413);
    assert.match(await declared.text(), /over 1048576 bytes/);
    const chunk = new Uint8Array(256 << 10).fill(0x20);
    let sent = 0;
    const streamed = await boundedFetch(`${mock.url}/GetOrderInfo`, {
      method: 'POST',
      duplex: 'half',
      body: new ReadableStream({
        pull(controller) {
          if (sent >= 12) return controller.close();
          sent += 1;
          return controller.enqueue(chunk);
        },
      }),
    });
    assert.equal(streamed.status, 413);
    await streamed.text();
    const client = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials });
    const after = await client.getOrderInfo(samples.lookup).then(() => null, (e) => e);
    assert.equal(after.gatewayCode, 'NOT_EXITS', 'the mock still answers');
  } finally {
    await mock.close();
  }
});

test('the mock answers PARAM_ERROR to numbers JSON cannot hold and nesting deeper than 32', async () => {
  const mock = await startMockGateway();
  try {
    const token = encodeAuthorization(mock.credentials);
    const post = async (body) => {
      const res = await boundedFetch(`${mock.url}/paygate`, { method: 'POST', headers: { Authorization: token }, body });
      return [res.status, (await res.json()).error_code];
    };
    const nested = (depth) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
    assert.deepEqual(await post(JSON.stringify({ ...samples.order }).replace('40000', '1e400')), [200, 'PARAM_ERROR']);
    assert.deepEqual(await post('{"amount":-1e400}'), [200, 'PARAM_ERROR']);
    assert.deepEqual(await post(nested(33)), [200, 'PARAM_ERROR']);
    assert.deepEqual(await post(`[${'['.repeat(5000)}${']'.repeat(5000)}]`), [200, 'PARAM_ERROR']);
    assert.deepEqual(await post(nested(32)), [200, 'PARAM_ERROR'], 'within the limit: validation answers');
  } finally {
    await mock.close();
  }
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
// 8. Bytes in every form

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
