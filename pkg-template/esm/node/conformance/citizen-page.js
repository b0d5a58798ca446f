// The page a unit shows the citizen whose browser the gateway sends back to returnUrl (a GET),
// as the conformance kit reads it: fetched within a time limit (http.js), its text taken out of
// the HTML, and the words that say the order's state looked for.
import { get } from './http.js';

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

/** GETs the page at `url`: http.js's outcome, within `limitMs`. */
const getPage = (url, limitMs) => get(url, limitMs);

/** What the kit makes of a page: a complete HTML answer (2xx, text/html) and which state words it holds. */
function readPage(outcome) {
  const html = typeof outcome.status === 'number' && !outcome.incomplete && outcome.status >= 200 && outcome.status < 300
    && /^text\/html\b/i.test(outcome.type);
  const text = html ? pageText(outcome.text) : '';
  return { html, paid: text.includes(STATE_WORDS.paid), confirming: text.includes(STATE_WORDS.confirming) };
}

/** One short line about a page: "HTTP 200 text/html, says "đang xác nhận", in 12 ms". */
function describePage(outcome, limitMs) {
  if (outcome.error) return `connection error ${String(outcome.error).replace(/[^\w.-]/g, '?').slice(0, 60)}`;
  if (outcome.timedOut) return `no answer within ${limitMs} ms`;
  if (outcome.incomplete) return `HTTP ${outcome.status}, but the page ${outcome.incomplete}`;
  const seen = readPage(outcome);
  const says = [seen.paid && `"${STATE_WORDS.paid}"`, seen.confirming && `"${STATE_WORDS.confirming}"`].filter(Boolean);
  // The media type alone, in printable characters: it came from the unit.
  const type = outcome.type.split(';')[0].replace(/[^\w./+-]/g, '?').slice(0, 60) || 'no content type';
  return `HTTP ${outcome.status} ${type}${seen.html ? `, says ${says.length > 0 ? says.join(' and ') : 'neither state'}` : ''}, in ${outcome.ms} ms`;
}

export { STATE_WORDS, describePage, getPage, pageText, readPage, withQuery };
