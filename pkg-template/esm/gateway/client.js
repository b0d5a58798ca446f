// The gateway client: requests built and signed by the core, sent with fetch, answers read by
// the core. Every failure is an LgspError with a `code` (core/lgsp-error.js); secrets never reach a message.
import * as core from '../core/functions.js';
import { SCHEME_PATHS } from '../core/scheme-table.js';
import { lgspError } from '../core/lgsp-error.js';
import { createRedactor } from './redact.js';
import { DEFAULT_MAX_BYTES, TooLarge, readLimited } from './body-limits.js';

/** Base URLs of the gateway's environments (docs/gateway.md, "Environments and credentials"). */
const ENVIRONMENTS = Object.freeze({
  test: 'https://hcmesb-test.tphcm.gov.vn/payment',
  production: 'https://hcmlgsp.tphcm.gov.vn',
});

/**
 * The secret keys the gateway's integration guide prints in its two sample Authorization tokens
 * (guide §3.1, "Thử nghiệm" and "Chính thức"). Anyone can read them: a client for the production
 * gateway refuses them before sending anything.
 */
const PUBLISHED_SECRET_KEYS = Object.freeze([
  'MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4', // the test token's
  'Yjc3DkyNjA1NzI4N2FjYTdlZTAYzRmMDFmYzJlNGU2O', // the production token's
]);

/** Path of each request kind under the base URL. */
const ENDPOINTS = Object.freeze({ ...SCHEME_PATHS });

const DEFAULT_TIMEOUT_MS = 30_000;
/** The most an answer may hold, counted on the decoded bytes (after gzip/deflate/br). */
const DEFAULT_MAX_RESPONSE_BYTES = DEFAULT_MAX_BYTES;
const BODY_EXCERPT = 500;
/** The most of a gateway's error_message (or the core's reading of an answer) a message quotes. */
const MESSAGE_EXCERPT = 200;

function invalidArgument(path, message) {
  return lgspError('INVALID_ARGUMENT', message, { path });
}

