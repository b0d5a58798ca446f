// A mock of the gateway for tests and development, on 127.0.0.1 only: /paygate, /refund and
// /GetOrderInfo as docs/gateway.md describes them (its assumptions included), a payment page
// with 'pay' and 'fail' buttons, and a correctly signed result PUT to the order's returnUrl.
// Orders live in memory. Tokens are read with the core's decodeAuthorization, checksums checked
// with its verify.
import crypto from 'node:crypto';
import http from 'node:http';
// The core through the Node entry point, so that in the ES build (where index.js is one bundled
// file) the mock uses the very instance the entry point loaded.
import * as core from './index.js';
import { ENDPOINTS } from './client.js';
import { lgspError } from './errors.js';
import * as pages from './mock-page.js';
import {
  checkCredentials, isLoopbackUrl, payDateNow, readBody, sameText, snapshot, unreadable, MAX_BODY_BYTES,
} from './mock-support.js';
import { createRedactor } from './redact.js';
import { readLimited } from './limits.js';

const HOST = '127.0.0.1';
const PATHS = Object.freeze({ [ENDPOINTS.paygate]: 'paygate', [ENDPOINTS.refund]: 'refund', [ENDPOINTS.lookup]: 'lookup' });
const TOKEN_KEYS = ['accessKey', 'secretKey', 'appName', 'partnerCode', 'partnerCodeCus'];
const utf8 = new TextDecoder('utf-8', { fatal: true });
// How much of the unit's answer to a result a delivery keeps.
const REPLY_BODY_LIMIT = 2000;

/** The unit's answer to a result as the gateway reads it: { error_code, error_message }, or null. */
function resultReply(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null; // not JSON: `body` shows what came back
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || typeof parsed.error_code !== 'string') return null;
  return { error_code: parsed.error_code, error_message: typeof parsed.error_message === 'string' ? parsed.error_message : null };
}
/** The most of the unit's reply to a result that is read. */
const MAX_REPLY_BYTES = 64 << 10;
/** The longest log line; longer ones are cut (after redaction). */
const MAX_LOG_LINE = 500;

