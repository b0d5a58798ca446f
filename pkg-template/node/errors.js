// The errors of the Node helpers: real `Error` objects named like the core's, with a string `code`.

/** Codes the gateway client adds to the core's own (INVALID_MESSAGE, MISSING_SECRET, ...). */
const CLIENT_ERROR_CODES = Object.freeze([
  'NETWORK_ERROR', // the request never got an HTTP answer (refused, reset, DNS, TLS)
  'TIMEOUT', // no complete answer within timeoutMs
  'HTTP_ERROR', // an answer with a status other than 2xx (`status`)
  'INVALID_RESPONSE', // a 2xx answer that is not a gateway response (not JSON, no error_code)
  'GATEWAY_ERROR', // the gateway answered with an error_code other than SUCCESSFUL (`gatewayCode`)
]);

/**
 * An `Error` with `name` "LgspPaygateError", a `code` and any extra properties. Callers pass
 * messages that never contain a secret key or a token.
 */
function lgspError(code, message, properties = {}) {
  const error = new Error(message, properties.cause === undefined ? undefined : { cause: properties.cause });
  error.name = 'LgspPaygateError';
  error.code = code;
  for (const [key, value] of Object.entries(properties)) {
    if (key !== 'cause' && value !== undefined) error[key] = value;
  }
  return error;
}

export { CLIENT_ERROR_CODES, lgspError };
