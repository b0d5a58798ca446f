// The page a unit shows the citizen whose browser the gateway sends back to returnUrl (a GET),
// as the conformance kit reads it: fetched within a time limit, its text taken out of the HTML,
// and the words that say the order's state looked for.
import http from 'node:http';
import https from 'node:https';

/** The most of a page that is read; the rest is dropped. */
const PAGE_KEPT = 256 * 1024;

/**
 * The words a page uses for an order's state, Vietnamese first (what the kit looks for, in the
 * page's text, any letter case): paid only once the unit's own lookup confirmed it; until then,
 * being confirmed.
 */
const STATE_WORDS = Object.freeze({ paid: 'đã thanh toán', confirming: 'đang xác nhận' });

/** `url` with `params` set in its query. */
function withQuery(url, params) {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, String(value));
  return target.href;
}

/**
 * GETs `url` and resolves, never rejects, within `limitMs`: { ms, status, type, text } for an
 * answer (text cut at PAGE_KEPT bytes), { ms, error } for a connection error, { ms, timedOut } else.
 */
function getPage(url, limitMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const target = new URL(url);
    const chunks = [];
    let kept = 0;
    let done = false;
    let response = null;
    const finish = (outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ms: Date.now() - started, ...outcome });
    };
    const answered = () => ({
      status: response.statusCode,
      type: String(response.headers['content-type'] ?? ''),
      text: Buffer.concat(chunks).toString('utf8'),
    });
    const request = (target.protocol === 'https:' ? https : http).request(target, { method: 'GET', headers: { Accept: 'text/html' } });
    const timer = setTimeout(() => finish(response ? { ...answered(), timedOut: true } : { timedOut: true }), limitMs);
    request.on('response', (res) => {
      response = res;
      res.on('data', (chunk) => {
        if (kept < PAGE_KEPT) chunks.push(chunk.subarray(0, PAGE_KEPT - kept));
        kept += chunk.length;
      });
      res.on('end', () => finish(answered()));
      res.on('error', () => finish({ ...answered(), timedOut: true }));
    });
    request.on('error', (error) => finish({ error: error.code ?? error.message }));
    request.end();
  });
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of an HTML page, as a reader sees it: tags, scripts and styles out, entities read, NFC, lower case. */
function pageText(html) {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, hex) => String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d{1,7});/g, (_, dec) => String.fromCodePoint(Math.min(Number(dec), 0x10ffff)))
    .replace(/&([a-z]+);/gi, (whole, name) => ENTITIES[name.toLowerCase()] ?? whole)
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** What the kit makes of a page: an HTML answer (2xx, text/html) and which state words it holds. */
function readPage(outcome) {
  const html = !outcome.error && !outcome.timedOut && outcome.status >= 200 && outcome.status < 300 && /^text\/html\b/i.test(outcome.type);
  const text = html ? pageText(outcome.text) : '';
  return { html, paid: text.includes(STATE_WORDS.paid), confirming: text.includes(STATE_WORDS.confirming) };
}

/** One short line about a page: "HTTP 200 text/html, says "đang xác nhận", in 12 ms". */
function describePage(outcome, limitMs) {
  if (outcome.error) return `connection error ${outcome.error}`;
  if (outcome.timedOut && outcome.status === undefined) return `no answer within ${limitMs} ms`;
  if (outcome.timedOut) return `HTTP ${outcome.status}, but the page did not end within ${limitMs} ms`;
  const seen = readPage(outcome);
  const says = [seen.paid && `"${STATE_WORDS.paid}"`, seen.confirming && `"${STATE_WORDS.confirming}"`].filter(Boolean);
  const type = outcome.type.split(';')[0] || 'no content type';
  return `HTTP ${outcome.status} ${type}${seen.html ? `, says ${says.length > 0 ? says.join(' and ') : 'neither state'}` : ''}, in ${outcome.ms} ms`;
}

export { STATE_WORDS, describePage, getPage, pageText, readPage, withQuery };
