// What a peer sends back, made safe to show: in an error, a log line, a report. The rule:
//
//  - keep no more of a peer's text than a short excerpt, and redact it before cutting it, over
//    LOOKAHEAD characters past the cut, so a secret straddling the cut loses its visible part too;
//  - replace every RUN-character window of a known secret (the secret key, the Authorization
//    token) wherever the text, read plainly or with its escapes undone (JSON and JavaScript
//    `\uXXXX` `\xXX` `\/`, HTML character references, URL encoding, each up to MAX_PASSES deep)
//    and the NULs of UTF-16 dropped, holds it in any letter case: the secret as is, its bytes
//    (UTF-8 or UTF-16) in hex, in base64 and base64url at each of the three byte offsets;
//  - replace every run of OPAQUE_RUN or more characters of the base64, base64url and hex
//    alphabets that is not a word, a path of words or a number (SBN_100012, /payment/GetOrderInfo),
//    whatever it holds: an encoding of an encoding (a token inside base64 JSON), or of a secret
//    the redactor was not given, reads as such a run;
//  - escape control, bidi and invisible characters in what is kept, so no peer text moves the
//    cursor, clears a terminal, reorders a line or forges one.
import { TextEncoder } from '../core/text-codec.js';

const utf8 = new TextEncoder();

/** Width of the windows of a known secret that are redacted; a shorter form is redacted whole. */
const RUN = 8;
/** Shortest run of base64/hex characters redacted whatever it holds. */
const OPAQUE_RUN = 16;
/** How far past a cut the text is read, so what straddles the cut is found whole. */
const LOOKAHEAD = 256;
/** How many layers of escapes are undone. */
const MAX_PASSES = 4;
const MARK = '[REDACTED]';

