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
