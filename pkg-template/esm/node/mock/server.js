// A mock of the gateway for tests and development, on 127.0.0.1 only: /paygate, /refund and
// /GetOrderInfo as docs/gateway.md describes them, a payment page with 'pay' and 'fail' buttons,
// and a correctly signed result PUT to the order's returnUrl. This module is the HTTP server and
// the mock's own interface; the order store (orders.js), the JSON API (api.js), the sending of
// results (delivery.js) and the pages (page.js) are beside it. Tokens are read with the core's
// decodeAuthorization, checksums checked with its verify.
import http from 'node:http';
// The core through the Node entry point, so that in the ES build (where index.js is one bundled
// file) the mock uses the very instance the entry point loaded.
import * as core from '../../index.js';
import { ENDPOINTS } from '../../gateway/client.js';
import { lgspError } from '../../core/lgsp-error.js';
import { createRedactor } from '../../gateway/redact.js';
import { createApi } from './api.js';
import { createDelivery } from './delivery.js';
import { createOrderStore, LOOKUP_KEYS } from './orders.js';
import * as pages from './page.js';
import { checkCredentials, readBody, sameText, MAX_BODY_BYTES } from './support.js';

const HOST = '127.0.0.1';
/** The most orders the mock keeps by default, and the most text they hold; past either the oldest is forgotten. */
const DEFAULT_MAX_ORDERS = 1000;
const DEFAULT_MAX_ORDER_BYTES = 64 << 20;
/** How long a request may take to arrive whole: a stalled body is dropped after this. */
const REQUEST_TIMEOUT_MS = 30_000;
const PATHS = Object.freeze({ [ENDPOINTS.paygate]: 'paygate', [ENDPOINTS.refund]: 'refund', [ENDPOINTS.lookup]: 'lookup' });
/** The longest log line; longer ones are cut (after redaction). */
const MAX_LOG_LINE = 500;

function orderNotFound(orderId) {
  return lgspError('INVALID_ARGUMENT', `no order ${JSON.stringify(orderId)}`, { path: 'orderId' });
}

/** The checks of complete() and settle(): a pending order, a known outcome ('pending' for settle() only). */
function pendingOrder(store, orderId, outcome, outcomes = ['pay', 'fail']) {
  const order = store.get(orderId);
  if (!order) throw orderNotFound(orderId);
  if (!outcomes.includes(outcome)) throw lgspError('INVALID_ARGUMENT', `outcome must be ${outcomes.map((o) => `"${o}"`).join(', ')}`, { path: 'outcome' });
  if (order.status !== 'pending') throw lgspError('INVALID_ARGUMENT', `order ${JSON.stringify(orderId)} is already ${order.status}`, { path: 'orderId' });
  return order;
}

/** A lookupKeys option: absent, or one of LOOKUP_KEYS. */
function lookupKeysOf(value, path) {
  if (value === undefined || value === null) return null;
  if (!LOOKUP_KEYS.includes(value)) throw lgspError('INVALID_ARGUMENT', `${path} must be one of ${LOOKUP_KEYS.join(', ')}`, { path });
  return value;
}

/** A non-negative integer option, or its default. */
function countOf(value, fallback, path, least = 0) {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < least) throw lgspError('INVALID_ARGUMENT', `${path} must be an integer of at least ${least}`, { path });
  return value;
}

/** The orderId a request body names, read leniently (null when it names none or is not JSON). */
function namedOrder(raw) {
  try {
    const orderId = JSON.parse(raw.toString('utf8'))?.orderId;
    return typeof orderId === 'string' ? orderId : null;
  } catch {
    return null;
  }
}

/** `returnUrl` with the order's id in its query: where the citizen's browser goes back to. */
function citizenReturnUrl(order) {
  const url = new URL(order.returnUrl);
  url.searchParams.set('orderId', order.orderId);
  return url.href;
}

/**
 * Starts the mock on 127.0.0.1. Options: port (0 or absent: any free port), credentials (absent:
 * random throwaway ones, readable as mock.credentials; appName defaults to "lgsp_paygate_mock",
 * partnerCodeCus to partnerCode), paygate (the result's paygate, "mock"; or a function given each
 * new order's { orderId, amount } that returns its paygate), lookupKeys (how the lookup names the
 * transaction: "payTransId" or "transactionNo" as the guide's example or table, each also
 * required in the request, or "both"; absent: either name read, payTransId answered), maxOrders
 * (1000) and maxOrderBytes (64 MiB of their text; past either the oldest is forgotten), resends (how many times each result is sent again, 0)
 * and resendDelayMs (1000),
 * allowRemoteReturnUrl (PUT results to hosts other than this machine; false), resultTimeoutMs
 * (10000), log (a function given one line per request), onRequest (a function given
 * { kind, orderId, transactionNo, code } per API request).
 */
