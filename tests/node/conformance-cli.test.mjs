// `lgsp-paygate conformance` as a process: it stops every process it started, even those that
// left their process group, exits right after its report, and stays within a memory limit while
// the unit fills the mock with orders; and nothing it prints shows the secret key or the token,
// in any encoding, or a raw control character, whatever the unit and the commands print.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeAuthorization } from 'lgsp-paygate';
import { deadPort, unitCredentials } from './support/loopback.mjs';
import { ENCODINGS, assertShowsNothingOf, cliPath, nothingOf } from './support/hostile.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const unit = path.join(here, 'conformance-units', 'unit.mjs');
const echoSecrets = path.join(here, 'conformance-units', 'echo-secrets.mjs');
const cli = cliPath();
const linux = process.platform === 'linux';
const TOKEN = encodeAuthorization(unitCredentials);
const ENV = {
  LGSP_PARTNER_CODE: unitCredentials.partnerCode,
  LGSP_ACCESS_KEY: unitCredentials.accessKey,
  LGSP_SECRET_KEY: unitCredentials.secretKey,
  LGSP_APP_NAME: unitCredentials.appName,
  LGSP_PARTNER_CODE_CUS: unitCredentials.partnerCodeCus,
};
/** Orders each --create makes in the memory test; the kit runs it 9 times. */
const ORDERS_PER_CREATE = 14;
/** The kit's heap in the memory test: the mock's orders hold 126 MB of orderInfo. */
const HEAP_MB = 256;
/** A whole run ends well within this. */
const RUN_LIMIT_MS = 150_000;

/** The processes alive whose environment carries LGSP_TEST_TAG=`tag` (a zombie's reads empty). */
function tagged(tag) {
  const found = [];
  for (const name of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (`\0${fs.readFileSync(`/proc/${name}/environ`, 'latin1')}`.includes(`\0LGSP_TEST_TAG=${tag}\0`)) found.push(Number(name));
    } catch {
      // gone
    }
  }
  return found;
}

/** The peak resident memory of a process so far, in KiB (VmHWM), or null once it is gone. */
function peakKiB(pid) {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  } catch {
    return null;
  }
}

/**
 * Runs the kit (`args` after `conformance`) in a child Node with `nodeArgs`, its environment
 * tagged; resolves when it exits, with its output, exit status, how long after its last output it
 * exited, its peak memory and the tagged processes still alive then.
 */
function runKit(args, { nodeArgs = [], env = {} } = {}) {
  const tag = crypto.randomBytes(8).toString('hex');
  const started = Date.now();
  const child = spawn(process.execPath, [...nodeArgs, cli, 'conformance', ...args], {
    env: { ...process.env, ...ENV, ...env, LGSP_TEST_TAG: tag }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let lastOutput = Date.now();
  let peak = 0;
  child.stdout.on('data', (c) => { stdout += c; lastOutput = Date.now(); });
  child.stderr.on('data', (c) => { stderr += c; lastOutput = Date.now(); });
  const poll = setInterval(() => { peak = Math.max(peak, peakKiB(child.pid) ?? 0); }, 50);
  const killer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
  return new Promise((resolve) => {
    child.on('exit', (status, signal) => {
      const exitedAt = Date.now();
      clearInterval(poll);
      clearTimeout(killer);
      const left = linux ? tagged(tag) : [];
      for (const pid of left) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      // The pipes may still be draining: read what is left before resolving.
      setTimeout(() => resolve({
        status, signal, stdout, stderr, ms: exitedAt - started, afterOutput: exitedAt - lastOutput, peakMiB: peak / 1024, left,
      }), 100);
    });
  });
}

test('the kit stops all it started, setsid children too, exits right after its report, and stays within its heap while the unit makes 126 orders of 1 MB', { skip: !linux && 'needs /proc', timeout: RUN_LIMIT_MS + 30_000 }, async () => {
  const port = await deadPort();
  const orders = `http://127.0.0.1:${port}/orders?count=${ORDERS_PER_CREATE}&infoBytes=1000000`;
  const run = await runKit([
    '--return-url', `http://127.0.0.1:${port}/lgsp/return`, '--port', String(await deadPort()), '--wait', '20', '--json',
    // Leaves its process group and session: the shell's setsid forks and exits at once.
    '--start', `setsid ${JSON.stringify(process.execPath)} ${JSON.stringify(unit)}`,
    // Each order request leaves a process behind, in a session of its own, holding the command's pipes.
    '--create', `setsid sleep 600 & ${JSON.stringify(process.execPath)} -e "fetch('${orders}',{method:'POST'}).then((r)=>process.exit(r.status===201?0:1),()=>process.exit(1))"`,
  ], { nodeArgs: [`--max-old-space-size=${HEAP_MB}`], env: { PORT: String(port) } });
  console.log(`kit run: ${run.ms} ms, peak resident memory ${run.peakMiB.toFixed(0)} MiB, exited ${run.afterOutput} ms after its last output`);
  assert.equal(run.signal, null, `the kit was killed (${run.signal}):\n${run.stderr}`);
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    assert.fail(`no JSON report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  assert.deepEqual(report.checks.filter((c) => !c.passed), [], 'every check passes');
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.left, [], 'no process the kit started is left');
  assert.ok(run.afterOutput < 1_000, `exited ${run.afterOutput} ms after its report`);
});

test('the kit ends processes that ignore SIGTERM in sessions of their own, left by --start and by --create', { skip: !linux && 'needs /proc', timeout: RUN_LIMIT_MS }, async () => {
  const port = await deadPort();
  const node = JSON.stringify(process.execPath);
  const stubborn = `setsid ${node} -e "process.on('SIGTERM',()=>{});setInterval(()=>{},1000)"`;
  const run = await runKit([
    '--return-url', `http://127.0.0.1:${port}/lgsp/return`, '--port', String(await deadPort()), '--wait', '20',
    // The shell stays; the unit and a helper that ignores SIGTERM leave its group.
    '--start', `${stubborn} & setsid ${node} ${JSON.stringify(unit)} & wait`,
    // Each --create leaves one behind and fails.
    '--create', `${stubborn} & exit 1`,
  ], { env: { PORT: String(port) } });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /FAIL {2}genuine-paid +creating an order failed: /);
  assert.deepEqual(run.left, [], 'no process the kit started is left');
  assert.ok(run.afterOutput < 1_000, `exited ${run.afterOutput} ms after its report`);
});

