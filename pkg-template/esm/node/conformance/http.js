// What the conformance kit needs of HTTP: a PUT to the unit that always ends within its limit
// (an answer, a connection error or "no answer"), a probe that tells whether anything listens,
// and the reading of the unit's reply.
import http from 'node:http';
import https from 'node:https';

/** Bytes of a reply kept for reading and showing; the rest is drained and dropped. */
const REPLY_KEPT = 64 * 1024;
const SHOWN = 120;

/**
 * PUTs `body` to `url` and resolves, never rejects, within `limitMs`:
 * { ms, status, text } for an answer, { ms, error } for a connection error, { ms, timedOut } otherwise.
 * An answer that arrives while the body is still being sent counts (a 413 before the end).
 */
function put(url, body, contentType, limitMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const target = new URL(url);
    const headers = { 'Content-Length': Buffer.byteLength(body) };
    if (contentType !== null) headers['Content-Type'] = contentType;
    let response = null;
    const chunks = [];
    let kept = 0;
    let done = false;
    const finish = (outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ms: Date.now() - started, ...outcome });
    };
    const answered = () => ({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') });
    const request = (target.protocol === 'https:' ? https : http).request(target, { method: 'PUT', headers });
    const timer = setTimeout(() => finish(response ? answered() : { timedOut: true }), limitMs);
    request.on('response', (res) => {
      response = res;
      res.on('data', (chunk) => {
        if (kept < REPLY_KEPT) chunks.push(chunk);
        kept += chunk.length;
      });
      res.on('end', () => finish(answered()));
      res.on('error', () => finish(answered()));
    });
    request.on('error', (error) => finish(response ? answered() : { error: error.code ?? error.message }));
    request.end(body);
  });
}

/** Resolves true when anything answers HTTP at `url` within `limitMs` (any status), else false. */
function probe(url, limitMs) {
  return new Promise((resolve) => {
    const target = new URL(url);
    const request = (target.protocol === 'https:' ? https : http).request(target, { method: 'GET' });
    const timer = setTimeout(() => {
      request.destroy();
      resolve(false);
    }, limitMs);
    request.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      request.destroy();
      resolve(true);
    });
    request.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    request.end();
  });
}

/** The reply's `error_code` when it is a JSON object with a string one, else null. */
function errorCodeOf(outcome) {
  if (typeof outcome.text !== 'string') return null;
  try {
    const reply = JSON.parse(outcome.text);
    return reply !== null && typeof reply === 'object' && typeof reply.error_code === 'string' ? reply.error_code : null;
  } catch {
    return null;
  }
}

const is2xx = (o) => o.status >= 200 && o.status < 300;

/** A 2xx JSON reply with error_code SUCCESSFUL. */
const isSuccessful = (o) => is2xx(o) && errorCodeOf(o) === 'SUCCESSFUL';
/** A JSON reply with error_code FAILED, on a 2xx or a 4xx. */
const isFailed = (o) => o.status >= 200 && o.status < 500 && errorCodeOf(o) === 'FAILED';
/** What a unit may answer to a body it cannot read: a FAILED reply or any 4xx. */
const isRefusal = (o) => isFailed(o) || (o.status >= 400 && o.status < 500);
/** A JSON reply, SUCCESSFUL or FAILED, that is not a 5xx. */
const isAnswer = (o) => o.status >= 200 && o.status < 500 && ['SUCCESSFUL', 'FAILED'].includes(errorCodeOf(o));

/** One short line: "HTTP 200 {"error_code":"FAILED",...} in 12 ms", "no answer within 5000 ms", ... */
function describe(outcome, limitMs) {
  if (outcome.timedOut) return `no answer within ${limitMs} ms`;
  if (outcome.error) return `connection error ${outcome.error}`;
  const text = outcome.text.replace(/\s+/g, ' ').trim();
  const shown = text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
  return `HTTP ${outcome.status}${shown ? ` ${shown}` : ' (empty body)'} in ${outcome.ms} ms`;
}

export { put, probe, errorCodeOf, isSuccessful, isFailed, isRefusal, isAnswer, describe };
