// Bounded peers and huge inputs: the client stops at maxResponseBytes (gzip bomb, endless and
// huge answers), handlePaymentResult, the CLI and the mock refuse bodies over their limit before
// reading them whole. Every huge input runs in a child with a memory limit and a deadline.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { createClient, encodeAuthorization, handlePaymentResult, startMockGateway } from 'lgsp-paygate';
import samples from './support/samples.cjs';
import { boundedFetch, newOrder } from './support/loopback.mjs';
import { PACKAGE, cliPath, credentials, inChild } from './support/hostile.mjs';
import { documentationPages, fencedBlocks, read } from './support/docs.mjs';

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

test('every handler example of the documentation enforces a body limit', () => {
  for (const name of documentationPages()) {
    const blocks = fencedBlocks(read(name)).map((b) => b.code);
    for (const code of blocks.filter((c) => /handlePaymentResult\((?!JSON)/.test(c) && /createServer|app\.(put|post)/.test(c))) {
      assert.ok(/content-length/i.test(code) && /size\s*>\s*MAX_BODY|limit:/.test(code) || /express\.raw\(\{[^}]*limit:/.test(code),
        `${name}: a handler reads the body without a limit:\n${code.slice(0, 400)}`);
    }
  }
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

test("the mock's payment page answers 413 to a form over 1 MiB, closing the connection, and keeps serving", async () => {
  const mock = await startMockGateway();
  try {
    const client = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials });
    const { url } = await client.createPayment(newOrder('http://127.0.0.1:9/lgsp/return'));
    const big = await boundedFetch(url, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `outcome=pay&pad=${'x'.repeat(2 << 20)}`,
    });
    assert.equal(big.status, 413);
    assert.equal(big.headers.get('connection'), 'close');
    assert.match(await big.text(), /over 1048576 bytes/);
    const page = await boundedFetch(url);
    assert.equal(page.status, 200, 'the page still answers');
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

