// The unit's side of the payment result: read the body the gateway PUTs to returnUrl, answer it,
// and confirm the payment with a lookup before delivering anything (the result checksum has no
// secret in it, so anyone can compute one).
import * as core from '../core/functions.js';
import { CLIENT_ERROR_CODES, isLgspError, lgspError } from '../core/lgsp-error.js';
import { problem } from '../core/said.js';
import { DEFAULT_MAX_BYTES, utf8Length } from './body-limits.js';
import { inputLength } from '../core/input-limit.js';
import { TextDecoder } from '../core/text-codec.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The client's errors that leave a lookup without an answer about the transaction: each is worth
 * asking again (GATEWAY_ERROR NOT_EXITS is an answer, and is handled before).
 */
const LOOKUP_FAILURES = new Set(CLIENT_ERROR_CODES);

/** The most a payment result body may hold, in UTF-8 bytes (1 MiB); a real one is a few hundred. */
const MAX_PAYMENT_RESULT_BYTES = DEFAULT_MAX_BYTES;

/** The outcome for a body refused before the core read it, `reason` a problem of the core's shape. */
function rejected(reason) {
  return {
    accepted: false,
    paid: false,
    result: null,
    reply: core.paymentResultReply(false),
    problems: [reason],
    warnings: [],
    deliveryKey: null,
  };
}

/**
 * The key to deliver a payment once by: one transaction of one order. The gateway may PUT the
 * same result more than once, even at the same time; claim this key (a unique key in your
 * database) before fulfilling, and skip the delivery when it is already claimed.
 */
function deliveryKeyOf(result) {
  return result ? JSON.stringify([result.orderId, result.payTransId]) : null;
}

/** What type of value `body` is, for messages: "Blob", "number", "null"... */
function kindOf(body) {
  if (body === null) return 'null';
  if (typeof body !== 'object') return typeof body;
  const name = Object.getPrototypeOf(body)?.constructor?.name;
  return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,40}$/.test(name) ? name : 'object';
}

/**
 * Whether an object's fields are its data, as a parsed body's are: a plain object, an array, or
 * an instance with fields of its own. A promise, a stream, a request, a Blob, a Map or a Date
 * holds its content elsewhere, and reading it as fields would find nothing.
 */
function holdsItsData(body) {
  const proto = Object.getPrototypeOf(body);
  if (proto === null || proto === Object.prototype || Array.isArray(body)) return true;
  if (['then', 'pipe', 'getReader', 'arrayBuffer'].some((method) => typeof body[method] === 'function')) return false;
  if (body instanceof Map || body instanceof Set || body instanceof Date || body instanceof RegExp) return false;
  return Object.keys(body).length > 0;
}

function maxBytesOf(options) {
  const max = options?.maxBytes;
  if (max === undefined) return MAX_PAYMENT_RESULT_BYTES;
  if (!Number.isSafeInteger(max) || max <= 0) {
    throw lgspError('INVALID_ARGUMENT', 'options.maxBytes must be a positive integer of bytes', { path: 'options.maxBytes' });
  }
  return max;
}

/**
 * The body as the core takes it: text (bytes of any kind decoded as UTF-8) or a plain object;
 * or the rejection when it is too large, not UTF-8 or not something a body can be.
 */
function readable(body, maxBytes) {
  const tooLarge = () => rejected(problem('TOO_LARGE', '', 'paymentResultTooLarge', { maxBytes }));
  const notABody = () => rejected(problem('INVALID_ARGUMENT', '', 'notABody', { got: kindOf(body) }));
  if (typeof body === 'string') {
    // Each UTF-16 unit is 1 to 3 UTF-8 bytes: count only when the length alone cannot tell.
    if (body.length > maxBytes || (body.length * 3 > maxBytes && utf8Length(body) > maxBytes)) return { refused: tooLarge() };
    return { input: body };
  }
  let bytes = null;
  if (ArrayBuffer.isView(body)) bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  else if (body instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && body instanceof SharedArrayBuffer)) bytes = new Uint8Array(body);
  if (bytes !== null) {
    if (bytes.byteLength > maxBytes) return { refused: tooLarge() };
    try {
      return { input: utf8.decode(bytes) };
    } catch {
      return { refused: rejected(problem('INVALID_JSON', '', 'notUtf8')) };
    }
  }
  if (body !== null && typeof body === 'object') {
    if (!holdsItsData(body)) {
      return { refused: notABody() };
    }
    // Measured as the core's guard measures it (text and keys; what a JSON text of it mostly is).
    if (inputLength([body], maxBytes) > maxBytes) return { refused: tooLarge() };
    return { input: body };
  }
  return { refused: notABody() };
}

