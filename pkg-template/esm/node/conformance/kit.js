// The conformance kit: plays the gateway against a unit's own backend, in any language. It starts
// the mock gateway, has the unit create real orders there, then PUTs results to the unit's
// returnUrl (genuine, forged, repeated, malformed) and grades the replies and the lookups the unit
// makes. Every step has a time limit, so a run always ends; what it keeps of the unit's requests
// is bounded whatever the unit sends, and what it reports is redacted and escaped.
import crypto from 'node:crypto';
// The core through the Node entry point, as the mock and the checks use it.
import * as core from '../../index.js';
import { lgspError } from '../../core/lgsp-error.js';
import { createRedactor } from '../../gateway/redact.js';
import { startMockGateway } from '../mock/server.js';
import { CHECKS } from './checks.js';
import { put, probe } from './http.js';
import { getPage, withQuery } from './citizen-page.js';
import { drawPaygate } from './shapes.js';

/** How long the unit has to answer one request. */
const CHECK_LIMIT_MS = 5_000;
/** How long createOrder may take (a shell command that starts a runtime may be slow). */
const CREATE_LIMIT_MS = 15_000;
/** How long to wait for the unit to answer at all. */
const DEFAULT_WAIT_MS = 30_000;
/** Where a failing check points: the package README, whose section on each check is headed by its id. */
const README = 'https://www.npmjs.com/package/lgsp-paygate';
/** The most API requests of the unit the kit remembers (the newest); a check looks only at its own. */
const REQUESTS_KEPT = 1000;
/** The longest `saw` of a check, after redaction. */
const MAX_SAW = 4000;

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
  const requests = requestLog();
  const mock = await startMockGateway({
    port: settings.port,
    credentials: settings.credentials,
    allowRemoteReturnUrl: true,
    resultTimeoutMs: CHECK_LIMIT_MS,
    paygate: drawPaygate,
    onRequest: requests.record,
  });
  const redactor = createRedactor([settings.credentials.secretKey, tokenOf(mock.credentials)]);
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
        // Built from what the unit sent and said: redacted and escaped like any peer text.
        saw: redactor.excerpt(String(outcome.saw), MAX_SAW),
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

/** The Authorization token the mock accepts: the one given, or the one the credentials encode. */
function tokenOf(credentials) {
  if (typeof credentials.authorization === 'string') return credentials.authorization;
  const { accessKey, secretKey, appName, partnerCode, partnerCodeCus } = credentials;
  return core.encodeAuthorization({ accessKey, secretKey, appName, partnerCode, partnerCodeCus });
}

/** A short, fixed-size stand-in for a value a unit sent (an orderId may be a megabyte). */
const digest = (text) => (typeof text === 'string' ? crypto.createHash('sha256').update(text).digest('base64') : null);

/**
 * The unit's API requests at the mock, as the checks need them and bounded whatever the unit
 * sends: the newest REQUESTS_KEPT, each with its fields digested, and the orderId of the newest
 * order created (which the mock keeps anyway).
 */
function requestLog() {
  const kept = [];
  let count = 0;
  let created = { seq: 0, orderId: null };
  return {
    record({ kind, orderId, transactionNo, code }) {
      count += 1;
      if (kind === 'paygate' && code === 'SUCCESSFUL') created = { seq: count, orderId };
      kept.push({ seq: count, kind, code: String(code).slice(0, 40), order: digest(orderId), transaction: digest(transactionNo) });
      if (kept.length > REQUESTS_KEPT) kept.shift();
    },
    mark: () => count,
    since: (mark) => kept.filter((r) => r.seq > mark),
    /** The orderId of the newest order created after `mark`, or null. */
    createdSince: (mark) => (created.seq > mark ? created.orderId : null),
  };
}

/** What the checks work with: fresh orders, the unit's replies, the lookups it made. */
function contextFor(settings, mock, gateway, requests) {
  const setup = (message) => Object.assign(new Error(message), { setup: true });
  const ctx = {
    mock,
    limitMs: CHECK_LIMIT_MS,
    genuine: null,
    /** The newest order the unit created: { orderId, amount, orderInfo }, the shape of its orders. */
    lastOrder: null,
    send: (body, contentType = 'application/json;charset=UTF-8') => put(settings.returnUrl, body, contentType, CHECK_LIMIT_MS),
    unitAnswers: () => probe(settings.returnUrl, CHECK_LIMIT_MS),
    lookupMark: () => requests.mark(),
    /**
     * True once the unit looked up the paid transaction of `orderId` (SUCCESSFUL: the right one),
     * waiting up to `waitMs` for it.
     */
    async lookedUp(orderId, mark, waitMs = 500) {
      const order = digest(orderId);
      const found = () => requests.since(mark).some((r) => r.kind === 'lookup' && r.order === order && r.code === 'SUCCESSFUL');
      for (let waited = 0; !found() && waited < waitMs; waited += 50) await sleep(50);
      return found();
    },
    /** The error_codes the mock answered the unit's lookups of `orderId` since `mark` (the newest kept). */
    lookupCodes(orderId, mark) {
      const order = digest(orderId);
      return requests.since(mark).filter((r) => r.kind === 'lookup' && r.order === order).map((r) => r.code);
    },
    /** GETs the unit's returnUrl with `params` in its query, as the citizen's browser comes back. */
    citizenPage: (params) => getPage(withQuery(settings.returnUrl, params), CHECK_LIMIT_MS),
    /** A client of the mock with its own credentials, as the gateway's operator would refund. */
    gatewayClient: () => core.createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials, timeoutMs: CHECK_LIMIT_MS }),
    /** Has the unit create one payment and returns the order as it reached the gateway. */
    async freshOrder() {
      const mark = requests.mark();
      try {
        await within(Promise.resolve().then(() => settings.createOrder(gateway)), CREATE_LIMIT_MS, 'creating an order');
      } catch (error) {
        throw setup(`creating an order failed: ${error.message}`);
      }
      for (let waited = 0; waited <= 2_000; waited += 50) {
        const orderId = requests.createdSince(mark);
        // One look at the new order, not a copy of every order on each poll.
        const order = orderId === null ? null : mock.order(orderId);
        if (order !== null && order.status === 'pending' && order.payTransId === null) {
          ctx.lastOrder = { orderId: order.orderId, amount: order.amount, orderInfo: order.orderInfo };
          return order;
        }
        await sleep(50);
      }
      const refused = requests.since(mark).filter((r) => r.kind === 'paygate').map((r) => r.code);
      throw setup(refused.length > 0
        ? `the unit asked the gateway for a payment and was answered ${[...new Set(refused)].join(', ')}: check the LGSP_* credentials it uses`
        : `no payment request reached the gateway at ${gateway.url}: point the unit at LGSP_BASE_URL`);
    },
  };
  return ctx;
}

export { runConformance, conformanceCredentials, tokenOf, waitForUnit, CHECKS, ENV_NAMES };
