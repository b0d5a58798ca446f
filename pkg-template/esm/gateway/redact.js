// Redaction of what a peer echoes: the secret key and the Authorization token, as written and in
// the encodings an echo may use (JSON escapes, `\/`, `\uXXXX`, URL encoding, base64), in any
// letter case, whole or in part. Any run of RUN characters of one of those forms is replaced, so a
// secret cut by a peer (or by an excerpt) leaves no readable run either. Text is redacted first
// and cut afterwards.
import { TextEncoder } from '../core/text-codec.js';

const utf8 = new TextEncoder();

/** Shortest run of a secret that is redacted; a secret shorter than this is redacted whole. */
const RUN = 8;
const MARK = '[REDACTED]';

/** A-Z to a-z only, so every index of the result is the index of the same character in `text`. */
function lowerAscii(text) {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/** The secret as it may appear in an echo. */
function formsOf(secret) {
  const forms = new Set([secret]);
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json);
  forms.add(json.replace(/\//g, '\\/'));
  forms.add(secret.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  const url = encodeURIComponent(secret);
  forms.add(url);
  forms.add(url.replace(/%20/g, '+'));
  const bytes = utf8.encode(secret);
  forms.add([...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  const base64 = btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
  forms.add(base64);
  forms.add(base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  return [...forms].map(lowerAscii);
}

/**
 * A redactor for the given secrets (strings shorter than 4 characters are ignored: they would
 * blank ordinary text). redactor.excerpt(text, limit) redacts, then keeps the first `limit`
 * characters; redactor.text(text) redacts all of it.
 */
function createRedactor(secrets) {
  // Patterns grouped by length: every RUN-long piece of every form, or a short form whole.
  const byLength = new Map();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < 4) continue;
    for (const form of formsOf(secret)) {
      const size = Math.min(RUN, form.length);
      if (!byLength.has(size)) byLength.set(size, new Set());
      const set = byLength.get(size);
      for (let i = 0; i + size <= form.length; i += 1) set.add(form.slice(i, i + size));
    }
  }

  /** The text's first `limit` characters with every secret run (even one crossing the cut) replaced. */
  function excerpt(text, limit = Infinity) {
    if (typeof text !== 'string') return text;
    const cut = Math.min(text.length, limit);
    // A run that touches the kept part ends at most RUN - 1 characters past the cut.
    const window = lowerAscii(text.slice(0, cut + RUN - 1));
    const hidden = new Uint8Array(cut);
    let any = false;
    for (const [size, set] of byLength) {
      for (let i = 0; i < cut && i + size <= window.length; i += 1) {
        if (set.has(window.slice(i, i + size))) {
          hidden.fill(1, i, Math.min(cut, i + size));
          any = true;
        }
      }
    }
    let out = '';
    if (!any) out = text.slice(0, cut);
    else {
      for (let i = 0; i < cut; i += 1) {
        if (!hidden[i]) out += text[i];
        else if (i === 0 || !hidden[i - 1]) out += MARK;
      }
    }
    return cut < text.length ? `${out}…` : out;
  }

  /** A copy of a parsed value with every string (and key) redacted and cut to `limit` characters. */
  function value(v, limit = Infinity, depth = 0) {
    if (typeof v === 'string') return excerpt(v, limit);
    if (v === null || typeof v !== 'object') return v;
    if (depth > 64) return '[…]';
    if (Array.isArray(v)) return v.map((item) => value(item, limit, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [excerpt(k, limit), value(item, limit, depth + 1)]));
  }

  return { excerpt, text: (t) => excerpt(t), value };
}

export { createRedactor, MARK as REDACTION_MARK, RUN as REDACTION_RUN };
