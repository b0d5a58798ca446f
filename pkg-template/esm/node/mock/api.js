// The mock gateway's JSON API: /paygate, /refund and /GetOrderInfo, each request admitted as the
// gateway would (token, JSON, fields, partner, checksum) and answered from the order store.
import { lookupKeyMissing, lookupRecord } from './orders.js';
import { sameText, unreadable } from './support.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const TOKEN_KEYS = ['accessKey', 'secretKey', 'appName', 'partnerCode', 'partnerCodeCus'];

/**
 * The API over `store` for one partner: `authorized(req)` tells whether a request carries this
 * partner's token (checked before its body is read); `handle(req, res, kind, raw)` answers one
 * request and resolves with { code, body } (the error_code answered, and the admitted body or
 * null). `onRefunded(order, fields)` is given each refund made, with the fields of its result.
 */
function createApi({ core, credentials, token, store, send, pageUrl, onRefunded }) {
  const expectedToken = core.decodeAuthorization(token);

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

  /** The answer to a request without this partner's token: sent before its body is read, and the connection closed. */
  function unauthorized(res, kind) {
    const described = core.parseGatewayResponse(kind, { error_code: 'NOT_AUTHORIZED', error_message: '', data: null }).description;
    const text = JSON.stringify({ error_code: 'NOT_AUTHORIZED', error_message: `${described.vi}: the Authorization token is missing or not this partner's`, data: null });
    send(res, 200, 'application/json; charset=utf-8', text, { Connection: 'close' });
    return 'NOT_AUTHORIZED';
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
    return { body: signed, sent: body };
  }

  function onPaygate(res, body) {
    if (store.has(body.orderId)) return answer(res, 'paygate', 'ORDER_EXITS', `order ${body.orderId} exists`);
    const order = store.create(body, pageUrl);
    return answer(res, 'paygate', 'SUCCESSFUL', '', { url: order.paymentUrl });
  }

  function onRefund(res, body) {
    const order = store.get(body.orderId);
    if (!order || order.payTransId === null || order.payTransId !== body.transactionNo) {
      return answer(res, 'refund', 'NOT_EXITS', 'no such transaction for this order');
    }
    if (order.status === 'refunded' || store.refundCodeUsed(body.requestCode)) {
      return answer(res, 'refund', 'ORDER_EXITS', 'the transaction is already refunded');
    }
    if (order.status !== 'paid') return answer(res, 'refund', 'FAILED', 'the transaction was not paid');
    if (body.transactionType !== '02') return answer(res, 'refund', 'FAILED', 'only transactionType 02 (full refund) is supported');
    if (body.amount !== order.amount) return answer(res, 'refund', 'FAILED', `a full refund is for the amount paid, ${order.amount}`);
    const result = store.refund(order, body);
    const code = answer(res, 'refund', 'SUCCESSFUL', '', {
      orderId: order.orderId, transactionNo: order.payTransId, requestCode: body.requestCode, amount: body.amount,
    });
    onRefunded(order, result);
    return code;
  }

  function onLookup(res, body, sent) {
    const order = store.get(body.orderId);
    if (!order || order.payTransId === null || order.payTransId !== body.transactionNo) {
      return answer(res, 'lookup', 'NOT_EXITS', 'no such transaction for this order');
    }
    // Read as the order's reading of the guide: its table's name or its example's.
    const missing = lookupKeyMissing(order, sent);
    if (missing) return answer(res, 'lookup', 'PARAM_ERROR', missing);
    return answer(res, 'lookup', 'SUCCESSFUL', '', lookupRecord(order, credentials.partnerCode));
  }

  const handlers = { paygate: onPaygate, refund: onRefund, lookup: onLookup };

  return {
    answer,
    unauthorized,
    authorized: (req) => tokenAccepted(req.headers.authorization),
    handle(req, res, kind, raw) {
      const admitted = admit(req, res, kind, raw);
      if (admitted.answered) return { code: admitted.answered, body: null };
      return { code: handlers[kind](res, admitted.body, admitted.sent), body: admitted.body };
    },
  };
}

export { createApi };
