// LgspError and isLgspError: how a caller recognises an error this package threw. Plain
// JavaScript with no imports, so that every build can ship it.
//
// The WebAssembly core makes its errors itself (a plain `Error` named "LgspPaygateError" with a
// string `code`), so they are recognised by that shape and a known code, not by their prototype:
// `error instanceof LgspError` asks the same question as `isLgspError(error)`.

/** The codes of the core's errors (src/error.rs), then those of the Node gateway client. */
const CORE_ERROR_CODES = Object.freeze([
  'UNKNOWN_SCHEME', 'MISSING_FIELD', 'MISSING_SECRET', 'INVALID_FIELD', 'INVALID_ARGUMENT', 'INVALID_JSON',
  'INVALID_TOKEN', 'INVALID_MESSAGE',
  // The package's JavaScript around the core: input refused before it reaches WebAssembly, a trap
  // (the module is re-instantiated), a web build used before init(), a Node-only helper elsewhere.
  'INPUT_TOO_LARGE', 'CORE_FAILED', 'NOT_INITIALIZED', 'UNSUPPORTED_RUNTIME',
]);
const CLIENT_ERROR_CODES = Object.freeze([
  'NETWORK_ERROR', // the request never got an HTTP answer (refused, reset, DNS, TLS)
  'TIMEOUT', // no complete answer within timeoutMs
  'RESPONSE_TOO_LARGE', // an answer over maxResponseBytes (decoded); reading stopped there
  'HTTP_ERROR', // an answer with a status other than 2xx (`status`)
  'INVALID_RESPONSE', // a 2xx answer that is not a gateway response (not JSON, no error_code)
  'GATEWAY_ERROR', // the gateway answered with an error_code other than SUCCESSFUL (`gatewayCode`)
]);
/** Every code an error of this package can carry. */
const LGSP_ERROR_CODES = Object.freeze([...CORE_ERROR_CODES, ...CLIENT_ERROR_CODES]);
const KNOWN_CODES = new Set(LGSP_ERROR_CODES);
const ERROR_NAME = 'LgspPaygateError';

/**
 * Whether `value` is an error this package threw: an `Error` named "LgspPaygateError" whose
 * `code` is one of LGSP_ERROR_CODES. Never throws, whatever `value` is.
 */
function isLgspError(value) {
  try {
    return (
      value !== null
      && typeof value === 'object'
      && Object.prototype.toString.call(value) === '[object Error]'
      && value.name === ERROR_NAME
      && typeof value.code === 'string'
      && KNOWN_CODES.has(value.code)
    );
  } catch {
    // A revoked proxy or a throwing getter is not one of ours.
    return false;
  }
}

/**
 * The error this package throws: `code` says what happened, `path` (when there is one) which
 * argument or field, and each code adds its own properties (`problems`, `status`, `gatewayCode`...).
 * Messages never contain a secret key or a token.
 */
class LgspError extends Error {
  /**
   * @param {string} code one of LGSP_ERROR_CODES
   * @param {string} message
   * @param {object} [properties] extra properties; `cause` becomes the standard error cause
   */
  constructor(code, message, properties = {}) {
    super(message, properties.cause === undefined ? undefined : { cause: properties.cause });
    this.code = code;
    for (const [key, value] of Object.entries(properties)) {
      if (key !== 'cause' && value !== undefined) this[key] = value;
    }
  }

  /** `error instanceof LgspError` holds for every error of this package, the core's included. */
  static [Symbol.hasInstance](value) {
    // A subclass keeps the ordinary prototype check.
    if (this !== LgspError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return isLgspError(value);
  }
}
Object.defineProperty(LgspError.prototype, 'name', { value: ERROR_NAME, writable: true, configurable: true, enumerable: false });

/**
 * An LgspError with a `code` and any extra properties: how the package's own JavaScript throws.
 * Callers pass messages that never contain a secret key or a token.
 */
function lgspError(code, message, properties = {}) {
  return new LgspError(code, message, properties);
}

export { LgspError, isLgspError, lgspError, LGSP_ERROR_CODES, CORE_ERROR_CODES, CLIENT_ERROR_CODES };