/** The base URL for "test", "production" or { baseUrl }, without a trailing slash. */
function baseUrlOf(environment) {
  if (typeof environment === 'string') {
    if (Object.hasOwn(ENVIRONMENTS, environment)) return ENVIRONMENTS[environment];
    throw invalidArgument('environment', 'environment must be "test", "production" or { baseUrl }');
  }
  if (environment === null || typeof environment !== 'object' || typeof environment.baseUrl !== 'string') {
    throw invalidArgument('environment', 'environment must be "test", "production" or { baseUrl }');
  }
  let url;
  try {
    url = new URL(environment.baseUrl);
  } catch {
    throw invalidArgument('environment.baseUrl', 'environment.baseUrl is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidArgument('environment.baseUrl', 'environment.baseUrl must be an http or https URL');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw invalidArgument('environment.baseUrl', 'environment.baseUrl must not carry a user, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}

/** Whether `baseUrl` is the production gateway's (its host, whatever the path). */
function isProduction(baseUrl) {
  return new URL(baseUrl).hostname === new URL(ENVIRONMENTS.production).hostname;
}

/**
 * Throws PUBLISHED_SECRET when a client for the production gateway would sign with a secret key
 * the guide publishes, given as credentials.secretKey or inside credentials.authorization.
 */
function refusePublishedSecret(baseUrl, credentials, authorization) {
  if (!isProduction(baseUrl)) return;
  const inToken = credentials.authorization === undefined ? undefined : core.decodeAuthorization(authorization).secretKey;
  for (const [path, secret] of [['credentials.secretKey', credentials.secretKey], ['credentials.authorization', inToken]]) {
    if (typeof secret === 'string' && PUBLISHED_SECRET_KEYS.includes(secret)) {
      throw lgspError('PUBLISHED_SECRET', `${path} is a secret key published in the gateway's integration guide: `
        + 'the production gateway needs the credentials issued to your unit (see the going-live checklist)', { path });
    }
  }
}

/** The Authorization header value: credentials.authorization as issued, or encoded from the credentials. */
function authorizationOf(credentials) {
  if (credentials === null || typeof credentials !== 'object') {
    throw invalidArgument('credentials', 'credentials must be an object');
  }
  if (credentials.authorization !== undefined) {
    if (typeof credentials.authorization !== 'string') {
      throw invalidArgument('credentials.authorization', 'credentials.authorization must be a token string');
    }
    core.decodeAuthorization(credentials.authorization); // INVALID_TOKEN now rather than NOT_AUTHORIZED later
    return credentials.authorization;
  }
  const { accessKey, secretKey, appName, partnerCode, partnerCodeCus } = credentials;
  return core.encodeAuthorization({ accessKey, secretKey, appName, partnerCode, partnerCodeCus });
}

function timeoutOf(timeoutMs) {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    throw invalidArgument('timeoutMs', 'timeoutMs must be a positive integer of milliseconds');
  }
  return timeoutMs;
}

function maxBytesOf(maxResponseBytes) {
  if (maxResponseBytes === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes <= 0) {
    throw invalidArgument('maxResponseBytes', 'maxResponseBytes must be a positive integer of bytes');
  }
  return maxResponseBytes;
}

/** What went wrong below fetch: a code such as ECONNREFUSED, else the innermost cause's message. */
function networkReason(error) {
  let innermost = error;
  for (let e = error, depth = 0; e && depth < 4; e = e.cause, depth += 1) {
    if (typeof e.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(e.code)) return e.code;
    innermost = e;
  }
  const text = innermost && typeof innermost.message === 'string' ? innermost.message : String(innermost);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/**
 * Whether the gateway may hold an order whose payment request failed this way: no answer or an
 * unreadable one (it may have been taken before the answer was lost), a 5xx (a proxy's, after the
 * gateway took it), or ORDER_EXITS (the gateway holds an order with that orderId). A refusal of
 * the request itself (its other error codes, a 4xx) created nothing.
 */
function mayHoldOrder(error) {
  switch (error.code) {
    case 'TIMEOUT':
    case 'NETWORK_ERROR':
    case 'RESPONSE_TOO_LARGE':
    case 'INVALID_RESPONSE':
      return true;
    case 'HTTP_ERROR':
      return error.status >= 500;
    case 'GATEWAY_ERROR':
      return error.gatewayCode === 'ORDER_EXITS';
    default:
      return false;
  }
}

/**
 * A client for one environment and one set of credentials.
 * createClient({ environment, credentials, timeoutMs?, maxResponseBytes?, fetch? })
 *   -> { baseUrl, createPayment, refund, getOrderInfo }
 */
function createClient(options) {
  if (options === null || typeof options !== 'object') throw invalidArgument('options', 'createClient needs an options object');
  const baseUrl = baseUrlOf(options.environment);
  const credentials = options.credentials;
  const authorization = authorizationOf(credentials);
  refusePublishedSecret(baseUrl, credentials, authorization);
  // What the core builders sign with: the credential fields they know, without the token.
  const signing = Object.fromEntries(
    ['partnerCode', 'accessKey', 'secretKey', 'appName', 'partnerCodeCus']
      .filter((key) => credentials[key] !== undefined)
      .map((key) => [key, credentials[key]]),
  );
  const timeoutMs = timeoutOf(options.timeoutMs);
  const maxResponseBytes = maxBytesOf(options.maxResponseBytes);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw invalidArgument('fetch', 'no fetch function: pass options.fetch');
  const redactor = createRedactor([authorization, credentials.secretKey]);

  /**
   * An error that cannot carry the token or the secret key, whatever a peer echoed: its message,
   * body excerpt and parsed response are redacted first and cut afterwards, and no raw peer text
   * is kept beyond those excerpts.
   */
  function failure(code, message, properties) {
    const body = typeof properties.body === 'string' ? redactor.excerpt(properties.body, BODY_EXCERPT) : properties.body;
    // The parsed response goes with the error too, and a gateway may echo anything in it.
    const response = properties.response === undefined ? undefined : redactor.value(properties.response, BODY_EXCERPT);
    return lgspError(code, redactor.text(message), { ...properties, body, ...(response === undefined ? {} : { response }) });
  }

  /** A peer-supplied piece of text for a message: redacted, then cut short. */
  const quote = (text) => redactor.excerpt(String(text), MESSAGE_EXCERPT);

  /**
   * fetch's error chain with only names, codes and redacted messages: a parser error can carry
   * the raw bytes a peer sent (undici's `data`), which may echo the token.
   */
  function tidyCause(error, depth = 0) {
    if (error === null || typeof error !== 'object' || depth > 4) return undefined;
    const copy = new Error(quote(typeof error.message === 'string' ? error.message : ''), depth < 4 && error.cause ? { cause: tidyCause(error.cause, depth + 1) } : undefined);
    if (typeof error.name === 'string') copy.name = quote(error.name);
    if (typeof error.code === 'string') copy.code = quote(error.code);
    return copy;
  }

  /** POSTs a built request and returns the core's reading of a SUCCESSFUL answer; throws otherwise. */
  async function send(kind, built) {
    const url = baseUrl + ENDPOINTS[kind];
    // A timer cleared as soon as the exchange ends: AbortSignal.timeout() would keep every call's
    // signal, and what hangs on it, alive for the whole timeoutMs.
    const controller = new AbortController();
    const signal = controller.signal;
    const timer = setTimeout(() => controller.abort(new DOMException('the request timed out', 'TimeoutError')), timeoutMs);
    timer.unref?.();
    const where = `POST ${url}`;
    let status;
    let text;
    try {
      // Raced against the signal too, so a fetch that ignores it cannot outlive timeoutMs.
      const aborted = new Promise((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
      aborted.catch(() => {});
      const exchange = (async () => {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: {
            Authorization: authorization,
            'Content-Type': 'application/json;charset=UTF-8',
            Accept: 'application/json',
          },
          body: built.json,
          // A redirect is reported, never followed: the Authorization header carries the secret key.
          redirect: 'manual',
          signal,
        });
        return { status: response.status, text: await readLimited(response, maxResponseBytes) };
      })();
      ({ status, text } = await Promise.race([exchange, aborted]));
    } catch (cause) {
      if (cause instanceof TooLarge) {
        throw failure('RESPONSE_TOO_LARGE', `${where}: the answer is over maxResponseBytes (${maxResponseBytes} bytes); reading stopped there`, {
          endpoint: kind, url, maxResponseBytes,
        });
      }
      if (signal.aborted) {
        throw failure('TIMEOUT', `${where}: no complete answer within ${timeoutMs} ms`, { endpoint: kind, url });
      }
      throw failure('NETWORK_ERROR', `${where}: network error (${networkReason(cause)})`, { endpoint: kind, url, cause: tidyCause(cause) });
    } finally {
      clearTimeout(timer);
    }
    if (!(status >= 200 && status < 300)) {
      throw failure('HTTP_ERROR', `${where}: HTTP status ${status}`, { endpoint: kind, url, status, body: text });
    }
    let response;
    try {
      response = core.parseGatewayResponse(kind, text);
    } catch (error) {
      // The core's error may quote the answer: only its code and a redacted excerpt go on.
      const reason = quote(error && error.message);
      const cause = lgspError(String(error && error.code), reason);
      throw failure('INVALID_RESPONSE', `${where}: the answer is not a gateway response (${reason})`, {
        endpoint: kind, url, status, body: text, cause,
      });
    }
    if (!response.ok) {
      const said = response.errorMessage ? `: ${quote(response.errorMessage)}` : '';
      throw failure('GATEWAY_ERROR', `${where}: the gateway answered ${quote(response.errorCode)} (${response.description.en})${said}`, {
        endpoint: kind, url, status, gatewayCode: quote(response.errorCode), response,
      });
    }
    return response;
  }

  return Object.freeze({
    baseUrl,

    /**
     * Builds, signs and sends a payment request; resolves with the URL to send the citizen to. A
     * rejection after the request was sent says in `maybeCreated` whether the gateway may hold
     * the order all the same (see mayHoldOrder): never send that orderId again.
     */
    async createPayment(order) {
      const built = core.buildPaygateRequest(order, signing);
      let response;
      try {
        response = await send('paygate', built);
      } catch (error) {
        error.maybeCreated = mayHoldOrder(error);
        throw error;
      }
      if (typeof response.url !== 'string' || response.url === '') {
        // SUCCESSFUL: the gateway holds the order, though it gave no payment URL.
        throw failure('INVALID_RESPONSE', `POST ${baseUrl}${ENDPOINTS.paygate}: a SUCCESSFUL answer without data.url`, {
          endpoint: 'paygate', url: baseUrl + ENDPOINTS.paygate, status: 200, response, maybeCreated: true,
        });
      }
      return { url: response.url, response, request: built.body, warnings: built.warnings };
    },

    /** Builds, signs and sends a refund request (transactionType defaults to "02", full refund). */
    async refund(refund) {
      const built = core.buildRefundRequest(refund, signing);
      const response = await send('refund', built);
      return { response, request: built.body, warnings: built.warnings };
    },

    /** Builds, signs and sends a lookup; resolves with the gateway's record of the transaction. */
    async getOrderInfo(lookup) {
      const built = core.buildLookupRequest(lookup, signing);
      const response = await send('lookup', built);
      if (response.order === null) {
        throw failure('INVALID_RESPONSE', `POST ${baseUrl}${ENDPOINTS.lookup}: a SUCCESSFUL answer without data`, {
          endpoint: 'lookup', url: baseUrl + ENDPOINTS.lookup, status: 200, response,
        });
      }
      return { order: response.order, response, request: built.body, warnings: built.warnings };
    },
  });
}

export { createClient, ENVIRONMENTS, ENDPOINTS };
