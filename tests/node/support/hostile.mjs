// Shared by the hostile-peer tests: a secret holding '/' and '+' and its token, a search of
// everything an error shows for any 8-character run of them, fetch doubles, children with a
// memory limit, and signed payment results.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { checksum, encodeAuthorization } from 'lgsp-paygate';
import samples from './samples.cjs';

const require = createRequire(import.meta.url);
const CHILD_LIMIT_MS = 60_000;

// A secret holding '/' and '+', so its JSON (`\/`) and URL (%2F, %2B) forms differ from it.
export const SECRET = 'Qm9/Zz+Yq7/Lp+Wx3Ke/Tn+Rb5Hc/Vs+Mj2Dg==';
export const credentials = { ...samples.credentials, secretKey: SECRET, appName: 'hostile_app', partnerCodeCus: 'cus.1' };
export const TOKEN = encodeAuthorization({
  accessKey: credentials.accessKey, secretKey: SECRET, appName: 'hostile_app', partnerCode: credentials.partnerCode, partnerCodeCus: 'cus.1',
});
export const RUN = 8;

/** Every RUN-character run of the secret and the token, lower-cased. */
export const RUNS = [SECRET, TOKEN].flatMap((s) => Array.from({ length: s.length - RUN + 1 }, (_, i) => s.slice(i, i + RUN).toLowerCase()));

/** The echo forms a peer may use: as sent, JSON-escaped, URL-encoded, other case, base64, in part. */
export function echoForms(secret) {
  return {
    raw: secret,
    'json \\/': JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/'),
    'json \\u': secret.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    url: encodeURIComponent(secret),
    'url lower-case': encodeURIComponent(secret).toLowerCase(),
    lower: secret.toLowerCase(),
    upper: secret.toUpperCase(),
    base64: Buffer.from(secret).toString('base64'),
    'first 12': secret.slice(0, 12),
    'last 12': secret.slice(-12),
  };
}

/** Everything an error shows: message, own properties (all, deeply), JSON.stringify and util.inspect. */
export function everythingShown(error) {
  const parts = [String(error.message), util.inspect(error, { depth: Infinity, showHidden: true, maxStringLength: Infinity, breakLength: Infinity })];
  const seen = new Set();
  const walk = (value, depth) => {
    if (value === null || depth > 12) return;
    if (typeof value === 'string') {
      parts.push(value);
      return;
    }
    if (typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    try {
      parts.push(JSON.stringify(value));
    } catch {
      // a cycle: its parts are walked anyway
    }
    for (const key of Object.getOwnPropertyNames(value)) {
      parts.push(key);
      walk(value[key], depth + 1);
    }
  };
  walk(error, 0);
  return parts.join('\n');
}

/** The text in the forms an echo might still carry a secret in: as is, `\/` undone, %XX undone; lower-cased. */
export function decodedViews(text) {
  const unslashed = text.replaceAll('\\/', '/');
  const unpercented = unslashed.replace(/%[0-9a-f]{2}/gi, (m) => String.fromCharCode(parseInt(m.slice(1), 16)));
  const unescaped = unpercented.replace(/\\u([0-9a-f]{4})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return [text, unslashed, unpercented, unescaped].map((t) => t.toLowerCase());
}

const RUN_SET = new Set(RUNS);

export function assertNoRun(error, label) {
  for (const view of decodedViews(everythingShown(error))) {
    for (let i = 0; i + RUN <= view.length; i += 1) {
      const run = view.slice(i, i + RUN);
      if (RUN_SET.has(run)) assert.fail(`${label}: shows ${JSON.stringify(run)} in …${JSON.stringify(view.slice(Math.max(0, i - 40), i + 40))}…`);
    }
  }
}

/** A fetch double answering with `body` (text) and `status`. */
export const answering = (status, body) => async () => new Response(body, { status, headers: { 'content-type': 'text/plain' } });

/** Runs `script` (ESM text) in a node child with a heap limit; resolves with its last JSON line. */
export function inChild(script, { heapMb = 64, args = [] } = {}) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lgsp-hostile-')), 'child.mjs');
  fs.writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, '--expose-gc', file, ...args], {
      cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_LIMIT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`child exited ${code ?? signal}:\n${err}${out}`));
      try {
        return resolve(JSON.parse(out.trim().split('\n').at(-1)));
      } catch {
        return reject(new Error(`child printed no JSON:\n${out}${err}`));
      }
    });
  });
}

