// The WebAssembly core as the package exports it. Every function is the core's export behind one
// guard: the input is measured first and refused (INPUT_TOO_LARGE) before anything is copied
// into WebAssembly memory when it passes MAX_INPUT_LENGTH; a failure inside WebAssembly (a trap,
// memory exhausted) restarts the instance, so the next call works, and is thrown as CORE_FAILED.
// `checksum` and `verify` take a hot path first (fast-path.js, over the small hash module, so they
// need not instantiate the full core) and the core's full path for anything that path cannot vouch for.
import { ensureReady, restart } from './loader.js';
import { restartHash } from './hash-core.js';
import { fastChecksum, fastVerify } from './fast-path.js';
import { lgspError } from './lgsp-error.js';
import { MAX_INPUT_LENGTH, inputLength, tooLarge } from './input-limit.js';

export { init as default, initSync } from './loader.js';

export { MAX_INPUT_LENGTH };

/** An error the core itself threw on purpose (bad input), as opposed to a failure of WebAssembly. */
function isCoreError(error) {
  return error !== null && typeof error === 'object' && error.name === 'LgspPaygateError' && typeof error.code === 'string';
}

/**
 * Any other error left WebAssembly in the middle of a call, so the instance may hold a half-done
 * state: it is replaced (`again` restarts the module the call was in). A trap
 * (WebAssembly.RuntimeError: unreachable, memory exhausted) is thrown as CORE_FAILED; an exception
 * a caller's own code threw (a proxy trap) passes through.
 */
function coreFailed(name, error, again = restart) {
  again();
  if (!(error instanceof WebAssembly.RuntimeError) && !(error instanceof RangeError)) return error;
  const what = error && typeof error.message === 'string' ? error.message : String(error);
  return lgspError('CORE_FAILED', `${name}: the WebAssembly core failed (${what}); it has been restarted`, { cause: error });
}

/** Calls the core's `name` with `args` behind the guard. */
function call(name, args) {
  const length = inputLength(args);
  if (length > MAX_INPUT_LENGTH) throw tooLarge(name, length);
  const glue = ensureReady();
  try {
    return glue[name](...args);
  } catch (error) {
    if (isCoreError(error)) throw error;
    throw coreFailed(name, error);
  }
}

// checksum and verify try the hot path first (no closure, no copy of the arguments: they are the
// calls a server makes most); undefined from it means the full path, which names any problem.
export function checksum(scheme, fields, secretKey, options) {
  if (options === undefined || options === null) {
    let hex;
    try {
      hex = fastChecksum(scheme, fields, secretKey);
    } catch (error) {
      if (isCoreError(error)) throw error;
      throw coreFailed('checksum', error, restartHash);
    }
    if (hex !== undefined) return hex;
  }
  return call('checksum', [scheme, fields, secretKey, options]);
}

export function verify(scheme, message, secretKey) {
  let ok;
  try {
    ok = fastVerify(scheme, message, secretKey);
  } catch (error) {
    if (isCoreError(error)) throw error;
    throw coreFailed('verify', error, restartHash);
  }
  if (ok !== undefined) return ok;
  return call('verify', [scheme, message, secretKey]);
}

export function preimage(scheme, fields, secretKey, options) {
  return call('preimage', [scheme, fields, secretKey, options]);
}
export function schemes() {
  return call('schemes', []);
}
export function validate(scheme, message) {
  return call('validate', [scheme, message]);
}
export function buildPaygateRequest(order, credentials) {
  return call('buildPaygateRequest', [order, credentials]);
}
export function buildRefundRequest(refund, credentials) {
  return call('buildRefundRequest', [refund, credentials]);
}
export function buildLookupRequest(lookup, credentials) {
  return call('buildLookupRequest', [lookup, credentials]);
}
export function parsePaymentResult(body) {
  return call('parsePaymentResult', [body]);
}
export function paymentResultReply(accepted, message) {
  return call('paymentResultReply', [accepted, message]);
}
export function parseGatewayResponse(kind, body) {
  return call('parseGatewayResponse', [kind, body]);
}
export function compareWithLookup(result, order) {
  return call('compareWithLookup', [result, order]);
}
/** compareWithLookup's name before 0.2, beside the different confirmPayment: kept until 1.0. */
export const confirmPaymentResult = compareWithLookup;
export function encodeAuthorization(credentials) {
  return call('encodeAuthorization', [credentials]);
}
export function decodeAuthorization(token) {
  return call('decodeAuthorization', [token]);
}
export function detectScheme(message) {
  return call('detectScheme', [message]);
}
export function parseLoose(text) {
  return call('parseLoose', [text]);
}
export function explain(scheme, message, secretKey, options) {
  return call('explain', [scheme, message, secretKey, options]);
}
export function diagnose(scheme, message, secretKey) {
  return call('diagnose', [scheme, message, secretKey]);
}
export function comparePreimage(scheme, message, secretKey, theirs, options) {
  return call('comparePreimage', [scheme, message, secretKey, theirs, options]);
}
export function analyse(part, input, scheme, fallbackScheme, secretKey, theirs, options) {
  return call('analyse', [part, input, scheme, fallbackScheme, secretKey, theirs, options]);
}
export function wasmMemoryBytes() {
  return call('wasmMemoryBytes', []);
}