async function startMockGateway(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw lgspError('INVALID_ARGUMENT', 'startMockGateway takes an options object', { path: 'options' });
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw lgspError('INVALID_ARGUMENT', 'port must be an integer from 0 to 65535', { path: 'port' });
  }
  const credentials = checkCredentials(options.credentials);
  const token = credentials.authorization ?? core.encodeAuthorization({
    accessKey: credentials.accessKey,
    secretKey: credentials.secretKey,
    appName: credentials.appName,
    partnerCode: credentials.partnerCode,
    partnerCodeCus: credentials.partnerCodeCus,
  });
  // Lines carry values from requests: whatever a client sent, no secret gets through.
  const redactor = createRedactor([credentials.secretKey, token]);
  const userLog = typeof options.log === 'function' ? options.log : null;
  const log = (line) => {
    if (userLog) userLog(redactor.excerpt(line, MAX_LOG_LINE));
  };
  const onRequest = typeof options.onRequest === 'function' ? options.onRequest : () => {};
  const resultTimeoutMs = options.resultTimeoutMs ?? 10_000;
  const resends = countOf(options.resends, 0, 'resends');
  const resendDelayMs = countOf(options.resendDelayMs, 1_000, 'resendDelayMs');

  const paygate = options.paygate ?? 'mock';
  if (typeof paygate !== 'function' && (typeof paygate !== 'string' || paygate === '')) {
    throw lgspError('INVALID_ARGUMENT', 'paygate must be a non-empty string or a function that returns one', { path: 'paygate' });
  }
  const store = createOrderStore({
    paygate,
    maxOrders: countOf(options.maxOrders, DEFAULT_MAX_ORDERS, 'maxOrders', 1),
    maxBytes: countOf(options.maxOrderBytes, DEFAULT_MAX_ORDER_BYTES, 'maxOrderBytes', 1),
    lookupKeys: lookupKeysOf(options.lookupKeys, 'lookupKeys'),
  });
  const delivery = createDelivery({ allowRemoteReturnUrl: options.allowRemoteReturnUrl === true, resultTimeoutMs, redactor });
  const faults = new Map(); // path -> queued faults
  const standing = []; // { path, until, orderId, fault }: faults that last a while
  const timers = new Set();
  let baseUrl = '';

  function sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function send(res, status, type, text, headers = {}) {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    res.end(text);
  }

  /** A signed result as JSON text. */
  const signed = (fields) => JSON.stringify({ ...fields, checksum: core.checksum('result', fields, null) });

  /**
   * PUTs a signed result to the order's returnUrl, then again `resends` times, `resendDelayMs`
   * apart (recorded in order.resent), as a gateway that repeats its results would. Resolves
   * with the first delivery's record once `record` has it.
   */
  async function sendResult(order, json, record) {
    const first = await delivery.deliver(order.returnUrl, json);
    record(first);
    const what = JSON.parse(json);
    log(`PUT ${order.returnUrl} ${order.orderId} ${what.type} ${what.errorCode} -> ${first.delivered ? `HTTP ${first.status}` : first.error}`);
    (async () => {
      for (let n = 0; n < resends && !closing; n += 1) {
        await sleep(resendDelayMs);
        if (closing) return;
        order.resent.push(await delivery.deliver(order.returnUrl, json));
      }
    })();
    return first;
  }

  const api = createApi({
    core, credentials, token, store, send,
    pageUrl: (payId) => `${baseUrl}/pay/${payId}`,
    // The gateway sends a Refund result to the order's returnUrl once a refund is made.
    onRefunded(order, fields) {
      if (closing) return;
      sendResult(order, signed(fields), (sent) => {
        if (order.refund) order.refund.delivery = sent;
      });
    },
  });

  /** Marks the order paid, failed or pending (recording `amount` as paid) and returns its signed result text. */
  function settleOrder(order, outcome, amount, lookupKeys) {
    return signed(store.settle(order, outcome, amount, lookupKeys ?? order.lookupKeys));
  }

  async function completeOrder(order, outcome, lookupKeys) {
    const json = settleOrder(order, outcome, undefined, lookupKeys);
    await sendResult(order, json, (sent) => {
      order.delivery = sent;
    });
    return structuredClone(order.delivery);
  }

  /**
   * Why a POST of the payment page's form is refused before its body is read, or null: it must
   * come from the page itself (no other site's Origin or Sec-Fetch-Site) and carry the page's
   * token in its address (the form's action holds it).
   */
  function formRefusal(req, order) {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== baseUrl) return 'the form was posted from another site';
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return 'the form was posted from another site';
    const given = new URL(req.url, baseUrl).searchParams.get('token');
    if (!sameText(given ?? '', order.formToken)) return 'the form is not this page\'s';
    return null;
  }

  async function onPage(req, res, payId) {
    const order = store.byPage(payId);
    if (!order) return send(res, 404, 'text/html; charset=utf-8', pages.messagePage('Not found', 'No payment at this address.'), { 'Content-Security-Policy': pages.PAGE_CSP });
    const html = (status, text, headers = {}) => send(res, status, 'text/html; charset=utf-8', text, { 'Content-Security-Policy': pages.PAGE_CSP, ...headers });
    if (req.method === 'GET' || req.method === 'HEAD') {
      return html(200, pages.paymentPage(order, `/pay/${payId}?token=${order.formToken}`, citizenReturnUrl(order)));
    }
    if (req.method !== 'POST') return html(405, pages.messagePage('Method not allowed', 'GET the page, POST the form.'));
    // Refused unread, the connection closed: a stalled or endless body costs nothing.
    const refusal = formRefusal(req, order);
    if (refusal) return html(403, pages.messagePage('Forbidden', refusal), { Connection: 'close' });
    const form = await readBody(req);
    if (form === null) {
      // As for the API: the rest of an oversized body is not read, so the connection is not reused.
      return send(res, 413, 'text/html; charset=utf-8', pages.messagePage('Payload too large', `The form is over ${MAX_BODY_BYTES} bytes.`),
        { 'Content-Security-Policy': pages.PAGE_CSP, Connection: 'close' });
    }
    const outcome = new URLSearchParams(form.toString('utf8')).get('outcome');
    if (outcome !== 'pay' && outcome !== 'fail') return html(400, pages.messagePage('Bad request', 'outcome must be pay or fail.'));
    if (order.status !== 'pending') return html(409, pages.completedPage(order, citizenReturnUrl(order)));
    await completeOrder(order, outcome);
    // Guide §3.3: once paid, the gateway "redirects back to returnUrl". **Assumption**: a GET of
    // returnUrl with the order's id in its query (orderId=...), after the result was PUT there.
    return send(res, 303, 'text/html; charset=utf-8', pages.completedPage(order, citizenReturnUrl(order)),
      { 'Content-Security-Policy': pages.PAGE_CSP, Location: citizenReturnUrl(order) });
  }

  /** The standing fault for a request to `path`, if one is in force for the order it names. */
  function standingFault(path, raw) {
    const now = Date.now();
    for (let i = standing.length - 1; i >= 0; i -= 1) if (standing[i].until <= now) standing.splice(i, 1);
    const wanted = standing.filter((f) => f.path === path);
    if (wanted.length === 0) return null;
    const orderId = namedOrder(raw);
    return wanted.find((f) => f.orderId === null || f.orderId === orderId)?.fault ?? null;
  }

  /** Applies the fault in force for this request, if any; returns what was answered ("HTTP 503", "HANG_UP", a code) or null. */
  async function applyFault(res, path, raw) {
    const fault = standingFault(path, raw) ?? faults.get(path)?.shift();
    if (!fault) return null;
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.hangUp) {
      res.socket?.destroy();
      return 'HANG_UP';
    }
    if (fault.status !== undefined || fault.body !== undefined) {
      send(res, fault.status ?? 200, fault.contentType ?? 'text/html; charset=utf-8', fault.body ?? '');
      return `HTTP ${fault.status ?? 200}`;
    }
    if (fault.errorCode !== undefined) {
      api.answer(res, PATHS[path], fault.errorCode, fault.errorMessage ?? '');
      return String(fault.errorCode);
    }
    return null; // only a delay: carry on as usual
  }

  async function route(req, res) {
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    const page = /^\/pay\/([0-9a-f]{24})$/.exec(pathname);
    if (page) return onPage(req, res, page[1]);
    const kind = PATHS[pathname];
    if (!kind) return send(res, 404, 'application/json; charset=utf-8', '{"error":"not found"}');
    if (req.method !== 'POST') return send(res, 405, 'application/json; charset=utf-8', '{"error":"POST only"}', { Allow: 'POST' });
    // The token first: a request without it is answered before a byte of its body is read.
    if (!api.authorized(req)) {
      api.unauthorized(res, kind);
      log(`POST ${pathname} -> NOT_AUTHORIZED (body not read)`);
      onRequest({ kind, orderId: null, transactionNo: null, code: 'NOT_AUTHORIZED' });
      return undefined;
    }
    const raw = await readBody(req);
    if (raw === null) {
      send(res, 413, 'application/json; charset=utf-8', JSON.stringify({ error: `the body is over ${MAX_BODY_BYTES} bytes` }), { Connection: 'close' });
      log(`POST ${pathname} -> 413 body over ${MAX_BODY_BYTES} bytes`);
      return undefined;
    }
    const fault = await applyFault(res, pathname, raw);
    if (fault) {
      log(`POST ${pathname} -> injected fault`);
      onRequest({ kind, orderId: namedOrder(raw), transactionNo: null, code: fault });
      return undefined;
    }
    const { code, body } = api.handle(req, res, kind, raw);
    log(`POST ${pathname}${body ? ` ${body.orderId}` : ''} -> ${code}`);
    onRequest({ kind, orderId: body?.orderId ?? null, transactionNo: body?.transactionNo ?? null, code });
    return undefined;
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error) => {
      send(res, error.status ?? 500, 'application/json; charset=utf-8', JSON.stringify({ error: error.status ? error.message : 'mock gateway error' }));
      if (!error.status) log(`internal error: ${error.message}`);
    });
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  baseUrl = `http://${HOST}:${server.address().port}`;

  let closing = null;
  const mock = {
    /** Base URL: createClient({ environment: { baseUrl: mock.url }, ... }). */
    url: baseUrl,
    port: server.address().port,
    /** Every order, oldest first (copies). */
    orders: () => store.list(),
    /** One order by orderId (a copy), or null. */
    order: (orderId) => store.view(orderId),
    /**
     * What the page's 'pay' / 'fail' buttons do: completes the order and PUTs the signed result.
     * `lookupKeys` sets how this order's lookup names the transaction (the mock's option otherwise).
     */
    async complete(orderId, outcome, { lookupKeys } = {}) {
      const keys = lookupKeysOf(lookupKeys, 'lookupKeys');
      return completeOrder(pendingOrder(store, orderId, outcome), outcome, keys);
    },
    /**
     * Completes a pending order like complete() but sends nothing: returns the signed result as
     * JSON text, for a test to deliver itself. `amount` records another amount as paid (the
     * lookup then reports it), as a gateway whose record disagrees with the unit's would.
     * 'pending' opens a transaction that is neither paid nor failed (errorCode "01" in the
     * lookup) and leaves the order pending. `lookupKeys` as for complete().
     */
    settle(orderId, outcome, { amount, lookupKeys } = {}) {
      const order = pendingOrder(store, orderId, outcome, ['pay', 'fail', 'pending']);
      if (amount !== undefined && !(Number.isSafeInteger(amount) && amount > 0)) throw lgspError('INVALID_ARGUMENT', 'amount must be a positive integer', { path: 'amount' });
      return settleOrder(order, outcome, amount, lookupKeysOf(lookupKeys, 'lookupKeys'));
    },
    /**
     * Makes the next request to path ("/paygate", "/refund" or "/GetOrderInfo") misbehave:
     * { delayMs }, { status, body, contentType }, { body }, { errorCode, errorMessage } or { hangUp: true }.
     */
    failNext(path, fault) {
      if (!PATHS[path]) throw lgspError('INVALID_ARGUMENT', `path must be one of ${Object.keys(PATHS).join(', ')}`, { path: 'path' });
      if (fault === null || typeof fault !== 'object') throw lgspError('INVALID_ARGUMENT', 'fault must be an object', { path: 'fault' });
      if (!faults.has(path)) faults.set(path, []);
      faults.get(path).push({ ...fault });
    },
    /**
     * Makes every request to `path` misbehave for the next `forMs` milliseconds, as failNext's
     * `fault` does (a 503 by default); with `orderId`, only the requests naming that order: a
     * gateway whose lookups fail for a while.
     */
    failFor(path, forMs, { orderId = null, ...fault } = {}) {
      if (!PATHS[path]) throw lgspError('INVALID_ARGUMENT', `path must be one of ${Object.keys(PATHS).join(', ')}`, { path: 'path' });
      countOf(forMs, 0, 'forMs', 1);
      if (orderId !== null && typeof orderId !== 'string') throw lgspError('INVALID_ARGUMENT', 'orderId must be a string', { path: 'orderId' });
      const what = Object.keys(fault).length > 0 ? fault : { status: 503, body: 'Service Unavailable', contentType: 'text/plain' };
      standing.push({ path, until: Date.now() + forMs, orderId, fault: what });
    },
    /** Stops the server, ends open connections and pending deliveries. */
    close() {
      closing ??= new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        delivery.abortAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
  // Not enumerable, so logging the mock does not print the secret key.
  Object.defineProperty(mock, 'credentials', { get: () => ({ ...credentials }), enumerable: false });
  return mock;
}

export { startMockGateway };