/**
 * Starts the mock on 127.0.0.1. Options: port (0 or absent: any free port), credentials (absent:
 * random throwaway ones, readable as mock.credentials; appName defaults to "lgsp_paygate_mock",
 * partnerCodeCus to partnerCode), paygate (the result's paygate, "mock"),
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
  const expectedToken = core.decodeAuthorization(token);
  const paygateName = options.paygate ?? 'mock';
  const resultTimeoutMs = options.resultTimeoutMs ?? 10_000;
  const allowRemoteReturnUrl = options.allowRemoteReturnUrl === true;
  // Lines carry values from requests: whatever a client sent, no secret gets through.
  const redactor = createRedactor([credentials.secretKey, token]);
  const userLog = typeof options.log === 'function' ? options.log : null;
  const log = (line) => {
    if (userLog) userLog(redactor.excerpt(line, MAX_LOG_LINE));
  };
  const onRequest = typeof options.onRequest === 'function' ? options.onRequest : () => {};

  const orders = new Map(); // orderId -> order
  const payTransIds = new Set(); // every payTransId handed out, so a new one is unique in constant time
  const byPayId = new Map(); // payment page id -> order
  const refundCodes = new Set();
  const faults = new Map(); // path -> queued faults
  const timers = new Set();
  const deliveries = new Set(); // AbortControllers of result PUTs in flight
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

  function answer(res, kind, code, detail = '', data = null) {
    const described = core.parseGatewayResponse(kind, { error_code: code, error_message: '', data: null }).description;
    const message = detail ? `${described.vi}: ${detail}` : described.vi;
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ error_code: code, error_message: message, data }));
    return code;
  }

  function tokenAccepted(header) {
    if (typeof header !== 'string' || header === '') return false;
    let given;
    try {
      given = core.decodeAuthorization(header.trim());
    } catch {
      return false;
    }
    return TOKEN_KEYS.every((key) => sameText(given[key], expectedToken[key]));
  }

  /** The checks every API request goes through; returns the body, or the error code already answered. */
  function admit(req, res, kind, raw) {
    const deny = (code, detail) => ({ answered: answer(res, kind, code, detail) });
    if (!tokenAccepted(req.headers.authorization)) return deny('NOT_AUTHORIZED', 'the Authorization token is missing or not this partner\'s');
    let body;
    try {
      body = JSON.parse(utf8.decode(raw));
    } catch {
      return deny('PARAM_ERROR', 'the body is not JSON');
    }
    const unusable = unreadable(body);
    if (unusable) return deny('PARAM_ERROR', `the body holds ${unusable}`);
    const report = core.validate(kind, body);
    if (!report.valid) return deny('PARAM_ERROR', report.errors.map((p) => `${p.path}: ${p.code}`).join(', '));
    if (!sameText(body.partnerCode, credentials.partnerCode) || !sameText(body.accessKey, credentials.accessKey)) {
      return deny('ACCOUNT_NOT_EXIST', 'unknown partnerCode or accessKey');
    }
    // The guide's lookup example sends payTransId for transactionNo; the mock accepts both.
    const signed = kind === 'lookup' && body.transactionNo === undefined ? { ...body, transactionNo: body.payTransId } : body;
    if (!core.verify(kind, signed, credentials.secretKey)) return deny('SIGNTURE_WRONG', 'the checksum does not match');
    return { body: signed };
  }

  function onPaygate(res, body) {
    if (orders.has(body.orderId)) return answer(res, 'paygate', 'ORDER_EXITS', `order ${body.orderId} exists`);
    const payId = crypto.randomBytes(12).toString('hex');
    const order = {
      orderId: body.orderId,
      amount: body.amount,
      orderInfo: body.orderInfo,
      requestCode: body.requestCode,
      serviceCode: body.serviceCode,
      returnUrl: body.returnUrl,
      ipAddress: body.ipAddress,
      accountCode: body.accountCode,
      paymentUrl: `${baseUrl}/pay/${payId}`,
      status: 'pending',
      paygate: paygateName,
      payTransId: null,
      payDate: null,
      errorCode: null,
      type: 'Pay',
      refund: null,
      delivery: null,
      payId,
    };
    orders.set(order.orderId, order);
    byPayId.set(payId, order);
    return answer(res, 'paygate', 'SUCCESSFUL', '', { url: order.paymentUrl });
  }

  function onRefund(res, body) {
    const order = orders.get(body.orderId);
    if (!order || order.payTransId === null || order.payTransId !== body.transactionNo) {
      return answer(res, 'refund', 'NOT_EXITS', 'no such transaction for this order');
    }
    if (order.status === 'refunded' || refundCodes.has(body.requestCode)) {
      return answer(res, 'refund', 'ORDER_EXITS', 'the transaction is already refunded');
    }
    if (order.status !== 'paid') return answer(res, 'refund', 'FAILED', 'the transaction was not paid');
    if (body.transactionType !== '02') return answer(res, 'refund', 'FAILED', 'only transactionType 02 (full refund) is supported');
    if (body.amount !== order.amount) return answer(res, 'refund', 'FAILED', `a full refund is for the amount paid, ${order.amount}`);
    refundCodes.add(body.requestCode);
    order.status = 'refunded';
    order.type = 'Refund';
    order.refund = { requestCode: body.requestCode, amount: body.amount, orderInfo: body.orderInfo };
    return answer(res, 'refund', 'SUCCESSFUL', '', {
      orderId: order.orderId, transactionNo: order.payTransId, requestCode: body.requestCode, amount: body.amount,
    });
  }

  function onLookup(res, body) {
    const order = orders.get(body.orderId);
    if (!order || order.payTransId === null || order.payTransId !== body.transactionNo) {
      return answer(res, 'lookup', 'NOT_EXITS', 'no such transaction for this order');
    }
    return answer(res, 'lookup', 'SUCCESSFUL', '', {
      partnerCode: credentials.partnerCode,
      orderId: order.orderId,
      serviceCode: order.serviceCode,
      payTransId: order.payTransId,
      orderInfo: order.orderInfo,
      errorCode: order.errorCode,
      paygate: order.paygate,
      type: order.type,
      payDate: order.payDate,
      amount: String(order.amount), // the lookup response writes amount as a string
    });
  }

  /** PUTs the signed result to the order's returnUrl and records what the unit answered. */
  async function deliver(order, json) {
    if (!allowRemoteReturnUrl && !isLoopbackUrl(order.returnUrl)) {
      return { delivered: false, error: 'returnUrl is not on this machine (start the mock with allowRemoteReturnUrl to send it there)' };
    }
    const controller = new AbortController();
    deliveries.add(controller);
    const timer = setTimeout(() => controller.abort(), resultTimeoutMs);
    try {
      const response = await fetch(order.returnUrl, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json;charset=UTF-8' },
        body: json,
        redirect: 'manual',
        signal: controller.signal,
      });
      let text = '';
      try {
        text = await readLimited(response, MAX_REPLY_BYTES);
      } catch (error) {
        if (controller.signal.aborted) throw error;
        // over MAX_REPLY_BYTES: recorded as null, not JSON the gateway would read
      }
      return { delivered: true, status: response.status, reply: resultReply(text), body: redactor.excerpt(text, REPLY_BODY_LIMIT) };
    } catch (error) {
      const reason = controller.signal.aborted ? `no answer within ${resultTimeoutMs} ms` : `network error (${error.cause?.code ?? error.name})`;
      return { delivered: false, error: reason };
    } finally {
      clearTimeout(timer);
      deliveries.delete(controller);
    }
  }

  /** Marks the order paid or failed (recording `amount` as paid) and returns its signed result text. */
  function settleOrder(order, outcome, amount = order.amount) {
    let payTransId;
    do payTransId = String(crypto.randomInt(100_000_000, 1_000_000_000));
    while (payTransIds.has(payTransId));
    payTransIds.add(payTransId);
    Object.assign(order, {
      status: outcome === 'pay' ? 'paid' : 'failed',
      payTransId,
      payDate: payDateNow(),
      // 24: the mock's own failure code; the guide defines 00 and "anything else", and names none.
      errorCode: outcome === 'pay' ? '00' : '24',
      amount,
    });
    const fields = {
      paygate: order.paygate,
      payTransId: order.payTransId,
      orderId: order.orderId,
      amount: order.amount,
      orderInfo: order.orderInfo,
      payDate: order.payDate,
      errorCode: order.errorCode,
      type: 'Pay',
    };
    return JSON.stringify({ ...fields, checksum: core.checksum('result', fields, null) });
  }

  async function completeOrder(order, outcome) {
    const json = settleOrder(order, outcome);
    order.delivery = await deliver(order, json);
    log(`PUT ${order.returnUrl} ${order.orderId} ${order.errorCode} -> ${order.delivery.delivered ? `HTTP ${order.delivery.status}` : order.delivery.error}`);
    return structuredClone(order.delivery);
  }

  async function onPage(req, res, payId) {
    const order = byPayId.get(payId);
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
      answer(res, PATHS[path], fault.errorCode, fault.errorMessage ?? '');
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
    const admitted = admit(req, res, kind, raw);
    const code = admitted.answered
      ?? (kind === 'paygate' ? onPaygate(res, admitted.body) : kind === 'refund' ? onRefund(res, admitted.body) : onLookup(res, admitted.body));
    const orderId = admitted.body ? ` ${admitted.body.orderId}` : '';
    log(`POST ${pathname}${orderId} -> ${code}`);
    onRequest({ kind, orderId: admitted.body?.orderId ?? null, transactionNo: admitted.body?.transactionNo ?? null, code });
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
    orders: () => [...orders.values()].map(snapshot),
    /** One order by orderId (a copy), or null. */
    order: (orderId) => snapshot(orders.get(orderId)),
    /** What the page's 'pay' / 'fail' buttons do: completes the order and PUTs the signed result. */
    async complete(orderId, outcome) {
      const order = orders.get(orderId);
      if (!order) throw lgspError('INVALID_ARGUMENT', `no order ${JSON.stringify(orderId)}`, { path: 'orderId' });
      if (outcome !== 'pay' && outcome !== 'fail') throw lgspError('INVALID_ARGUMENT', 'outcome must be "pay" or "fail"', { path: 'outcome' });
      if (order.status !== 'pending') throw lgspError('INVALID_ARGUMENT', `order ${JSON.stringify(orderId)} is already ${order.status}`, { path: 'orderId' });
      return completeOrder(order, outcome);
    },
    /**
     * Completes a pending order like complete() but sends nothing: returns the signed result as
     * JSON text, for a test to deliver itself. `amount` records another amount as paid (the
     * lookup then reports it), as a gateway whose record disagrees with the unit's would.
     */
    settle(orderId, outcome, { amount } = {}) {
      const order = orders.get(orderId);
      if (!order) throw lgspError('INVALID_ARGUMENT', `no order ${JSON.stringify(orderId)}`, { path: 'orderId' });
      if (outcome !== 'pay' && outcome !== 'fail') throw lgspError('INVALID_ARGUMENT', 'outcome must be "pay" or "fail"', { path: 'outcome' });
      if (order.status !== 'pending') throw lgspError('INVALID_ARGUMENT', `order ${JSON.stringify(orderId)} is already ${order.status}`, { path: 'orderId' });
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
        for (const controller of deliveries) controller.abort();
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
