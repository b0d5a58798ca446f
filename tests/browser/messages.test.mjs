// The page in Vietnamese says everything in Vietnamese: for a battery of bad inputs (wrong types,
// non-integer amounts, unreadable bodies, aliases, typographic quotes, a bad token, a bad hex
// comparison, a missing secret key), every problem, repair, error and first finding the page
// shows is the core's Vietnamese, quoting the same values as its English; so are the
// confirmation problems and the package's own payment-result problems, drawn by the page's
// renderer. Started by tests/browser/run.mjs, which serves the page and passes its URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './support/chromium.mjs';

const require = createRequire(import.meta.url);
const { simpleValidCase } = require('../node/support/vectors.cjs');

const pageUrl = process.env.LGSP_PAGE_URL;
const paygate = simpleValidCase('paygate');
const lookup = simpleValidCase('lookup');
const result = simpleValidCase('result');

let browser;
let page;
const pageProblems = [];

before(async () => {
  assert.ok(pageUrl, 'LGSP_PAGE_URL is set: run this file through tests/browser/run.mjs');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error}`));
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('app')?.dataset.state === 'ready', null, { timeout: 15_000 });
});

after(async () => {
  await browser?.close();
});

async function settled() {
  await page.waitForFunction(() => document.getElementById('app')?.dataset.pending === 'false', null, { timeout: 30_000 });
}

/**
 * English function words: none is a Vietnamese word (Vietnamese writes its own with diacritics or
 * as other syllables). Quoted values, codes, field names and paths are taken out first.
 */
const ENGLISH = /\b(the|must|got|is|are|not|of|should|be|has|was|where|ends|before|read|and|or|with|from|this|that|cannot|given|missing|required|expected|when|which|its|it|no|than|after)\b/i;

function englishIn(sentence) {
  const bare = sentence
    .replace(/"(?:[^"\\]|\\.)*"…?/g, ' ')
    .replace(/\b[\w$]*[A-Z_.\d][\w$.]*\b/g, ' ');
  return ENGLISH.exec(bare)?.[0] ?? null;
}

/** The sentences the page shows from the core, in the current language. */
function shown() {
  return page.evaluate(() => {
    const texts = (selector) => [...document.querySelectorAll(selector)].filter((el) => el.closest('[hidden]') === null).map((el) => el.textContent.trim()).filter(Boolean);
    return {
      problems: texts('#problems .problem-item:not(.ok) .text'),
      defects: texts('#defects .text'),
      first: texts('#first-finding span:not(.code)'),
      error: texts('#error'),
      token: texts('#token-status'),
      compare: texts('#compare-result .problem'),
    };
  });
}

async function language(lang) {
  await page.click(`#lang-${lang}`);
  await settled();
}

/** [label, body, secret key, setup]: each a mistake an integrator makes, as pasted. */
const battery = [
  ['amount as a string', JSON.stringify({ ...paygate.fields, amount: '40000', checksum: paygate.checksum }), paygate.secretKey],
  ['a non-integer amount', JSON.stringify({ ...paygate.fields, amount: 40000.5, checksum: paygate.checksum }), paygate.secretKey],
  ['wrong types', JSON.stringify({ ...paygate.fields, accessKey: 5, orderId: true, checksum: 12 }), paygate.secretKey],
  ['missing and empty fields', JSON.stringify({ partnerCode: '', orderId: 'O', amount: 0, returnUrl: 'ftp://x', ipAddress: '999.1.1.1' }), paygate.secretKey],
  ['no secret key', JSON.stringify({ ...lookup.fields, checksum: lookup.checksum }), ''],
  ['an alias', JSON.stringify({ ...lookup.fields, payTransId: lookup.fields.transactionNo, transactionNo: undefined, checksum: lookup.checksum }), lookup.secretKey],
  ['typographic quotes', '{\n  “orderId”: “SBN_100012”,\n  "amount": 40000,\n  \'orderInfo\': "thanh toán “gói A”",\n  paygate: "momo",\n  "check-sum": "00",\n}', ''],
  ['a result with odd values', JSON.stringify({ ...result.fields, type: ' pay', payDate: '20231301000000', errorCode: ' 00', checksum: 'abc' }), ''],
  ['a body cut short', '{"orderId": "SBN_100012", "amount": 40000', ''],
  ['a raw HTTP request', 'POST /paygate HTTP/1.1\nContent-Type: application/json\n\n{"orderId": "1"}', ''],
  ['an array', '[1, 2]', ''],
  ['a bad escape', '{"orderId": "\\q"}', ''],
  ['comments and duplicates', '// copied\n{"orderId": "1", /* x */ "orderId": "2" "amount": 1e400}', ''],
];

