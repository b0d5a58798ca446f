// Small helpers of the mock gateway: credentials, comparisons, times, request bodies.
import crypto from 'node:crypto';
import { lgspError } from '../../core/lgsp-error.js';
import { DEFAULT_MAX_BYTES } from '../../gateway/body-limits.js';

/** The most a request body may hold; a larger one is answered 413. */
const MAX_BODY_BYTES = DEFAULT_MAX_BYTES;
/** A too-large body is read on and dropped up to this much, so its sender still sees the 413. */
const MAX_DRAIN_BYTES = 16 << 20;
/** The deepest nesting of objects and arrays a request body may have. */
const MAX_DEPTH = 32;
/** Defaults of the credentials only the Authorization token carries. */
const DEFAULT_APP_NAME = 'lgsp_paygate_mock';

/** Throwaway credentials for a mock started without any. */
function randomCredentials() {
  return {
    partnerCode: 'MOCK.00.00.H29',
    accessKey: crypto.randomBytes(16).toString('hex'),
    secretKey: crypto.randomBytes(33).toString('base64'),
    appName: DEFAULT_APP_NAME,
    partnerCodeCus: 'MOCK.00.00.H29',
  };
}

function checkCredentials(credentials) {
  if (credentials === undefined) return randomCredentials();
  if (credentials === null || typeof credentials !== 'object') {
    throw lgspError('INVALID_ARGUMENT', 'credentials must be an object', { path: 'credentials' });
  }
  for (const key of ['partnerCode', 'accessKey', 'secretKey']) {
    if (typeof credentials[key] !== 'string' || credentials[key] === '') {
      throw lgspError('MISSING_FIELD', `credentials.${key} is required`, { path: `credentials.${key}` });
    }
  }
  // appName and partnerCodeCus only go into the token: optional, with defaults.
  return { appName: DEFAULT_APP_NAME, partnerCodeCus: credentials.partnerCode, ...credentials };
}

function sameText(a, b) {
  const digest = (s) => crypto.createHash('sha256').update(String(s), 'utf8').digest();
  return typeof a === 'string' && typeof b === 'string' && crypto.timingSafeEqual(digest(a), digest(b));
}

function isLoopbackUrl(text) {
  try {
    const { hostname } = new URL(text);
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
  } catch {
    return false;
  }
}

/** yyyyMMddHHmmss in Ho Chi Minh City time (UTC+7, no daylight saving). */
function payDateNow() {
  const t = new Date(Date.now() + 7 * 3600 * 1000);
  const two = (n) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}${two(t.getUTCMonth() + 1)}${two(t.getUTCDate())}${two(t.getUTCHours())}${two(t.getUTCMinutes())}${two(t.getUTCSeconds())}`;
}

/** The public view of an order: a copy, so callers cannot change the mock's state; its page's secrets left out. */
function snapshot(order) {
  if (!order) return null;
  const { payId, formToken, size, ...rest } = order;
  return structuredClone(rest);
}

/**
 * The request's body, or null when it is over MAX_BODY_BYTES. A too-large body is read on and
 * dropped (up to MAX_DRAIN_BYTES), so its sender gets the 413 rather than a reset connection;
 * memory holds at most MAX_BODY_BYTES either way.
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > MAX_DRAIN_BYTES) {
      resolve(null);
      return;
    }
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (chunks.length > 0) chunks.length = 0;
      if (size > MAX_DRAIN_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve(null);
      }
    };
    req.on('data', onData);
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/** What makes a parsed body unusable beyond its fields: a number JSON cannot hold, nesting too deep; or null. */
function unreadable(value) {
  const stack = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop();
    if (typeof v === 'number' && !Number.isFinite(v)) return 'a number too large for JSON to hold';
    if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) return `objects and arrays nested deeper than ${MAX_DEPTH}`;
      for (const item of Object.values(v)) stack.push([item, depth + 1]);
    }
  }
  return null;
}

export {
  checkCredentials, isLoopbackUrl, payDateNow, readBody, sameText, snapshot, unreadable, MAX_BODY_BYTES, MAX_DEPTH,
};
