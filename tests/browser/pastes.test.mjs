// What integrators paste, pasted into the debugger's body box in real Chromium (a Ctrl+V from the
// clipboard): every case of tests/vectors/pastes.json (raw HTTP, curl as Chrome and Postman write
// it in bash and cmd quoting, log lines, a Java dump, each with and without an Authorization
// header). The computed checksum is the one Python computed; the token moves to the token box,
// which fills the secret key; the notes name each way of reading; the share link holds neither
// the token nor the secret key. Then: a URL-encoded field is named with the call to drop, and a
// pre-image one byte too long names the field the byte follows.
// Started by tests/browser/run.mjs, which serves the page and passes its URL in LGSP_PAGE_URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, openDebugger } from './support/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const screenshots = path.join(repo, 'test-output', 'browser');
const readVectors = (name) => JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', name), 'utf8'));
const pastes = readVectors('pastes.json');
const diagnoses = readVectors('diagnoses.json').cases;
const checksums = readVectors('checksums.json');
const pageUrl = process.env.LGSP_PAGE_URL;

/** Notes about the header itself: gone from the body box once the header has moved. */
const ABOUT_THE_HEADER = new Set(['AUTHORIZATION', 'HEADER_LINES']);

let browser;
let page;
const problems = [];

before(async () => {
  assert.ok(pageUrl, 'LGSP_PAGE_URL is set: run this file through tests/browser/run.mjs');
  fs.mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
  ({ page } = await openDebugger(browser, pageUrl, { viewport: { width: 1280, height: 900 }, problems }));
});

after(async () => {
  await browser?.close();
});

const text = (selector) => page.$eval(selector, (el) => el.textContent);

async function settled() {
  await page.waitForFunction(() => document.getElementById('app')?.dataset.pending === 'false', null, { timeout: 30_000 });
}

async function reset(secretKey) {
  if (!(await page.isChecked('#mode-verify'))) await page.check('#mode-verify');
  if (!(await page.isChecked('#input-body'))) await page.check('#input-body');
  await page.fill('#token', '');
  await page.fill('#theirs', '');
  await page.selectOption('#scheme', 'auto');
  await page.fill('#secretKey', secretKey ?? '');
  await page.fill('#body', '');
  await settled();
}

/** Pastes `text` into the body box as a user does: from the clipboard, with Ctrl+V. */
async function pasteIntoBody(body) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), body);
  await page.focus('#body');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await settled();
}

for (const c of pastes.cases) {
  test(`${c.id}: read, checked, ${c.authorization ? 'its token moved to the token box' : 'with the secret key given'}`, async () => {
    await reset(c.authorization ? null : c.secretKey);
    await pasteIntoBody(c.text);
    if (c.authorization) {
      await page.waitForFunction((t) => document.getElementById('token').value === t, c.authorization, { timeout: 5_000 });
      await settled();
      assert.equal(await page.inputValue('#secretKey'), c.secretKey, `${c.id}: the token filled the secret key`);
      assert.equal(await page.getAttribute('#token-status', 'data-state'), 'ok', c.id);
      assert.ok(!(await page.inputValue('#body')).includes(c.authorization), `${c.id}: the header left the body box`);
      assert.equal(await page.isVisible('#body-status'), true, `${c.id}: the move is said`);
      assert.match(await text('#body-status'), /token box/, c.id);
    } else {
      // A text box holds a line break as \n, whatever was pasted.
      assert.equal(await page.inputValue('#body'), c.text.replace(/\r\n/g, '\n'), `${c.id}: the paste stays as it is`);
    }
    await page.waitForFunction((w) => document.getElementById('checksum').textContent === w, pastes.checksum, { timeout: 5_000 }).catch(() => {});
    assert.equal(await text('#checksum'), pastes.checksum, `${c.id}: the checksum Python computed`);
    assert.equal(await page.getAttribute('#match', 'data-match'), 'match', `${c.id}: ✓`);
    const notes = await page.$$eval('#defects .defect', (items) => items.map((i) => ({ code: i.dataset.code, text: i.textContent })));
    for (const code of c.defects.filter((d) => !(c.authorization && ABOUT_THE_HEADER.has(d)))) {
      const note = notes.find((n) => n.code === code);
      assert.ok(note && note.text.length > code.length, `${c.id}: ${code} not among the notes ${notes.map((n) => n.code)}`);
    }
    await page.click('#share');
    const link = await page.inputValue('#share-link');
    assert.ok(link.includes('#'), `${c.id}: a share link`);
    for (const secret of [c.authorization, c.secretKey].filter(Boolean)) {
      assert.ok(!link.includes(secret) && !link.includes(encodeURIComponent(secret)), `${c.id}: a secret in the share link`);
      assert.ok(!(await page.evaluate(() => location.href)).includes(encodeURIComponent(secret)), `${c.id}: a secret in the address bar`);
    }
    if (c.id === 'curl-chrome-cmd-authorization') await page.screenshot({ path: path.join(screenshots, 'paste-curl.png'), fullPage: true });
  });
}

