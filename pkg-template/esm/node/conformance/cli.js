// `lgsp-paygate conformance`: the conformance kit from the shell, for a backend in any language.
// Starts the unit (--start) and has it create orders (--create) with the gateway settings in
// LGSP_* environment variables, runs the checks, prints one line per check (or JSON), and stops
// what it started. Exit status: 0 all passed, 1 a check failed, 2 bad usage or no unit to grade.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runConformance, conformanceCredentials, waitForUnit } from './kit.js';

const PASSED = 0;
const FAILED = 1;
const BAD_USAGE = 2;
const DEFAULT_PORT = 8090;
const DEFAULT_WAIT_SECONDS = 30;
const CREATE_KILL_MS = 14_000;
const TAIL_LINES = 20;

const USAGE = `usage: lgsp-paygate conformance --return-url URL --create COMMAND [--start COMMAND] [--port N]
                               [--wait SECONDS] [--json]

Plays the gateway against your backend and grades it. The mock gateway listens on 127.0.0.1:PORT;
COMMANDs run in a shell with LGSP_BASE_URL, LGSP_PARTNER_CODE, LGSP_ACCESS_KEY, LGSP_SECRET_KEY,
LGSP_APP_NAME and LGSP_PARTNER_CODE_CUS set (credentials from the same variables when set here,
made up otherwise).

  --return-url URL   where the unit takes payment results, e.g. http://127.0.0.1:3000/lgsp/return
  --create COMMAND   makes the unit create one payment through the gateway; run once per check
                     that needs a fresh order, e.g. "curl -sf -X POST http://127.0.0.1:3000/orders"
  --start COMMAND    starts the unit (stopped at the end); without it the unit must be running
                     and reading the same LGSP_* settings
  --port N           the mock gateway's port (default ${DEFAULT_PORT})
  --wait SECONDS     how long to wait for the unit to answer at all (default ${DEFAULT_WAIT_SECONDS})
  --json             print the report as JSON

exit status: 0 every check passed, 1 a check failed, 2 bad usage or no unit answering`;

const OPTIONS = {
  'return-url': { type: 'string' },
  create: { type: 'string' },
  start: { type: 'string' },
  port: { type: 'string' },
  wait: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

class Usage extends Error {}

/** A shell command in its own process group, so stopping it stops what it started too. */
function shell(command, env) {
  const child = spawn(command, { shell: true, detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const keep = (chunk) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim() !== ''));
    lines.splice(0, Math.max(0, lines.length - TAIL_LINES));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: null, error: error.message }));
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, exited, tail: () => lines.join('\n') };
}

/** Ends a process group: SIGTERM, then SIGKILL if it is still there after 3 s. */
async function stop(started) {
  if (!started || started.child.exitCode !== null || started.child.signalCode !== null) return;
  const signal = (name) => {
    try {
      process.kill(-started.child.pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 3_000);
  await started.exited;
  clearTimeout(timer);
}

function parse(argv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }));
  } catch {
    throw new Usage('unknown option or argument; see lgsp-paygate conformance --help');
  }
  if (values.help) return { help: true };
  if (!values['return-url']) throw new Usage('--return-url URL is required');
  if (!values.create) throw new Usage('--create COMMAND is required');
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Usage('--port must be a number from 1 to 65535');
  const wait = values.wait === undefined ? DEFAULT_WAIT_SECONDS : Number(values.wait);
  if (!Number.isFinite(wait) || wait <= 0 || wait > 3600) throw new Usage('--wait must be a number of seconds above 0, at most 3600');
  try {
    const url = new URL(values['return-url']);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new Usage('--return-url must be an absolute http URL, e.g. http://127.0.0.1:3000/lgsp/return');
  }
  return { returnUrl: values['return-url'], create: values.create, start: values.start, port, waitMs: Math.round(wait * 1000), json: values.json === true };
}

function printReport(report, out) {
  out(`lgsp-paygate conformance: unit ${report.returnUrl}, mock gateway ${report.gatewayUrl}`);
  const width = Math.max(...report.checks.map((c) => c.id.length));
  for (const check of report.checks) {
    out(`${check.passed ? 'PASS' : 'FAIL'}  ${check.id.padEnd(width)}  ${check.saw}`);
    if (!check.passed) {
      out(`${' '.repeat(width + 8)}fix: ${check.fix}`);
      out(`${' '.repeat(width + 8)}see: ${check.readme}`);
    }
  }
  const passed = report.checks.filter((c) => c.passed).length;
  out(`${passed} of ${report.checks.length} checks passed${report.passed ? '' : `; failed: ${report.checks.filter((c) => !c.passed).map((c) => c.id).join(', ')}`}`);
}

/** Runs the command; resolves with the exit status. */
async function main(argv, io = {}) {
  const out = io.out ?? ((text) => process.stdout.write(`${text}\n`));
  const note = io.note ?? ((text) => process.stderr.write(`${text}\n`));
  let settings;
  try {
    settings = parse(argv);
  } catch (error) {
    note(`lgsp-paygate conformance: ${error.message}`);
    return BAD_USAGE;
  }
  if (settings.help) {
    out(USAGE);
    return PASSED;
  }
  const credentials = conformanceCredentials(process.env);
  const redact = (text) => text.split(credentials.secretKey).join('[REDACTED]');
  let unit = null;
  const creations = new Set();
  const onSignal = () => {
    stop(unit).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startUnit = settings.start === undefined ? undefined : async (gateway) => {
    unit = shell(settings.start, { ...process.env, ...gateway.env });
    const died = unit.exited.then((how) => {
      throw new Usage(`the --start command ended (${how.error ?? `exit ${how.code ?? how.signal}`}) before the unit answered${unit.tail() ? `; its last output:\n${redact(unit.tail())}` : ''}`);
    });
    await Promise.race([waitForUnit(settings.returnUrl, settings.waitMs), died]);
  };
  const createOrder = async (gateway) => {
    const run = shell(settings.create, { ...process.env, ...gateway.env });
    creations.add(run);
    const timer = setTimeout(() => stop(run), CREATE_KILL_MS);
    const how = await run.exited;
    clearTimeout(timer);
    creations.delete(run);
    if (how.code !== 0) {
      throw new Error(`the --create command ${how.error ?? `exited ${how.code ?? how.signal}`}${run.tail() ? `: ${redact(run.tail()).slice(-300)}` : ''}`);
    }
  };

  try {
    const report = await runConformance({
      returnUrl: settings.returnUrl, createOrder, port: settings.port, credentials, startUnit, waitMs: settings.waitMs,
    });
    if (settings.json) out(JSON.stringify(report, null, 2));
    else printReport(report, out);
    return report.passed ? PASSED : FAILED;
  } catch (error) {
    if (error instanceof Usage || error.code === 'UNIT_UNREACHABLE' || error.code === 'INVALID_ARGUMENT' || error.code === 'EADDRINUSE') {
      const tail = unit && error.code === 'UNIT_UNREACHABLE' && unit.tail() ? `; the unit's last output:\n${redact(unit.tail())}` : '';
      note(`lgsp-paygate conformance: ${error.code === 'EADDRINUSE' ? `port ${settings.port} is in use: pick another with --port` : error.message}${tail}`);
      return BAD_USAGE;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all([stop(unit), ...[...creations].map(stop)]);
  }
}

export { main };