/** C0 and C1 controls, DEL, bidi marks, embeddings and isolates, line separators, zero-width characters. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** `text` with every control, bidi and invisible character written as `\uXXXX`, but those in `keep` (e.g. "\n"). */
function escapeControls(text, { keep = '' } = {}) {
  return text.replace(UNSAFE, (c) => (keep.includes(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Lower case, one UTF-16 unit for one, so every index of the result is the index of the same character in `text`. */
function fold(text) {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase()).replace(/[^\x00-\x7f]/g, (c) => {
    const lower = c.toLowerCase();
    return lower.length === 1 ? lower : c;
  });
}

// ---------------------------------------------------------------------------------------------
// The forms of a known secret

const hexOf = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const latin1 = (bytes) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

function utf16(text, littleEndian) {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    bytes[2 * i + (littleEndian ? 0 : 1)] = unit & 0xff;
    bytes[2 * i + (littleEndian ? 1 : 0)] = unit >> 8;
  }
  return bytes;
}

/**
 * The base64 (or base64url) characters of `bytes` that do not depend on the bytes around them,
 * when they start `offset` (0, 1 or 2) bytes into a group of three.
 */
function base64Core(bytes, offset, url) {
  const padded = new Uint8Array(offset + bytes.length);
  padded.set(bytes, offset);
  let text = btoa(latin1(padded)).replace(/=+$/, '');
  if (url) text = text.replace(/\+/g, '-').replace(/\//g, '_');
  return text.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
}

/** The secret as an encoder may write it inside JSON or a form: as is, `\/`, `\uXXXX` for non-ASCII, `+` for spaces. */
function spellingsOf(secret) {
  const json = JSON.stringify(secret).slice(1, -1);
  const ascii = json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new Set([secret, secret.replace(/ /g, '+'), json, ascii, json.replace(/\//g, '\\/'), ascii.replace(/\//g, '\\/')]);
}

/**
 * Every form of `secret` that is matched in the text's readings: its spellings, whole when shorter
 * than RUN, and the encodings of their bytes (UTF-8, UTF-16LE, UTF-16BE) in hex and base64 that
 * are at least RUN characters long (a shorter one would blank ordinary text). An encoding of an
 * encoding is a long opaque run, redacted as such.
 */
function formsOf(secret) {
  const forms = new Set();
  const encoded = (form) => {
    if (form.length >= RUN) forms.add(form);
  };
  for (const spelling of spellingsOf(secret)) {
    forms.add(spelling);
    for (const bytes of [utf8.encode(spelling), utf16(spelling, true), utf16(spelling, false)]) {
      encoded(hexOf(bytes));
      for (const offset of [0, 1, 2]) {
        for (const url of [false, true]) encoded(base64Core(bytes, offset, url));
      }
    }
  }
  return [...forms].map(fold);
}

// ---------------------------------------------------------------------------------------------
// Readings of the text: as it is, then with one more layer of escapes undone each time

/** Named character references an echo may use: the ASCII punctuation and the Latin-1 letters. */
const ENTITIES = (() => {
  const table = {
    amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', sol: '/', bsol: '\\', plus: '+', equals: '=', percnt: '%',
    num: '#', colon: ':', semi: ';', comma: ',', period: '.', lowbar: '_', hyphen: '-', dash: '-', excl: '!',
    quest: '?', commat: '@', dollar: '$', ast: '*', lpar: '(', rpar: ')', lsqb: '[', rsqb: ']', lcub: '{',
    rcub: '}', verbar: '|', grave: '`', Hat: '^', tilde: '~', nbsp: '\u00a0',
    Abreve: '\u0102', abreve: '\u0103', Dstrok: '\u0110', dstrok: '\u0111', Itilde: '\u0128', itilde: '\u0129',
    Utilde: '\u0168', utilde: '\u0169',
  };
  const latin = 'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml '
    + 'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig';
  latin.split(' ').forEach((name, i) => {
    table[name] = String.fromCharCode(0xc0 + i);
    if (/^[A-Z]/.test(name) && name !== 'ETH' && name !== 'THORN') table[name === 'AElig' ? 'aelig' : name[0].toLowerCase() + name.slice(1)] = String.fromCharCode(0xe0 + i);
  });
  Object.assign(table, { eth: '\u00f0', thorn: '\u00fe', divide: '\u00f7', oslash: '\u00f8', yuml: '\u00ff' });
  return table;
})();

const SIMPLE_ESCAPES = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', 0: '\0' };

/** One escape at the sticky position: \u{…}, \uXXXX, \xXX, \/ and the like, &#…; &#x…; &name;, a run of %XX. */
const ESCAPE = /\\u\{0*([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\([\\/"'`])|\\([nrtbf0])|&#[xX]0*([0-9a-fA-F]{1,6});?|&#0*([0-9]{1,7});?|&([A-Za-z]{2,8});|((?:%[0-9a-fA-F]{2})+)/y;

/** Bytes as UTF-8 where they are, else one Latin-1 character each: [character, first byte, end byte]. */
function charsOfBytes(bytes) {
  const out = [];
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let cp = [0, b, b & 0x1f, b & 0x0f, b & 0x07][n];
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k += 1) {
      if ((bytes[i + k] & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (bytes[i + k] & 0x3f);
    }
    if (ok && ((n === 3 && cp < 0x800) || (n === 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      out.push([String.fromCodePoint(cp), i, i + n]);
      i += n;
    } else {
      out.push([String.fromCharCode(b), i, i + 1]);
      i += 1;
    }
  }
  return out;
}

/** The text as it is: each character its own span of the original. */
function plainReading(text) {
  const from = new Int32Array(text.length);
  const to = new Int32Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    from[i] = i;
    to[i] = i + 1;
  }
  return { text, from, to };
}

/** `reading` with one layer of escapes undone and NULs dropped; each character keeps the span of the original it came from. */
function undoEscapes(reading) {
  const { text, from, to } = reading;
  let out = '';
  const outFrom = [];
  const outTo = [];
  const emit = (chars, start, end) => {
    for (let k = 0; k < chars.length; k += 1) {
      if (chars[k] === '\0') continue;
      out += chars[k];
      outFrom.push(from[start]);
      outTo.push(to[end - 1]);
    }
  };
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '\\' || c === '&' || c === '%') {
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(text);
      if (m) {
        const end = i + m[0].length;
        if (m[9] !== undefined) {
          const bytes = Uint8Array.from(m[9].slice(1).split('%'), (h) => parseInt(h, 16));
          for (const [chars, first, last] of charsOfBytes(bytes)) emit(chars, i + 3 * first, i + 3 * last);
          i = end;
          continue;
        }
        const hex = m[1] ?? m[2] ?? m[3] ?? m[6];
        const code = hex !== undefined ? parseInt(hex, 16) : m[7] !== undefined ? parseInt(m[7], 10) : -1;
        let chars = null;
        if (code >= 0) chars = code <= 0x10ffff ? String.fromCodePoint(code) : null;
        else if (m[4] !== undefined) chars = m[4];
        else if (m[5] !== undefined) chars = SIMPLE_ESCAPES[m[5]];
        else if (m[8] !== undefined && Object.hasOwn(ENTITIES, m[8])) chars = ENTITIES[m[8]];
        if (chars !== null) {
          emit(chars, i, end);
          i = end;
          continue;
        }
      }
    }
    emit(c, i, i + 1);
    i += 1;
  }
  return { text: out, from: Int32Array.from(outFrom), to: Int32Array.from(outTo) };
}

// ---------------------------------------------------------------------------------------------
// Runs that hold an encoding, whatever it encodes

const OPAQUE = new RegExp(`[A-Za-z0-9+/_-]{${OPAQUE_RUN},}`, 'g');
/** One part of a run that reads as text: a word in one case, camelCase or PascalCase, a number, letters then digits. */
const WORD = /^(?:[a-z]+|[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*|[A-Za-z]{0,8}\d+)$/;
const isWords = (run) => run.split(/[/_+-]+/).every((part) => part === '' || WORD.test(part));

// ---------------------------------------------------------------------------------------------

/**
 * A redactor for the given secrets (strings shorter than 4 characters are ignored: they would
 * blank ordinary text). Each function returns text that is safe to show:
 * excerpt(text, limit) the first `limit` characters, tail(text, limit) the last, text(text) all
 * of it, value(v, limit) a copy of a parsed value with every string (and key) an excerpt.
 */
function createRedactor(secrets) {
  const given = secrets.filter((s) => typeof s === 'string' && s.length >= 4);
  let windows = null; // size -> Set of windows, built on first use

  function windowsBySize() {
    if (windows) return windows;
    windows = new Map();
    for (const secret of given) {
      for (const form of formsOf(secret)) {
        const size = Math.min(RUN, form.length);
        if (!windows.has(size)) windows.set(size, new Set());
        const set = windows.get(size);
        for (let i = 0; i + size <= form.length; i += 1) set.add(form.slice(i, i + size));
      }
    }
    return windows;
  }

  /** Which characters of `text` are hidden: 1 for each one that belongs to a secret or an opaque run. */
  function hiddenIn(text) {
    const hidden = new Uint8Array(text.length);
    const hide = (reading, start, end) => {
      if (end > start) hidden.fill(1, reading.from[start], reading.to[end - 1]);
    };
    const bySize = windowsBySize();
    let reading = plainReading(text);
    for (let pass = 0; ; pass += 1) {
      const folded = fold(reading.text);
      for (const [size, set] of bySize) {
        for (let i = 0; i + size <= folded.length; i += 1) {
          if (set.has(folded.slice(i, i + size))) hide(reading, i, i + size);
        }
      }
      for (const m of reading.text.matchAll(OPAQUE)) {
        if (isWords(m[0])) continue;
        let end = m.index + m[0].length;
        while (reading.text[end] === '=') end += 1; // base64 padding goes with its run
        hide(reading, m.index, end);
      }
      if (pass === MAX_PASSES) break;
      const next = undoEscapes(reading);
      if (next.text === reading.text) break;
      reading = next;
    }
    return hidden;
  }

  /** text.slice(start, end) with each hidden stretch written once as the mark. */
  function shown(text, hidden, start, end) {
    let out = '';
    let from = start;
    for (let i = start; i < end; i += 1) {
      if (!hidden[i]) continue;
      if (i === start || !hidden[i - 1]) {
        out += text.slice(from, i) + MARK;
      }
      from = i + 1;
    }
    return out + text.slice(from, end);
  }

  /** The text's first `limit` characters, redacted (even what crosses the cut) and escaped. */
  function excerpt(text, limit = Infinity) {
    if (typeof text !== 'string') return text;
    const cut = Math.min(text.length, limit);
    const read = text.slice(0, cut + LOOKAHEAD);
    const out = shown(read, hiddenIn(read), 0, cut);
    return escapeControls(cut < text.length ? `${out}…` : out);
  }

  /** The text's last `limit` characters, redacted (even what crosses the cut) and escaped; newlines kept. */
  function tail(text, limit = Infinity) {
    if (typeof text !== 'string') return text;
    const start = Math.max(0, text.length - limit);
    const readFrom = Math.max(0, start - LOOKAHEAD);
    const read = text.slice(readFrom);
    const out = shown(read, hiddenIn(read), start - readFrom, read.length);
    return escapeControls(start > 0 ? `…${out}` : out, { keep: '\n' });
  }

  /** A copy of a parsed value with every string (and key) redacted and cut to `limit` characters. */
  function value(v, limit = Infinity, depth = 0) {
    if (typeof v === 'string') return excerpt(v, limit);
    if (v === null || typeof v !== 'object') return v;
    if (depth > 64) return '[…]';
    if (Array.isArray(v)) return v.map((item) => value(item, limit, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [excerpt(k, limit), value(item, limit, depth + 1)]));
  }

  return { excerpt, tail, text: (t) => excerpt(t), value };
}

export { createRedactor, escapeControls, MARK as REDACTION_MARK, RUN as REDACTION_RUN, OPAQUE_RUN };