test('every way of reading has its Vietnamese note, quoting what the English one quotes', async () => {
  // Every phrase has both languages by construction (src/phrases.rs, tests/messages.rs); here the
  // page shows the Vietnamese one for each note of a real paste.
  const c = pastes.cases.find((x) => x.id === 'curl-chrome-cmd');
  await reset(c.secretKey);
  await pasteIntoBody(c.text);
  const notes = () => page.$$eval('#defects .defect', (items) => items.map((i) => ({ code: i.dataset.code, text: i.querySelector('.text').textContent })));
  const english = await notes();
  await page.click('#lang-vi');
  await settled();
  const vietnamese = await notes();
  await page.click('#lang-en');
  await settled();
  assert.deepEqual(vietnamese.map((n) => n.code), english.map((n) => n.code));
  for (const [i, { code, text: en }] of english.entries()) {
    assert.notEqual(vietnamese[i].text, en, `${code}: read in Vietnamese`);
    for (const value of en.match(/"[^"]*"…?/g) ?? []) assert.ok(vietnamese[i].text.includes(value), `${code}: "${vietnamese[i].text}" quotes ${value}`);
  }
});

test('a typed Authorization line stays until its token reads as one; the share link never holds it', async () => {
  const c = pastes.cases.find((x) => x.id === 'json-authorization-above');
  const typed = c.text.replace(c.authorization, 'abc');
  await reset(c.secretKey);
  await page.fill('#body', typed);
  await settled();
  assert.equal(await page.inputValue('#token'), '', 'not a token: not moved');
  assert.equal(await page.inputValue('#body'), typed);
  await page.click('#share');
  assert.doesNotMatch(new URLSearchParams(new URL(await page.inputValue('#share-link')).hash.slice(1)).get('body'), /Authorization/i);
});

test('a field URL-encoded before hashing: the finding names the field and the call to drop', async () => {
  const c = diagnoses.find((d) => d.id === 'url-urlencoder-encode-orderinfo');
  await reset(c.secretKey);
  await pasteIntoBody(JSON.stringify(c.message, null, 2));
  await page.waitForFunction(() => document.querySelector('#diagnosis .finding')?.dataset.code === 'URL_ENCODED', null, { timeout: 10_000 });
  const finding = await text('#diagnosis .finding');
  assert.ok(finding.includes('orderInfo') && finding.includes('URLEncoder.encode(s, "UTF-8")'), finding);
  assert.ok(!finding.includes('rawurlencode') && !finding.includes('encodeURIComponent'), finding);
  await page.click('#lang-vi');
  await page.waitForFunction(() => /mã hóa URL/.test(document.querySelector('#diagnosis .finding')?.textContent ?? ''), null, { timeout: 5_000 });
  assert.match(await text('#diagnosis .finding'), /URLEncoder\.encode\(s, "UTF-8"\)/);
  await page.click('#lang-en');
});

test('a pre-image one byte too long names the field the byte follows', async () => {
  const c = checksums.cases.find((x) => x.id === 'refund-ascii');
  const last = checksums.schemes.refund.fields.at(-1);
  await reset(c.secretKey);
  await pasteIntoBody(JSON.stringify({ ...c.fields, checksum: c.checksum }));
  await page.fill('#theirs', `${c.preimage} `);
  await settled();
  const shown = await page.$eval('#compare-result .differs', (el) => ({ ...el.dataset, text: el.textContent }));
  assert.equal(Number(shown.offset), Buffer.byteLength(c.preimage, 'utf8'));
  assert.equal(shown.field, last);
  assert.ok(shown.text.includes(`after ${last}`), shown.text);
  assert.match(await text('#compare-result'), new RegExp(`after ${last}: 1 bytes too many`));
  await page.fill('#theirs', '');
});

test('no uncaught error or CSP violation while pasting', () => {
  assert.deepEqual(problems, []);
});
