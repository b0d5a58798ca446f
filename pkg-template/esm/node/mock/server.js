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
import { createOrderStore } from './orders.js';
import * as pages from './page.js';
import { checkCredentials, readBody, MAX_BODY_BYTES } from './support.js';

const HOST = '127.0.0.1';
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

/**
 * Starts the mock on 127.0.0.1. Options: port (0 or absent: any free port), credentials (absent:
 * random throwaway ones, readable as mock.credentials; appName defaults to "lgsp_paygate_mock",
 * partnerCodeCus to partnerCode), paygate (the result's paygate, "mock"; or a function given each
 * new order's { orderId, amount } that returns its paygate),
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

  const paygate = options.paygate ?? 'mock';
  if (typeof paygate !== 'function' && (typeof paygate !== 'string' || paygate === '')) {
    throw lgspError('INVALID_ARGUMENT', 'paygate must be a non-empty string or a function that returns one', { path: 'paygate' });
  }
  const store = createOrderStore({ paygate });
  const delivery = createDelivery({ allowRemoteReturnUrl: options.allowRemoteReturnUrl === true, resultTimeoutMs, redactor });
  const faults = new Map(); // path -> queued faults
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

  const api = createApi({ core, credentials, token, store, send, pageUrl: (payId) => `${baseUrl}/pay/${payId}` });

  /** Marks the order paid, failed or pending (recording `amount` as paid) and returns its signed result text. */
  function settleOrder(order, outcome, amount) {
    const fields = store.settle(order, outcome, amount);
    return JSON.stringify({ ...fields, checksum: core.checksum('result', fields, null) });
  }

  async function completeOrder(order, outcome) {
    const json = settleOrder(order, outcome);
    order.delivery = await delivery.deliver(order.returnUrl, json);
    log(`PUT ${order.returnUrl} ${order.orderId} ${order.errorCode} -> ${order.delivery.delivered ? `HTTP ${order.delivery.status}` : order.delivery.error}`);
    return structuredClone(order.delivery);
  }

  async function onPage(req, res, payId) {
    const order = store.byPage(payId);
    if (!order) return send(res, 404, 'text/html; charset=utf-8', pages.messagePage('Not found', 'No payment at this address.'), { 'Content-Security-Policy': pages.PAGE_CSP });
    const html = (status, text) => send(res, status, 'text/html; charset=utf-8', text, { 'Content-Security-Policy': pages.PAGE_CSP });
    if (req.method === 'GET' || req.method === 'HEAD') return html(200, pages.paymentPage(order, `/pay/${payId}`));
    if (req.method !== 'POST') return html(405, pages.messagePage('Method not allowed', 'GET the page, POST the form.'));
    const form = await readBody(req);
    if (form === null) {
      // As for the API: the rest of an oversized body is not read, so the connection is not reused.
      return send(res, 413, 'text/html; charset=utf-8', pages.messagePage('Payload too large', `The form is over ${MAX_BODY_BYTES} bytes.`),
        { 'Content-Security-Policy': pages.PAGE_CSP, Connection: 'close' });
    }
    const outcome = new URLSearchParams(form.toString('utf8')).get('outcome');
    if (outcome !== 'pay' && outcome !== 'fail') return html(400, pages.messagePage('Bad request', 'outcome must be pay or fail.'));
    if (order.status !== 'pending') return html(409, pages.completedPage(order));
    await completeOrder(order, outcome);
    return html(200, pages.completedPage(order));
  }

  async function applyFault(res, path) {
    const queue = faults.get(path);
    const fault = queue && queue.shift();
    if (!fault) return false;
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.hangUp) {
      res.socket?.destroy();
      return true;
    }
    if (fault.status !== undefined || fault.body !== undefined) {
      send(res, fault.status ?? 200, fault.contentType ?? 'text/html; charset=utf-8', fault.body ?? '');
      return true;
    }
    if (fault.errorCode !== undefined) {
      api.answer(res, PATHS[path], fault.errorCode, fault.errorMessage ?? '');
      return true;
    }
    return false; // only a delay: carry on as usual
  }

  async function route(req, res) {
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    const page = /^\/pay\/([0-9a-f]{24})$/.exec(pathname);
    if (page) return onPage(req, res, page[1]);
    const kind = PATHS[pathname];
    if (!kind) return send(res, 404, 'application/json; charset=utf-8', '{"error":"not found"}');
    if (req.method !== 'POST') return send(res, 405, 'application/json; charset=utf-8', '{"error":"POST only"}', { Allow: 'POST' });
    const raw = await readBody(req);
    if (raw === null) {
      send(res, 413, 'application/json; charset=utf-8', JSON.stringify({ error: `the body is over ${MAX_BODY_BYTES} bytes` }), { Connection: 'close' });
      log(`POST ${pathname} -> 413 body over ${MAX_BODY_BYTES} bytes`);
      return undefined;
    }
    if (await applyFault(res, pathname)) {
      log(`POST ${pathname} -> injected fault`);
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
    /** What the page's 'pay' / 'fail' buttons do: completes the order and PUTs the signed result. */
    async complete(orderId, outcome) {
      return completeOrder(pendingOrder(store, orderId, outcome), outcome);
    },
    /**
     * Completes a pending order like complete() but sends nothing: returns the signed result as
     * JSON text, for a test to deliver itself. `amount` records another amount as paid (the
     * lookup then reports it), as a gateway whose record disagrees with the unit's would.
     * 'pending' opens a transaction that is neither paid nor failed (errorCode "01" in the
     * lookup) and leaves the order pending.
     */
    settle(orderId, outcome, { amount } = {}) {
      const order = pendingOrder(store, orderId, outcome, ['pay', 'fail', 'pending']);
      if (amount !== undefined && !(Number.isSafeInteger(amount) && amount > 0)) throw lgspError('INVALID_ARGUMENT', 'amount must be a positive integer', { path: 'amount' });
      return settleOrder(order, outcome, amount);
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
