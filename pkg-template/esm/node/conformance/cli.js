// `lgsp-paygate conformance`: the conformance kit from the shell, for a backend in any language.
// Starts the unit (--start) and has it create orders (--create) with the gateway settings in
// LGSP_* environment variables, runs the checks, stops every process it started, prints one line
// per check (or JSON) and exits. Exit status: 0 all passed, 1 a check failed, 2 bad usage or no
// unit to grade. What the commands print reaches the terminal only redacted and escaped.
import { parseArgs } from 'node:util';
import { createRedactor } from '../../gateway/redact.js';
import { runConformance, conformanceCredentials, tokenOf, waitForUnit } from './kit.js';
import { createRunner } from './processes.js';

const PASSED = 0;
const FAILED = 1;
const BAD_USAGE = 2;
const DEFAULT_PORT = 8090;
const DEFAULT_WAIT_SECONDS = 30;
const CREATE_KILL_MS = 14_000;
/** How much of a command's last output a message quotes. */
const UNIT_TAIL = 2_000;
const CREATE_TAIL = 300;

const USAGE = `usage: lgsp-paygate conformance --return-url URL --create COMMAND [--start COMMAND] [--port N]
                               [--wait SECONDS] [--json]

Plays the gateway against your backend and grades it. The mock gateway listens on 127.0.0.1:PORT;
COMMANDs run in a shell with LGSP_BASE_URL, LGSP_PARTNER_CODE, LGSP_ACCESS_KEY, LGSP_SECRET_KEY,
LGSP_APP_NAME and LGSP_PARTNER_CODE_CUS set (credentials from the same variables when set here,
made up otherwise).

  --return-url URL   where the unit takes payment results, e.g. http://127.0.0.1:3000/lgsp/return
  --create COMMAND   makes the unit create one payment through the gateway; run once per check
                     that needs a fresh order, e.g. "curl -sf -X POST http://127.0.0.1:3000/orders"
  --start COMMAND    starts the unit (stopped at the end, with all it started); without it the
                     unit must be running and reading the same LGSP_* settings
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

/** Runs the command; resolves with the exit status once every process it started is stopped. */
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
  // A command may print the secret key or the token, in any encoding; none of it reaches the terminal.
  const redactor = createRedactor([credentials.secretKey, tokenOf(credentials)]);
  const runner = createRunner();
  let unit = null;
  const onSignal = () => {
    runner.stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startUnit = settings.start === undefined ? undefined : async (gateway) => {
    unit = runner.start(settings.start, { ...process.env, ...gateway.env });
    const died = unit.exited.then((how) => {
      // Exit status 0: the command may have started the unit in the background; wait for it.
      if (how.code === 0) return new Promise(() => {});
      const tail = redactor.tail(unit.output(), UNIT_TAIL);
      throw new Usage(`the --start command ended (${how.error ?? `exit ${how.code ?? how.signal}`}) before the unit answered${tail ? `; its last output:\n${tail}` : ''}`);
    });
    await Promise.race([waitForUnit(settings.returnUrl, settings.waitMs), died]);
  };
  const createOrder = async (gateway) => {
    const run = runner.start(settings.create, { ...process.env, ...gateway.env });
    const timer = setTimeout(() => runner.stop(run), CREATE_KILL_MS);
    const how = await run.exited;
    clearTimeout(timer);
    if (how.code !== 0) {
      const tail = redactor.tail(run.output().trimEnd(), CREATE_TAIL).replace(/\n+/g, ' | ');
      throw new Error(`the --create command ${how.error ?? `exited ${how.code ?? how.signal}`}${tail ? `: ${tail}` : ''}`);
    }
  };

  let report;
  try {
    report = await runConformance({
      returnUrl: settings.returnUrl, createOrder, port: settings.port, credentials, startUnit, waitMs: settings.waitMs,
    });
  } catch (error) {
    if (error instanceof Usage || error.code === 'UNIT_UNREACHABLE' || error.code === 'INVALID_ARGUMENT' || error.code === 'EADDRINUSE') {
      const tail = unit && error.code === 'UNIT_UNREACHABLE' ? redactor.tail(unit.output(), UNIT_TAIL) : '';
      note(`lgsp-paygate conformance: ${error.code === 'EADDRINUSE' ? `port ${settings.port} is in use: pick another with --port` : error.message}${tail ? `; the unit's last output:\n${tail}` : ''}`);
      return BAD_USAGE;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await runner.stopAll();
  }
  if (settings.json) out(JSON.stringify(report, null, 2));
  else printReport(report, out);
  return report.passed ? PASSED : FAILED;
}

/**
 * The command line's `conformance`: runs main and exits with its status as soon as the output is
 * written, whatever handles are left (a pipe still held by a process the kit could not reach).
 */
async function run(argv) {
  let status;
  try {
    status = await main(argv);
  } catch (error) {
    process.stderr.write(`lgsp-paygate conformance: unexpected error: ${error && error.message}\n`);
    status = BAD_USAGE;
  }
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => {
    stream.write('', resolve);
  })));
  process.exit(status);
}

export { main, run };