/**
 * Reads a payment result body (JSON text, bytes of any kind, or a parsed object) and never throws
 * for a bad one: { accepted, paid, result, reply, problems, warnings, deliveryKey }. A body over
 * options.maxBytes (1 MiB by default) is refused unread (TOO_LARGE). Answer the gateway with
 * `reply`; deliver nothing before confirmPayment() says so, and deliver once per `deliveryKey`.
 */
function handlePaymentResult(body, options) {
  const maxBytes = maxBytesOf(options);
  const { input, refused } = readable(body, maxBytes);
  if (refused) return refused;
  let report;
  try {
    report = core.parsePaymentResult(input);
  } catch (error) {
    if (error && (error.code === 'INVALID_JSON' || error.code === 'INVALID_ARGUMENT' || error.code === 'INPUT_TOO_LARGE')) {
      // The core's error (or its guard's) says it in both languages already.
      return rejected({ path: '', code: error.code, message: error.message, params: error.params, text: error.text });
    }
    throw error;
  }
  return {
    accepted: report.accepted,
    paid: report.paid,
    result: report.result,
    reply: report.reply,
    problems: report.errors,
    warnings: report.warnings,
    deliveryKey: report.accepted ? deliveryKeyOf(report.result) : null,
  };
}

/**
 * Asks the gateway about the transaction a payment result names and checks that it agrees:
 * same orderId, transaction and amount, the record's errorCode exactly "00", type Pay. Resolves
 * with { confirmed, retryable, problems, order, response, transactionKey }:
 * - confirmed: deliver (once per deliveryKey);
 * - not confirmed, retryable false: the gateway's answer contradicts the result, or it knows no
 *   such transaction (UNKNOWN_TRANSACTION): deliver nothing, ever;
 * - not confirmed, retryable true: no answer about the transaction (a timeout, a network error,
 *   a 5xx, an answer that is not a gateway response, an error_code other than NOT_EXITS), with
 *   the client's error as `error` and a LOOKUP_FAILED problem: keep the result and look it up
 *   again later, until it is confirmed or refused.
 * Rejects only for misuse (INVALID_ARGUMENT) or an error that is not the client's.
 */
async function confirmPayment(result, client) {
  if (result === null || typeof result !== 'object' || typeof result.orderId !== 'string' || typeof result.payTransId !== 'string') {
    throw lgspError('INVALID_ARGUMENT', 'confirmPayment needs the payment result (handlePaymentResult(body).result)', { path: 'result' });
  }
  if (client === null || typeof client !== 'object' || typeof client.getOrderInfo !== 'function') {
    throw lgspError('INVALID_ARGUMENT', 'confirmPayment needs a client from createClient()', { path: 'client' });
  }
  let answer;
  try {
    answer = await client.getOrderInfo({ transactionNo: result.payTransId, orderId: result.orderId });
  } catch (error) {
    if (error && error.code === 'GATEWAY_ERROR' && error.gatewayCode === 'NOT_EXITS') {
      const unknown = problem('UNKNOWN_TRANSACTION', 'payTransId', 'unknownTransaction');
      return { confirmed: false, retryable: false, problems: [unknown], order: null, response: error.response ?? null, transactionKey: null };
    }
    if (!isLgspError(error) || !LOOKUP_FAILURES.has(error.code)) throw error;
    const failed = problem('LOOKUP_FAILED', '', 'lookupFailed', { code: error.code });
    return { confirmed: false, retryable: true, problems: [failed], order: null, response: null, transactionKey: null, error };
  }

  const { order, response } = answer;
  // The comparison is the core's: same orderId, transaction and amount, the record's errorCode
  // exactly "00", type Pay; and which of its two names the record gave the transaction.
  const { confirmed, problems, transactionKey } = core.compareWithLookup(result, order);
  return { confirmed, retryable: false, problems, order, response, transactionKey };
}

export { handlePaymentResult, confirmPayment, MAX_PAYMENT_RESULT_BYTES };