// The packed package resolves from the consumer project, where the child runs too.
export const PACKAGE = JSON.stringify(require.resolve('lgsp-paygate'));

export function cliPath() {
  const manifestPath = require.resolve('lgsp-paygate/package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  return path.join(path.dirname(manifestPath), manifest.bin['lgsp-paygate']);
}

export const RESULT_FIELDS = { paygate: 'momo', payTransId: '1258485', orderId: 'SBN_100012', amount: 40000, orderInfo: 'thanh toan',
  payDate: '20191212161254', errorCode: '00', type: 'Pay' };
export const signedResult = (fields) => JSON.stringify({ ...fields, checksum: checksum('result', fields, null) });
export const ORDER = { orderId: 'SBN_100012', payTransId: '1258485', amount: 40000, errorCode: '00', type: 'Pay', paygate: 'momo' };

// ---------------------------------------------------------------------------------------------
// Every encoding a peer may echo a secret in, and what must then never be shown

const utf8Bytes = (text) => Buffer.from(text, 'utf8');
const hex4 = (unit) => unit.toString(16).padStart(4, '0');
const swapCase = (text) => Array.from(text, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
/** Named references, where HTML has one, for what an echo of a secret holds. */
const NAMED = { '/': '&sol;', '+': '&plus;', '=': '&equals;', '&': '&amp;', '"': '&quot;', '-': '&hyphen;', ó: '&oacute;', í: '&iacute;', à: '&agrave;', Đ: '&Dstrok;', đ: '&dstrok;' };
/** base64 of the secret's bytes framed by `before` bytes of text ahead of it (so it starts at that byte offset) and some after. */
const framedBase64 = (before, url) => (secret) => {
  const text = Buffer.concat([utf8Bytes('{"k":"'.slice(0, before)), utf8Bytes(secret), utf8Bytes('","n":1}')]).toString(url ? 'base64url' : 'base64');
  return text;
};

/** secret -> the text a peer echoes it as. */
export const ENCODINGS = {
  plain: (s) => s,
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  'swapped case': swapCase,
  'JSON \\/': (s) => JSON.stringify(s).slice(1, -1).replaceAll('/', '\\/'),
  'JSON \\u every character': (s) => Array.from({ length: s.length }, (_, i) => `\\u${hex4(s.charCodeAt(i))}`).join(''),
  'JSON \\u upper-case hex': (s) => Array.from({ length: s.length }, (_, i) => `\\u${hex4(s.charCodeAt(i)).toUpperCase()}`).join(''),
  'JavaScript \\x': (s) => Array.from(s, (c) => (c.charCodeAt(0) < 256 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${hex4(c.charCodeAt(0))}`)).join(''),
  'HTML decimal': (s) => Array.from(s, (c) => `&#${c.codePointAt(0)};`).join(''),
  'HTML hex': (s) => Array.from(s, (c) => `&#x${c.codePointAt(0).toString(16)};`).join(''),
  'HTML zero-padded': (s) => Array.from(s, (c) => `&#000000${c.codePointAt(0)};`).join(''),
  'HTML named': (s) => Array.from(s, (c) => NAMED[c] ?? (c.charCodeAt(0) > 127 ? `&#${c.codePointAt(0)};` : c)).join(''),
  'URL encoded': encodeURIComponent,
  'URL every byte': (s) => Array.from(utf8Bytes(s), (b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''),
  'URL every byte, lower-case': (s) => Array.from(utf8Bytes(s), (b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
  'URL encoded twice': (s) => encodeURIComponent(encodeURIComponent(s)),
  'URL inside JSON \\u': (s) => encodeURIComponent(s).replaceAll('%', '\\u0025'),
  hex: (s) => utf8Bytes(s).toString('hex'),
  'hex upper-case': (s) => utf8Bytes(s).toString('hex').toUpperCase(),
  'UTF-16LE': (s) => Buffer.from(s, 'utf16le').toString('utf8'),
  'UTF-16BE': (s) => Buffer.from(s, 'utf16le').swap16().toString('utf8'),
  'base64 at byte offset 0': framedBase64(0, false),
  'base64 at byte offset 1': framedBase64(1, false),
  'base64 at byte offset 2': framedBase64(2, false),
  'base64 at byte offset 3': framedBase64(3, false),
  'base64 at byte offset 4': framedBase64(4, false),
  'base64 at byte offset 5': framedBase64(5, false),
  'base64url at byte offset 0': framedBase64(0, true),
  'base64url at byte offset 1': framedBase64(1, true),
  'base64url at byte offset 2': framedBase64(2, true),
  'base64 in lower case': (s) => utf8Bytes(s).toString('base64').toLowerCase(),
  'base64 of JSON holding it': (s) => utf8Bytes(JSON.stringify({ error: { echo: s } })).toString('base64'),
  'base64 twice': (s) => utf8Bytes(utf8Bytes(`x${s}`).toString('base64')).toString('base64'),
  'base64 of UTF-16LE': (s) => Buffer.from(s, 'utf16le').toString('base64'),
  'base64 of hex': (s) => utf8Bytes(utf8Bytes(s).toString('hex')).toString('base64url'),
  'hex of base64': (s) => utf8Bytes(utf8Bytes(s).toString('base64')).toString('hex'),
  'base64 three times': (s) => [1, 2, 3].reduce((t) => utf8Bytes(t).toString('base64'), s),
};

const windowsOf = (text, size = RUN) => {
  const set = new Set();
  for (let i = 0; i + size <= text.length; i += 1) set.add(text.slice(i, i + size));
  return set;
};

/**
 * What an echo of `secret` in `encode` must never show: the RUN-character windows (lower-cased)
 * of the echo that carry the secret (those the same encoding of a filler of the secret's length
 * does not have), and the windows of every secret in `secrets`, to be looked for once escapes
 * are undone.
 */
export function nothingOf(encode, secret, secrets) {
  const filler = windowsOf(encode('~'.repeat(secret.length)).toLowerCase());
  const forbidden = new Set([...windowsOf(encode(secret).toLowerCase())].filter((w) => !filler.has(w)));
  const ofSecrets = new Set(secrets.flatMap((s) => [...windowsOf(s.toLowerCase())]));
  return { forbidden, ofSecrets };
}

const ENTITY_NAMES = Object.fromEntries(Object.entries(NAMED).map(([c, name]) => [name.slice(1, -1), c]));

/** One layer of escapes undone, as an echo's reader would: \u \x \/, HTML references, %XX; NULs dropped. */
function undoOnce(text) {
  return text
    .replace(/\\u([0-9a-f]{4})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\x([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replaceAll('\\/', '/')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(Math.min(0x10ffff, parseInt(h, 16))))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Math.min(0x10ffff, Number(d))))
    .replace(/&([a-z]+);/gi, (m, name) => ENTITY_NAMES[name] ?? m)
    .replace(/(%[0-9a-f]{2})+/gi, (run) => {
      const bytes = Buffer.from(run.replaceAll('%', ''), 'hex');
      const text = bytes.toString('utf8');
      return text.includes('\ufffd') ? bytes.toString('latin1') : text;
    })
    .replaceAll('\0', '');
}

/**
 * Fails when `shown` holds a forbidden window of the echo, or, read with up to three layers of
 * escapes undone, a window of a secret (`nothingOf`); or a raw control or bidi character (a line
 * break only where `lines` says the text is made of lines).
 */
export function assertShowsNothingOf(shown, { forbidden, ofSecrets }, label, { lines = false } = {}) {
  const unsafe = lines ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/ : /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  assert.ok(!unsafe.test(shown), `${label}: a raw control or bidi character in ${JSON.stringify(shown.slice(0, 300))}`);
  const lower = shown.toLowerCase();
  for (let i = 0; i + RUN <= lower.length; i += 1) {
    const w = lower.slice(i, i + RUN);
    if (forbidden.has(w)) assert.fail(`${label}: shows ${JSON.stringify(w)} in ${JSON.stringify(shown.slice(Math.max(0, i - 200), i + 200))}`);
  }
  let reading = shown;
  for (let layer = 0; layer <= 3; layer += 1) {
    const text = reading.toLowerCase();
    for (let i = 0; i + RUN <= text.length; i += 1) {
      const w = text.slice(i, i + RUN);
      if (ofSecrets.has(w)) assert.fail(`${label}: shows ${JSON.stringify(w)} of a secret once read (${layer} layers undone): ${JSON.stringify(reading.slice(Math.max(0, i - 200), i + 200))}`);
    }
    const next = undoOnce(reading);
    if (next === reading) break;
    reading = next;
  }
}

/** The package's redactor, from the installed tarball (it is not exported: this tests the rule itself). */
export async function packageRedactor() {
  const root = path.dirname(require.resolve('lgsp-paygate/package.json'));
  return import(pathToFileURL(path.join(root, 'esm', 'gateway', 'redact.js')).href);
}
