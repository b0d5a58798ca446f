// Small helpers of the mock gateway: credentials, comparisons, times, request bodies.
import crypto from 'node:crypto';
import { lgspError } from './errors.js';

const MAX_BODY_BYTES = 1 << 20;

/** Throwaway credentials for a mock started without any. */
function randomCredentials() {
  return {
    partnerCode: 'MOCK.00.00.H29',
    accessKey: crypto.randomBytes(16).toString('hex'),
    secretKey: crypto.randomBytes(33).toString('base64'),
    appName: 'lgsp_paygate_mock',
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
  return { ...credentials };
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

/** The public view of an order: a copy, so callers cannot change the mock's state. */
function snapshot(order) {
  if (!order) return null;
  const { payId, ...rest } = order;
  return structuredClone(rest);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export { checkCredentials, isLoopbackUrl, payDateNow, readBody, sameText, snapshot };