test('the page in Vietnamese shows the core\'s Vietnamese for every problem, repair and error, quoting what the English quotes', async () => {
  await language('vi');
  let checked = 0;
  for (const [label, body, secret] of battery) {
    await page.fill('#secretKey', secret);
    await page.fill('#body', body);
    await settled();
    const vi = await shown();
    await language('en');
    const en = await shown();
    await language('vi');
    for (const [where, sentences] of Object.entries(vi)) {
      for (const sentence of sentences) {
        assert.equal(englishIn(sentence), null, `${label}, ${where}: English in "${sentence}"`);
        checked += 1;
      }
      // Each English sentence has its Vietnamese, quoting the same values.
      assert.equal(sentences.length, en[where].length, `${label}, ${where}: ${JSON.stringify({ en: en[where], vi: sentences })}`);
      en[where].forEach((english, i) => {
        assert.notEqual(sentences[i], english, `${label}, ${where}: not translated`);
        for (const value of english.match(/"(?:[^"\\]|\\.)*"…?|\b\d+(?:\.\d+)?\b/g) ?? []) {
          assert.ok(sentences[i].includes(value), `${label}, ${where}: "${sentences[i]}" does not quote ${value} as "${english}" does`);
        }
      });
    }
  }
  assert.ok(checked >= 40, `only ${checked} sentences checked`);

  // A bad token, and a comparison given bad hex.
  await page.fill('#body', JSON.stringify({ ...lookup.fields, checksum: lookup.checksum }));
  await page.fill('#token', 'eyJBY2Nlc3NLZXkiOjF9');
  await page.check('#theirs-hex');
  await page.fill('#theirs', '0g');
  await settled();
  const vi = await shown();
  assert.equal(vi.token.length, 1, JSON.stringify(vi));
  assert.equal(vi.compare.length, 1, JSON.stringify(vi));
  for (const sentence of [...vi.token, ...vi.compare]) assert.equal(englishIn(sentence), null, `English in "${sentence}"`);
  assert.match(vi.token[0], /trường AccessKey của token không phải chuỗi/);
  assert.match(vi.compare[0], /"g" ở chữ số thứ 1 không phải chữ số hex/);
  await page.fill('#token', '');
  await page.fill('#theirs', '');
  await page.check('#theirs-text');
  await language('en');
  assert.deepEqual(pageProblems, []);
});

test('confirmation problems and the package\'s own payment-result problems are drawn in Vietnamese', async () => {
  // The problems are made by the package in the page; they are read as the page reads them, by
  // its own i18n module (the served page is one bundle, so the module is loaded here in Node).
  const made = await page.evaluate(async (fields) => {
    const lib = await import('/pkg/esm/browser.js');
    await lib.default();
    const { handlePaymentResult, confirmPayment } = lib;
    const paid = { ...fields, errorCode: '24' };
    const problems = [
      ...lib.compareWithLookup(paid, { orderId: fields.orderId, payTransId: fields.payTransId, amount: 40001, errorCode: '00', type: 'Refund' }).problems,
      ...lib.compareWithLookup(fields, { orderId: fields.orderId, payTransId: fields.payTransId, amountText: String(fields.amount), errorCode: '00' }).problems,
      ...handlePaymentResult('x'.repeat(2000), { maxBytes: 1000 }).problems,
      ...handlePaymentResult(new Uint8Array([0xff, 0xfe])).problems,
      ...handlePaymentResult(new Map()).problems,
      ...handlePaymentResult('{"amount": ').problems,
    ];
    const client = { getOrderInfo: async () => { throw Object.assign(new Error('x'), { code: 'GATEWAY_ERROR', gatewayCode: 'NOT_EXITS' }); } };
    problems.push(...(await confirmPayment(fields, client)).problems);
    return JSON.parse(JSON.stringify(problems));
  }, result.fields);
  const here = path.dirname(fileURLToPath(import.meta.url));
  // i18n.js sets the document's language; here there is no document but this stand-in.
  globalThis.document ??= { documentElement: {} };
  const i18n = await import(pathToFileURL(path.join(here, '..', '..', 'www', 'i18n.js')).href);
  i18n.setLanguage('en');
  const en = made.map((p) => i18n.saidText(p));
  i18n.setLanguage('vi');
  const vi = made.map((p) => i18n.saidText(p));
  i18n.setLanguage('en');
  const drawn = { codes: made.map((p) => p.code), params: made.map((p) => p.params), en, vi };
  for (const code of ['NOT_PAID', 'MISMATCH', 'REFUNDED', 'NOT_A_PAYMENT', 'TOO_LARGE', 'INVALID_JSON', 'INVALID_ARGUMENT', 'UNKNOWN_TRANSACTION']) {
    assert.ok(drawn.codes.includes(code), `${code} is drawn: ${drawn.codes}`);
  }
  drawn.vi.forEach((vi, i) => {
    const label = `${drawn.codes[i]}: "${vi}" / "${drawn.en[i]}"`;
    assert.notEqual(vi, drawn.en[i], label);
    assert.equal(englishIn(vi), null, label);
    // Numbers, and the values the English quotes (names and word ids aside).
    for (const value of Object.values(drawn.params[i])) {
      const quoted = typeof value === 'number' ? String(value) : JSON.stringify(value);
      if (drawn.en[i].includes(quoted)) assert.ok(vi.includes(quoted), `${label}: quotes ${quoted}`);
    }
  });
  assert.match(drawn.vi[drawn.codes.indexOf('REFUNDED')], /hoàn tiền/);
  assert.deepEqual(pageProblems, []);
});
