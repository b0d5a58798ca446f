// The conformance kit: plays the gateway against a unit's own backend, in any language. It starts
// the mock gateway, has the unit create real orders there, then PUTs results to the unit's
// returnUrl (genuine, forged, repeated, malformed) and grades the replies and the lookups the unit
// makes. Every step has a time limit, so a run always ends.
import crypto from 'node:crypto';
import { lgspError } from '../../core/lgsp-error.js';
import { startMockGateway } from '../mock/server.js';
import { CHECKS } from './checks.js';
import { put, probe } from './http.js';

/** How long the unit has to answer one request. */
const CHECK_LIMIT_MS = 5_000;
/** How long createOrder may take (a shell command that starts a runtime may be slow). */
const CREATE_LIMIT_MS = 15_000;
/** How long to wait for the unit to answer at all. */
const DEFAULT_WAIT_MS = 30_000;
/** Where a failing check points: the package README, whose section on each check is headed by its id. */
const README = 'https://www.npmjs.com/package/lgsp-paygate';

/** The environment a unit reads its gateway settings from. */
const ENV_NAMES = Object.freeze({
  partnerCode: 'LGSP_PARTNER_CODE',
  accessKey: 'LGSP_ACCESS_KEY',
  secretKey: 'LGSP_SECRET_KEY',
  appName: 'LGSP_APP_NAME',
  partnerCodeCus: 'LGSP_PARTNER_CODE_CUS',
});

const invalid = (path, message) => lgspError('INVALID_ARGUMENT', message, { path });
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Throwaway credentials, each field taken from `env` (LGSP_PARTNER_CODE, ...) when set there. */
function conformanceCredentials(env = {}) {
  const made = {
    partnerCode: 'MOCK.00.00.H29',
    accessKey: crypto.randomBytes(16).toString('hex'),
    secretKey: crypto.randomBytes(33).toString('base64'),
    appName: 'lgsp_paygate_conformance',
    partnerCodeCus: 'MOCK.00.00.H29',
  };
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    if (typeof env[name] === 'string' && env[name] !== '') made[key] = env[name];
  }
  return made;
}

/** Rejects after `ms` unless `promise` settles first. */
function within(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function checkOptions(options) {
  if (options === null || typeof options !== 'object') throw invalid('options', 'runConformance takes an options object');
  const { returnUrl, createOrder, port = 0, credentials, startUnit, waitMs = DEFAULT_WAIT_MS } = options;
  let url;
  try {
    url = new URL(returnUrl);
  } catch {
    throw invalid('returnUrl', 'returnUrl must be an absolute http URL of the unit, e.g. http://127.0.0.1:3000/lgsp/return');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('returnUrl', 'returnUrl must be an http or https URL');
  if (typeof createOrder !== 'function') throw invalid('createOrder', 'createOrder must be a function that makes the unit create one payment');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw invalid('port', 'port must be an integer from 0 to 65535');
  if (startUnit !== undefined && typeof startUnit !== 'function') throw invalid('startUnit', 'startUnit must be a function');
  if (!Number.isSafeInteger(waitMs) || waitMs < 0) throw invalid('waitMs', 'waitMs must be a non-negative integer of milliseconds');
  return { returnUrl: url.href, createOrder, port, credentials: credentials ?? conformanceCredentials(), startUnit, waitMs };
}

/** Resolves when the unit answers HTTP at `url` (any status); rejects after `waitMs`. */
async function waitForUnit(url, waitMs) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await probe(url, Math.min(2_000, Math.max(1, deadline - Date.now())))) return;
    if (Date.now() >= deadline) {
      throw lgspError('UNIT_UNREACHABLE', `nothing answered at ${url} within ${waitMs} ms`, { path: 'returnUrl' });
    }
    await sleep(200);
  }
}

/**
 * Runs every check against the unit at `returnUrl` and resolves with the report:
 * { passed, returnUrl, gatewayUrl, checks: [{ id, passed, saw, sends, passesWhen, fix, readme }] }.
 * `createOrder(gateway)` makes the unit create one payment at `gateway.url` with
 * `gateway.credentials` (`gateway.env` holds them as LGSP_* variables).
 */
