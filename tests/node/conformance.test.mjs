// The conformance kit as a unit runs it: `lgsp-paygate conformance` against the reference unit
// backend (examples/unit-backend, with the packed package), against copies of it broken one way
// each (the kit must fail exactly the checks that catch that way), against a unit in Python's
// standard library, against a unit that does only what the first eight checks ask (it must fail
// the checks for going live and nothing else), and runConformance() in-process, also against
// units that can be robbed (conformance-units/unit.mjs, one flaw each: the kit must fail exactly
// the checks that catch it) and units whose replies are incomplete. Then the reference backend on
// its own: 20 concurrent copies of one result fulfil the order once, as its database file shows.
// The kit runs that do not depend on each other run side by side, to keep the time down.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, handlePaymentResult, runConformance, startMockGateway } from 'lgsp-paygate';
import { boundedFetch, deadPort, unitCredentials } from './support/loopback.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '..', '..', 'node_modules', '.bin', 'lgsp-paygate');
const example = path.resolve(here, '..', '..', 'examples', 'unit-backend');
const pythonUnit = path.join(here, 'support', 'python_unit.py');
const eightChecksUnit = path.join(here, 'support', 'eight_checks_unit.py');
const fixtureUnit = path.join(here, 'conformance-units', 'unit.mjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lgsp-conformance-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const FIRST_EIGHT = ['genuine-paid', 'forged-amount', 'forged-transaction', 'bad-checksum', 'unknown-order', 'duplicate', 'failed-payment', 'malformed'];
/** The checks whose result names a transaction the gateway holds, but not as a payment. */
const NOT_PAYMENTS = ['record-failed', 'record-refunded', 'record-pending'];
/** The checks for going live: either reading of the lookup, the citizen's return, the second look, a refund's result. */
const GOING_LIVE = ['lookup-reading-table', 'lookup-reading-example', 'citizen-return', 'recheck-after-failed-lookup', 'refund-result'];
const CHECK_IDS = [...FIRST_EIGHT, ...NOT_PAYMENTS, ...GOING_LIVE];
/**
 * A whole kit run, unit start included, ends well within this: each request is bounded by 5 s,
 * recheck-after-failed-lookup by 20 s, refund-result by 8 s.
 */
const RUN_LIMIT_MS = 180_000;
const SECRET = unitCredentials.secretKey;
const createWith = (port) => `node -e "fetch('http://127.0.0.1:${port}/orders',{method:'POST'}).then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"`;
let serial = 0;

/**
 * Runs `lgsp-paygate conformance` with the unit command `start` (other runs may go on meanwhile);
 * resolves with { status, stdout, stderr }. The secret key must not show.
 */
async function kit(start, extra = []) {
  serial += 1;
  const db = path.join(work, `unit-${serial}.db`);
  const unitPort = await deadPort();
  const gatewayPort = await deadPort();
  const run = await new Promise((resolve) => {
    execFile(bin, [
      'conformance', '--return-url', `http://127.0.0.1:${unitPort}/lgsp/return`, '--create', createWith(unitPort),
      '--start', start, '--port', String(gatewayPort), '--wait', '20', ...extra,
    ], {
      cwd: example,
      encoding: 'utf8',
      timeout: RUN_LIMIT_MS,
      maxBuffer: 16 << 20,
      env: { ...process.env, ...envOf(unitCredentials), PORT: String(unitPort), UNIT_DB: db },
    }, (error, stdout, stderr) => {
      const exited = error === null || typeof error.code === 'number';
      resolve({ error: exited || error.killed ? undefined : error, killed: error?.killed === true, status: exited ? (error?.code ?? 0) : null, stdout, stderr });
    });
  });
  assert.equal(run.error, undefined, `lgsp-paygate conformance: ${run.error}`);
  assert.ok(!run.killed, `lgsp-paygate conformance ran over ${RUN_LIMIT_MS} ms`);
  for (const stream of [run.stdout, run.stderr]) assert.ok(!stream.includes(SECRET), 'the kit printed the secret key');
  return run;
}

function envOf(credentials) {
  return {
    LGSP_PARTNER_CODE: credentials.partnerCode,
    LGSP_ACCESS_KEY: credentials.accessKey,
    LGSP_SECRET_KEY: credentials.secretKey,
    LGSP_APP_NAME: credentials.appName,
    LGSP_PARTNER_CODE_CUS: credentials.partnerCodeCus,
  };
}

function reportOf(run) {
  try {
    return JSON.parse(run.stdout);
  } catch {
    assert.fail(`not a JSON report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

const failing = (report) => report.checks.filter((c) => !c.passed).map((c) => c.id);

test('the conformance kit needs its two options and exits 2 without them', () => {
  for (const args of [[], ['--return-url', 'http://127.0.0.1:1/r'], ['--create', 'true'], ['--return-url', 'ftp://x/', '--create', 'true'], ['--return-url', 'http://127.0.0.1:1/r', '--create', 'true', '--port', '0'], ['--bogus']]) {
    const run = spawnSync(bin, ['conformance', ...args], { encoding: 'utf8', timeout: 15_000 });
    assert.equal(run.status, 2, `conformance ${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /^lgsp-paygate conformance: /);
  }
  const help = spawnSync(bin, ['conformance', '--help'], { encoding: 'utf8', timeout: 15_000 });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--return-url URL/);
});

