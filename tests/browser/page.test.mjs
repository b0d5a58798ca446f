// The debugger page in real Chromium: for one vector of each scheme, fill the form and read the
// checksum the page computes; the page talks only to its own origin and keeps no secret anywhere.
// Started by tests/browser/run.mjs, which serves the page and passes its URL in LGSP_PAGE_URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const { simpleValidCase } = require('../node/support/vectors.cjs');

const here = path.dirname(fileURLToPath(import.meta.url));
const screenshots = path.resolve(here, '..', '..', 'test-output', 'browser');
const pageUrl = process.env.LGSP_PAGE_URL;
const SCHEMES = ['paygate', 'result', 'refund', 'lookup'];
const cases = SCHEMES.map(simpleValidCase);
const secrets = [...new Set(cases.map((c) => c.secretKey).filter(Boolean))];

let browser;
let context;
let page;
const requests = [];
const pageErrors = [];

before(async () => {
  assert.ok(pageUrl, 'LGSP_PAGE_URL is set: run this file through tests/browser/run.mjs');
  fs.mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  context = await browser.newContext();
  context.on('request', (request) => requests.push(request.url()));
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('#scheme option').length >= 4, null, { timeout: 15_000 });
});

after(async () => {
  await browser?.close();
});

/** Text of an output element, or the value of a form control. */
function readText(selector) {
  return page.$eval(selector, (el) => ('value' in el && el.tagName !== 'OUTPUT' ? el.value : el.textContent).trim());
}

for (const c of cases) {
  test(`${c.scheme}: the page computes case ${c.id}`, async () => {
    await page.selectOption('#scheme', c.scheme);
    for (const [name, value] of Object.entries(c.fields)) {
      await page.fill(`#field-${name}`, String(value));
    }
    if (c.secretKey !== null) await page.fill('#secretKey', c.secretKey);
    const expected = c.checksum.toLowerCase();
    await page
      .waitForFunction((want) => {
        const el = document.querySelector('#checksum');
        return el !== null && (el.textContent.trim() === want || el.value === want);
      }, expected, { timeout: 10_000 })
      .catch(() => {});
    await page.screenshot({ path: path.join(screenshots, `${c.scheme}.png`), fullPage: true });
    assert.equal(await readText('#checksum'), expected, `case ${c.id}: #checksum`);
    assert.equal(await readText('#checksum-upper'), expected.toUpperCase(), `case ${c.id}: #checksum-upper`);
    const errorShown = (await page.isVisible('#error')) ? await readText('#error') : '';
    assert.equal(errorShown, '', `case ${c.id}: no error is shown`);
  });
}

test('the page makes requests only to its own origin', () => {
  const origin = new URL(pageUrl).origin;
  assert.ok(requests.length > 0, 'requests were recorded');
  const foreign = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], `requests outside ${origin}`);
  assert.ok(requests.some((u) => /\.wasm(\?|$)/.test(u)), 'the wasm module was loaded from the page origin');
});

test('the secret key is not in the URL, storage or cookies', async () => {
  assert.ok(secrets.length > 0, 'the vectors used carry a secret');
  const stored = await page.evaluate(() => {
    const dump = (storage) => Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i))}`);
    return { url: location.href, local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie };
  });
  const cookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`);
  for (const secret of secrets) {
    for (const form of [secret, encodeURIComponent(secret)]) {
      assert.ok(!stored.url.includes(form), 'not in the page URL');
      assert.ok(!requests.some((u) => u.includes(form)), 'not in any request URL');
      assert.ok(!stored.local.join('\n').includes(form), 'not in localStorage');
      assert.ok(!stored.session.join('\n').includes(form), 'not in sessionStorage');
      assert.ok(!stored.cookie.includes(form) && !cookies.join('\n').includes(form), 'not in cookies');
    }
  }
});

test('the page raised no uncaught error', () => {
  assert.deepEqual(pageErrors, []);
});