/** Every encoding of the secret key and the token, each to be looked for in what the kit printed. */
function assertPrintsNothingSecret(text, label) {
  for (const [name, encode] of Object.entries(ENCODINGS)) {
    for (const [what, secret] of [['secret key', unitCredentials.secretKey], ['token', TOKEN]]) {
      assertShowsNothingOf(text, nothingOf(encode, secret, [unitCredentials.secretKey, TOKEN]), `${label}: ${what}, ${name}`, { lines: true });
    }
  }
}

test('the kit\'s report shows no secret and no terminal control, whatever the unit answers and the commands print', { timeout: RUN_LIMIT_MS * 2 }, async () => {
  const node = JSON.stringify(process.execPath);
  const ports = await Promise.all(Array.from({ length: 6 }, deadPort));
  const common = (i) => ['--return-url', `http://127.0.0.1:${ports[i]}/lgsp/return`, '--wait', '20', '--port', String(ports[i + 3])];
  const start = `${node} ${JSON.stringify(unit)}`;
  const createAt = (unitPort) => `${node} -e "fetch('http://127.0.0.1:${unitPort}/orders',{method:'POST'}).then((r)=>process.exit(r.status===201?0:1),()=>process.exit(1))"`;
  const [hostileUnit, printingCreate, printingStart] = await Promise.all([
    // Replies carrying the secret key inside base64 JSON, terminal controls, a right-to-left override, a forged line.
    runKit([...common(0), '--start', start, '--create', createAt(ports[0])], { env: { PORT: String(ports[0]), UNIT_REPLY: 'hostile' } }),
    // A --create that prints the secret and the Authorization token in every encoding, then fails.
    runKit([...common(1), '--start', start, '--create', `${node} ${JSON.stringify(echoSecrets)} 1`, '--json'], { env: { PORT: String(ports[1]) } }),
    // A --start that prints them and dies before the unit answers.
    runKit([...common(2), '--start', `${node} ${JSON.stringify(echoSecrets)} 3`, '--create', 'true']),
  ]);
  assert.equal(hostileUnit.status, 0, `${hostileUnit.stdout}${hostileUnit.stderr}`);
  assert.match(hostileUnit.stdout, /HTTP 400 \\u001b\[2J\\u001b\]0;pwned\\u0007 bad request \\u202eTERCES \[REDACTED\] INFO: fo/, 'the reply is shown, escaped and redacted');
  assert.match(hostileUnit.stdout, /\\u202erefused \[REDACTED\]/);
  assert.equal(printingCreate.status, 1, printingCreate.stderr);
  assert.match(printingCreate.stdout, /creating an order failed: the --create command exited 1: .*Authorization: \[REDACTED\]/);
  assert.equal(printingStart.status, 2);
  assert.match(printingStart.stderr, /the --start command ended \(exit 3\) before the unit answered; its last output:\n/);
  for (const [label, run] of Object.entries({ hostileUnit, printingCreate, printingStart })) {
    assertPrintsNothingSecret(`${run.stdout}\n${run.stderr}`, label);
  }
});