async function runConformance(options) {
  const settings = checkOptions(options);
  const requests = [];
  const mock = await startMockGateway({
    port: settings.port,
    credentials: settings.credentials,
    allowRemoteReturnUrl: true,
    resultTimeoutMs: CHECK_LIMIT_MS,
    onRequest: (request) => requests.push(request),
  });
  const env = { LGSP_BASE_URL: mock.url };
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    if (settings.credentials[key] !== undefined) env[name] = settings.credentials[key];
  }
  const gateway = { url: mock.url, port: mock.port };
  // Not enumerable: a logged gateway object does not print the secret key.
  Object.defineProperty(gateway, 'credentials', { value: { ...settings.credentials }, enumerable: false });
  Object.defineProperty(gateway, 'env', { value: env, enumerable: false });
  try {
    if (settings.startUnit) await settings.startUnit(gateway);
    await waitForUnit(settings.returnUrl, settings.waitMs);
    const ctx = contextFor(settings, mock, gateway, requests);
    const checks = [];
    for (const check of CHECKS) {
      let outcome;
      try {
        outcome = await check.run(ctx);
      } catch (error) {
        outcome = { passed: false, saw: error.setup ? error.message : `the check could not run: ${error.message}` };
      }
      checks.push({
        id: check.id,
        passed: outcome.passed,
        saw: outcome.saw,
        sends: check.sends,
        passesWhen: check.passesWhen,
        fix: outcome.passed ? null : check.fix,
        readme: `${README}#${check.id}`,
      });
    }
    return { passed: checks.every((c) => c.passed), returnUrl: settings.returnUrl, gatewayUrl: mock.url, checks };
  } finally {
    await mock.close();
  }
}

/** What the checks work with: fresh orders, the unit's replies, the lookups it made. */
function contextFor(settings, mock, gateway, requests) {
  return {
    mock,
    limitMs: CHECK_LIMIT_MS,
    genuine: null,
    send: (body, contentType = 'application/json;charset=UTF-8') => put(settings.returnUrl, body, contentType, CHECK_LIMIT_MS),
    unitAnswers: () => probe(settings.returnUrl, CHECK_LIMIT_MS),
    lookupMark: () => requests.length,
    /** True once the unit looked up the paid transaction of `orderId` (SUCCESSFUL: the right one). */
    async lookedUp(orderId, mark) {
      const found = () => requests.slice(mark).some((r) => r.kind === 'lookup' && r.orderId === orderId && r.code === 'SUCCESSFUL');
      for (let waited = 0; !found() && waited < 500; waited += 50) await sleep(50);
      return found();
    },
    /** Has the unit create one payment and returns the order as it reached the gateway. */
    async freshOrder() {
      const before = new Set(mock.orders().map((o) => o.orderId));
      const mark = requests.length;
      const setup = (message) => Object.assign(new Error(message), { setup: true });
      try {
        await within(Promise.resolve().then(() => settings.createOrder(gateway)), CREATE_LIMIT_MS, 'creating an order');
      } catch (error) {
        throw setup(`creating an order failed: ${error.message}`);
      }
      for (let waited = 0; waited <= 2_000; waited += 50) {
        const fresh = mock.orders().filter((o) => !before.has(o.orderId) && o.status === 'pending');
        if (fresh.length > 0) return fresh.at(-1);
        await sleep(50);
      }
      const refused = requests.slice(mark).filter((r) => r.kind === 'paygate').map((r) => r.code);
      throw setup(refused.length > 0
        ? `the unit asked the gateway for a payment and was answered ${refused.join(', ')}: check the LGSP_* credentials it uses`
        : `no payment request reached the gateway at ${gateway.url}: point the unit at LGSP_BASE_URL`);
    },
  };
}

export { runConformance, conformanceCredentials, waitForUnit, CHECKS, ENV_NAMES };
