// What the conformance kit needs of HTTP: a PUT (or a GET) to the unit that always ends within its
// limit (an answer, a connection error or "no answer"), a probe that tells whether anything listens,
// and the reading of the unit's reply. A reply counts only when it is complete within the limit:
// one that never ends, or ends short of its Content-Length or of a chunked body's last chunk, is
// graded by what was seen of it and never as an answer.
import http from 'node:http';
import https from 'node:https';
import { createRedactor } from '../../gateway/redact.js';

/** Bytes of a reply kept for reading and showing; the rest is drained and dropped. */
const REPLY_KEPT = 64 * 1024;
const SHOWN = 120;
/** Redacts what any redactor does without knowing a secret: long encoded runs; and escapes. */
const anonymous = createRedactor([]);

/**
 * Sends `body` to `url` with `method` and resolves, never rejects, within `limitMs`:
 * { ms, status, type, text } for a complete answer (`type` its Content-Type; `cut` when it was
 * longer than REPLY_KEPT),
 * { ms, status, text, incomplete } for one that did not end within the limit or ended short,
 * { ms, error } for a connection error, { ms, timedOut } when nothing came.
 * An answer that arrives while the body is still being sent counts (a 413 before the end).
 */
function exchange(method, url, body, contentType, limitMs) {
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
    const seen = (extra = {}) => ({
      status: response.statusCode,
      type: String(response.headers['content-type'] ?? ''),
      text: Buffer.concat(chunks).toString('utf8'),
      ...(kept > REPLY_KEPT ? { cut: true } : {}),
      ...extra,
    });
    // Node ends a response early (`complete` false) when the connection closes short of its length.
    const ended = () => finish(response.complete ? seen() : seen({ incomplete: 'ended short of its length' }));
    // After the data already read has been handed over, so what was seen is shown.
    const broken = () => setImmediate(() => finish(seen({ incomplete: 'ended short of its length' })));
    const request = (target.protocol === 'https:' ? https : http).request(target, { method, headers });
    const timer = setTimeout(() => finish(response ? seen({ incomplete: `did not end within ${limitMs} ms` }) : { timedOut: true }), limitMs);
    request.on('response', (res) => {
      response = res;
      res.on('data', (chunk) => {
        if (kept < REPLY_KEPT) chunks.push(chunk.subarray(0, REPLY_KEPT - kept));
        kept += chunk.length;
      });
      res.on('end', ended);
      res.on('aborted', broken);
      res.on('error', broken);
      res.on('close', () => {
        if (!res.complete) broken();
      });
    });
    request.on('error', (error) => finish(response ? seen({ incomplete: 'ended short of its length' }) : { error: error.code ?? error.message }));
    request.end(body);
  });
}

/** PUTs `body` to `url`: exchange()'s outcome. */
const put = (url, body, contentType, limitMs) => exchange('PUT', url, body, contentType, limitMs);

/** GETs `url`: exchange()'s outcome. */
const get = (url, limitMs) => exchange('GET', url, '', null, limitMs);

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

/** A reply that came whole, within the limit: the only kind that is graded as an answer. */
const complete = (o) => typeof o.status === 'number' && !o.incomplete;
const is2xx = (o) => complete(o) && o.status >= 200 && o.status < 300;
const is4xx = (o) => complete(o) && o.status >= 400 && o.status < 500;

/** A complete 2xx JSON reply with error_code SUCCESSFUL. */
const isSuccessful = (o) => is2xx(o) && errorCodeOf(o) === 'SUCCESSFUL';
/** A complete JSON reply with error_code FAILED, on a 2xx or a 4xx (a redirect is neither). */
const isFailed = (o) => (is2xx(o) || is4xx(o)) && errorCodeOf(o) === 'FAILED';
/** What a unit may answer to a body it cannot read: a FAILED reply or any complete 4xx. */
const isRefusal = (o) => isFailed(o) || is4xx(o);
/** A complete JSON reply, SUCCESSFUL or FAILED, on a 2xx or a 4xx. */
const isAnswer = (o) => (is2xx(o) || is4xx(o)) && ['SUCCESSFUL', 'FAILED'].includes(errorCodeOf(o));

/**
 * One short line: "HTTP 200 {"error_code":"FAILED",...} in 12 ms", "no answer within 5000 ms", ...
 * The reply's text goes through `excerpt(text, limit)`, a redactor's, which redacts before it
 * cuts; without one, long encoded runs are redacted and the kit redacts the secrets in the line.
 */
function describe(outcome, limitMs, excerpt = anonymous.excerpt) {
  if (outcome.timedOut) return `no answer within ${limitMs} ms`;
  if (outcome.error) return `connection error ${excerpt(String(outcome.error), SHOWN)}`;
  const shown = excerpt(outcome.text.replace(/\s+/g, ' ').trim(), SHOWN);
  const how = outcome.incomplete ? `, but the reply ${outcome.incomplete}` : ` in ${outcome.ms} ms`;
  return `HTTP ${outcome.status}${shown ? ` ${shown}` : ' (empty body)'}${how}`;
}

export { put, get, probe, errorCodeOf, isSuccessful, isFailed, isRefusal, isAnswer, describe };