test('the conformance kit exits 2, in bounded time, when nothing answers at the returnUrl', async () => {
  const unitPort = await deadPort();
  const started = Date.now();
  const run = spawnSync(bin, ['conformance', '--return-url', `http://127.0.0.1:${unitPort}/lgsp/return`, '--create', 'true', '--port', String(await deadPort()), '--wait', '1'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /nothing answered at http:\/\/127\.0\.0\.1:\d+\/lgsp\/return within 1000 ms/);
  assert.ok(Date.now() - started < 20_000, 'gave up soon after --wait');
});

test('the reference unit backend runs on the packed package', () => {
  const resolved = createRequire(path.join(example, 'server.js')).resolve('lgsp-paygate');
  const installed = path.resolve(here, '..', '..', 'node_modules', 'lgsp-paygate');
  assert.ok(resolved.startsWith(installed + path.sep), `lgsp-paygate resolves to ${resolved}`);
  assert.equal(fs.lstatSync(installed).isSymbolicLink(), false, 'the installed tarball, not a link to pkg/');
  for (const dependency of ['express', 'better-sqlite3']) {
    assert.ok(fs.existsSync(path.join(example, 'node_modules', dependency)), `${dependency} is installed: run make tools-example`);
  }
});

test('the reference unit backend passes every check', async () => {
  const run = await kit('node server.js', ['--json']);
  const report = reportOf(run);
  assert.deepEqual(report.checks.map((c) => c.id), CHECK_IDS);
  assert.deepEqual(failing(report), [], run.stdout);
  assert.equal(report.passed, true);
  assert.equal(run.status, 0);
  for (const check of report.checks) assert.equal(check.fix, null);
});

test('the kit\'s text report: one line per check, PASS or FAIL', async () => {
  const run = await kit('node server.js');
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  for (const id of CHECK_IDS) assert.ok(lines.some((l) => new RegExp(`^PASS  ${id} +\\S`).test(l)), `a PASS line for ${id}:\n${run.stdout}`);
  assert.match(lines.at(-1), new RegExp(`^${CHECK_IDS.length} of ${CHECK_IDS.length} checks passed$`));
});

/**
 * Each way to break the reference backend: one change to one of its files, and the checks that
 * must then fail. A copy of the whole backend is made for each, so they run side by side.
 */
const BREAKAGES = [
  {
    name: 'no lookup',
    file: 'payments.js',
    from: 'const check = await confirmPayment(result, answering);',
    to: 'const check = { confirmed: true, retryable: false, problems: [] };',
    fails: ['genuine-paid', 'forged-transaction', ...NOT_PAYMENTS, 'lookup-reading-table', 'lookup-reading-example', 'recheck-after-failed-lookup'],
  },
  {
    name: 'no amount check',
    file: 'payments.js',
    from: 'if (order.amount !== result.amount) return answer(false, `order ${result.orderId}: amount ${result.amount}, charged ${order.amount}`);',
    to: '',
    fails: ['forged-amount'],
  },
  {
    name: 'a 500 on bad JSON',
    file: 'server.js',
    from: 'await payments.receive(body)',
    to: "await payments.receive(JSON.parse(body.toString('utf8')))",
    fails: ['malformed'],
  },
  {
    name: 'a non-idempotent delivery',
    file: 'db.js',
    from: 'VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    to: 'VALUES (?, ?, ?, ?)',
    fails: ['duplicate'],
  },
  {
    name: 'no page for the citizen',
    file: 'server.js',
    from: "app.get('/lgsp/return',",
    to: "app.get('/lgsp/citizen',",
    fails: ['citizen-return'],
  },
  {
    name: 'no second look',
    file: 'payments.js',
    from: 'records.keepPending(result, Date.now(), settings.recheckMs);',
    to: '',
    fails: ['recheck-after-failed-lookup'],
  },
  {
    name: 'a Refund result taken for a payment',
    file: 'payments.js',
    from: 'if (!outcome.paid) {',
    to: "if (result.errorCode !== '00') {",
    fails: ['refund-result'],
  },
];

/**
 * A copy of the reference backend beside it (so 'lgsp-paygate' resolves as for the original),
 * its node_modules linked, the breakage applied; removed when the tests end.
 */
function brokenCopy(breakage) {
  const dir = path.join(path.dirname(example), `unit-backend-broken-${breakage.name.replace(/\W+/g, '-')}`);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(example)) {
    if (/\.js$|^package\.json$/.test(file)) fs.copyFileSync(path.join(example, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(example, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const source = fs.readFileSync(path.join(dir, breakage.file), 'utf8');
  assert.equal(source.split(breakage.from).length, 2, `${breakage.file} has "${breakage.from}" exactly once`);
  fs.writeFileSync(path.join(dir, breakage.file), source.replace(breakage.from, breakage.to));
  return dir;
}

test('the kit fails each broken copy of the reference backend on the checks that catch it, and nothing else', { concurrency: 4 }, async (t) => {
  await Promise.all(BREAKAGES.map((breakage) => t.test(`${breakage.name}: ${breakage.fails.join(', ')}`, async () => {
      const dir = brokenCopy(breakage);
      const run = await kit(`node ${JSON.stringify(path.join(dir, 'server.js'))}`, ['--json']);
      const report = reportOf(run);
      assert.deepEqual(failing(report), breakage.fails, run.stdout);
      assert.equal(run.status, 1);
      for (const check of report.checks.filter((c) => !c.passed)) {
        assert.ok(check.fix.length > 20, `${check.id} says what to change`);
        assert.match(check.readme, new RegExp(`#${check.id}$`));
      }
    })));
});

const noPython = spawnSync('python3', ['--version']).status !== 0 && 'no python3';

test('units in Python\'s standard library are graded the same way', { skip: noPython, concurrency: 2 }, async (t) => {
  const every = t.test('one that does what every check asks passes', async () => {
    const run = await kit(`python3 ${JSON.stringify(pythonUnit)}`, ['--json']);
    const report = reportOf(run);
    assert.deepEqual(failing(report), [], run.stdout);
    assert.equal(run.status, 0);
  });
  const eight = t.test('one that does only what the first eight checks ask fails the later ones, and nothing else', async () => {
    const run = await kit(`python3 ${JSON.stringify(eightChecksUnit)}`, ['--json']);
    const report = reportOf(run);
    assert.deepEqual(failing(report), GOING_LIVE, run.stdout);
    assert.equal(run.status, 1);
    const saw = Object.fromEntries(report.checks.map((c) => [c.id, c.saw]));
    assert.match(saw['lookup-reading-example'], /PARAM_ERROR/, 'its lookup lacks payTransId');
    assert.match(saw['citizen-return'], /HTTP 404/);
    assert.match(saw['recheck-after-failed-lookup'], /none answered SUCCESSFUL within 20000 ms/);
    assert.match(saw['refund-result'], /FAILED/);
  });
  await Promise.all([every, eight]);
});

test('runConformance() in a test suite: a unit that trusts the checksum fails the checks a lookup would pass', async () => {
  // The unit answers whatever handlePaymentResult() says and never looks anything up.
  const unit = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(handlePaymentResult(Buffer.concat(chunks)).reply);
  });
  await new Promise((resolve) => unit.listen(0, '127.0.0.1', resolve));
  const returnUrl = `http://127.0.0.1:${unit.address().port}/lgsp/return`;
  let created = 0;
  try {
    const report = await runConformance({
      returnUrl,
      async createOrder(gateway) {
        created += 1;
        const client = createClient({ environment: { baseUrl: gateway.url }, credentials: gateway.credentials, timeoutMs: 5_000 });
        await client.createPayment({
          orderId: `SUITE_${process.pid}_${created}`, amount: 40000, orderInfo: 'Lệ phí', requestCode: `R${created}`,
          serviceCode: 'hcm_dichvucong', returnUrl, ipAddress: '127.0.0.1', accountCode: 'payment_test',
        });
      },
    });
    assert.deepEqual(failing(report), ['genuine-paid', 'forged-amount', 'forged-transaction', 'unknown-order', ...NOT_PAYMENTS,
      'lookup-reading-table', 'lookup-reading-example', 'citizen-return', 'recheck-after-failed-lookup']);
    assert.equal(report.passed, false);
    assert.ok(created >= 6, 'a fresh order for each check that needs one');
    assert.match(report.checks.find((c) => c.id === 'genuine-paid').saw, /never looked the transaction up/);
  } finally {
    await new Promise((resolve) => {
      unit.close(resolve);
      unit.closeAllConnections();
    });
  }
});

/**
 * runConformance() against the fixture unit started with `unitEnv` (UNIT_FLAW or UNIT_REPLY);
 * resolves with the report. The unit is stopped at the end.
 */
async function gradeFixture(unitEnv) {
  const port = await deadPort();
  let child = null;
  let output = '';
  try {
    return await runConformance({
      returnUrl: `http://127.0.0.1:${port}/lgsp/return`,
      waitMs: 20_000,
      startUnit(gateway) {
        child = spawn(process.execPath, [fixtureUnit], { env: { ...process.env, ...gateway.env, ...unitEnv, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (c) => { output += c; });
        child.stderr.on('data', (c) => { output += c; });
      },
      async createOrder() {
        const created = await boundedFetch(`http://127.0.0.1:${port}/orders`, { method: 'POST' });
        assert.equal(created.status, 201, `the fixture unit created no order:\n${output}`);
      },
    });
  } finally {
    child?.kill('SIGKILL');
  }
}

/**
 * Units that can be robbed, each passing the checks a careless kit runs, and the checks that
 * catch it. The amount-only one checks its own records and looks the transaction up, but
 * compares only the amount; the blind ones fire the lookup without reading its answer and refuse
 * what a forgery used to look like.
 */
const FOOLED = [
  { flaw: 'amount-only', fails: NOT_PAYMENTS },
  { flaw: 'amount-and-type', fails: ['record-failed', 'record-pending'] },
  { flaw: 'amount-and-code', fails: ['record-refunded'] },
  { flaw: 'lookup-answered', fails: NOT_PAYMENTS },
  // A blind unit records a payment its only lookup (during the outage) never confirmed.
  { flaw: 'blind-digits', fails: ['forged-transaction', ...NOT_PAYMENTS, 'recheck-after-failed-lookup'] },
  { flaw: 'blind-old-shape', fails: ['forged-transaction', ...NOT_PAYMENTS, 'recheck-after-failed-lookup'] },
  // Genuine results name real paygates, so refusing every other one refuses genuine results.
  {
    flaw: 'blind-mock-paygate',
    fails: ['genuine-paid', 'duplicate', 'lookup-reading-table', 'lookup-reading-example', 'citizen-return', 'recheck-after-failed-lookup'],
  },
];

test('units that can be robbed fail the kit, on the checks that catch them; the same unit without a flaw passes', { concurrency: 4, timeout: 240_000 }, async (t) => {
  await Promise.all([{ flaw: 'none', fails: [] }, ...FOOLED].map(({ flaw, fails }) => t.test(`${flaw}: ${fails.join(', ') || 'passes'}`, async () => {
      const report = await gradeFixture({ UNIT_FLAW: flaw });
      assert.deepEqual(report.checks.map((c) => c.id), CHECK_IDS);
      assert.deepEqual(failing(report), fails, JSON.stringify(report.checks.filter((c) => !c.passed), null, 2));
      assert.equal(report.passed, fails.length === 0);
    })));
});

/** Replies that are not answers: each check that gets one fails, saying what it saw. */
const SPOILED = [
  { reply: 'never-ends', fails: ['genuine-paid'], saw: /^order \S+ paid 40000: HTTP 200 \{"error_code":"SUCCESSFUL".*, but the reply did not end within 5000 ms$/ },
  { reply: 'short-length', fails: ['genuine-paid'], saw: /HTTP 200 \{"error_code":"SUCCESSFUL".*, but the reply ended short of its length$/ },
  { reply: 'chunked-cut', fails: ['genuine-paid'], saw: /HTTP 200 \{"error_code":"SUCCESSFUL".*, but the reply ended short of its length$/ },
  { reply: 'hang-400', fails: ['malformed'], saw: /^invalid JSON: HTTP 400 \(empty body\), but the reply did not end within 5000 ms; typographic quotes: HTTP 200/ },
  {
    reply: 'redirect-failed',
    // A 307 is no answer: neither to a forgery nor to the result whose lookup failed.
    fails: ['forged-amount', 'forged-transaction', 'bad-checksum', 'unknown-order', 'malformed', ...NOT_PAYMENTS, 'recheck-after-failed-lookup'],
    saw: /HTTP 307 \{"error_code":"FAILED"/,
  },
];

test('a reply counts only when it is complete, and FAILED only on a 2xx or a 4xx', { concurrency: 5, timeout: 240_000 }, async (t) => {
  await Promise.all(SPOILED.map(({ reply, fails, saw }) => t.test(`${reply}: ${fails.join(', ')}`, async () => {
      const started = Date.now();
      const report = await gradeFixture({ UNIT_REPLY: reply });
      assert.deepEqual(failing(report), fails, JSON.stringify(report.checks.filter((c) => !c.passed), null, 2));
      assert.match(report.checks.find((c) => c.id === fails[0]).saw, saw);
      // Each spoiled reply costs at most its 5 s; the rest of the run is quick.
      assert.ok(Date.now() - started < 60_000, `the run took ${Date.now() - started} ms`);
    })));
});

test('runConformance() says which option is wrong', async () => {
  await assert.rejects(runConformance({ createOrder() {} }), { code: 'INVALID_ARGUMENT', path: 'returnUrl' });
  await assert.rejects(runConformance({ returnUrl: 'http://127.0.0.1:1/r' }), { code: 'INVALID_ARGUMENT', path: 'createOrder' });
  await assert.rejects(runConformance({ returnUrl: 'http://127.0.0.1:1/r', createOrder() {}, port: -1 }), { code: 'INVALID_ARGUMENT', path: 'port' });
});

/** Starts the reference backend against `mock`; resolves once it answers. */
async function startReference(mock, unitPort, dbFile) {
  const child = spawn(process.execPath, ['server.js'], {
    cwd: example,
    env: { ...process.env, ...envOf(mock.credentials), LGSP_BASE_URL: mock.url, PORT: String(unitPort), UNIT_DB: dbFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => { output += c; });
  child.stderr.on('data', (c) => { output += c; });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const up = await boundedFetch(`http://127.0.0.1:${unitPort}/`).then(() => true, () => false);
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      assert.fail(`the reference backend did not start:\n${output}`);
    }
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
  return { child, output: () => output };
}

test('the reference backend: 20 concurrent copies of one paid result fulfil the order once', { skip: spawnSync('python3', ['--version']).status !== 0 && 'no python3' }, async () => {
  const mock = await startMockGateway({ credentials: unitCredentials });
  const unitPort = await deadPort();
  const dbFile = path.join(work, 'concurrent.db');
  const unit = await startReference(mock, unitPort, dbFile);
  try {
    const created = await boundedFetch(`http://127.0.0.1:${unitPort}/orders`, { method: 'POST' });
    assert.equal(created.status, 201);
    const { orderId } = await created.json();
    const result = mock.settle(orderId, 'pay');
    const replies = await Promise.all(Array.from({ length: 20 }, () => boundedFetch(`http://127.0.0.1:${unitPort}/lgsp/return`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: result,
    }).then(async (r) => ({ status: r.status, body: await r.json() }))));
    for (const reply of replies) assert.deepEqual([reply.status, reply.body.error_code], [200, 'SUCCESSFUL']);

    // Stopped before reading, so every write is in the database file; SIGKILL after 5 s.
    const exited = new Promise((resolve) => { unit.child.once('exit', resolve); });
    unit.child.kill('SIGTERM');
    const timer = setTimeout(() => unit.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    // Read by Python's sqlite3, not by the backend's own driver.
    const read = spawnSync('python3', ['-c', [
      'import json, sqlite3, sys',
      'db = sqlite3.connect(sys.argv[1])',
      'deliveries = db.execute("SELECT pay_trans_id FROM deliveries WHERE order_id = ?", (sys.argv[2],)).fetchall()',
      'status = db.execute("SELECT status FROM orders WHERE order_id = ?", (sys.argv[2],)).fetchone()[0]',
      'print(json.dumps({"deliveries": [d[0] for d in deliveries], "status": status}))',
    ].join('\n'), dbFile, orderId], { encoding: 'utf8', timeout: 15_000 });
    assert.equal(read.status, 0, read.stderr);
    const stored = JSON.parse(read.stdout);
    assert.deepEqual(stored, { deliveries: [mock.order(orderId).payTransId], status: 'paid' });
    assert.equal(unit.output().match(/: delivered$/gm)?.length, 1, `one "delivered" line in the log:\n${unit.output()}`);
  } finally {
    unit.child.kill('SIGKILL');
    await mock.close();
  }
});
