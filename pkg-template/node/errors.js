// The errors of the Node helpers: LgspError, named and coded like the core's.
import { CLIENT_ERROR_CODES, LgspError } from './lgsp-error.js';

/**
 * An LgspError with a `code` and any extra properties. Callers pass messages that never contain
 * a secret key or a token.
 */
function lgspError(code, message, properties = {}) {
  return new LgspError(code, message, properties);
}

export { CLIENT_ERROR_CODES, lgspError };
