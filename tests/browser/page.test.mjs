// The debugger page in real Chromium, against the page `make serve` serves. For one vector of
// each scheme: paste its body and secret, read the pre-image, bytes and digest back from the DOM
// and compare them with the vector. Then: a planted mistake is named by the diagnosis, the
// guide's examples load with their defects, a token fills the credentials, build mode gives the
// vector's body, the language switches, the secret key stays out of the DOM (unless revealed),
// the URL, the share link and storage, and every request goes to the page's own origin: the
// built page loads in as many requests as scripts/page-size.mjs counts (one script for the page,
// one per Worker).
// Started by tests/browser/run.mjs, which serves the page and passes its URL in LGSP_PAGE_URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './support/chromium.mjs';
import { WORKERS, pageFiles } from '../../scripts/page-size.mjs';

const require = createRequire(import.meta.url);
const { simpleValidCase, authorizationCases } = require('../node/support/vectors.cjs');

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const screenshots = path.join(repo, 'test-output', 'browser');
const readVectors = (name) => JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', name), 'utf8'));
const guideExamples = readVectors('guide-examples.json').cases;
const diagnoses = readVectors('diagnoses.json').cases;

const pageUrl = process.env.LGSP_PAGE_URL;
const SCHEMES = ['paygate', 'result', 'refund', 'lookup'];
const cases = SCHEMES.map(simpleValidCase);
const guideToken = authorizationCases.find((c) => c.id === 'guide-token-pretty');
const secrets = [...new Set([...cases.map((c) => c.secretKey), ...diagnoses.map((c) => c.secretKey), guideToken.credentials.secretKey].filter(Boolean))];

let browser;
let context;
let schemeTable;
let page;
const requests = [];
/** What the page requested to load, up to its Workers' scripts. */
let firstLoad;
const problems = [];

before(async () => {
  assert.ok(pageUrl, 'LGSP_PAGE_URL is set: run this file through tests/browser/run.mjs');
  fs.mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  context.on('request', (request) => requests.push(request.url()));
  page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error}`));
  // A CSP violation or a failed load shows up as a console error.
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('app')?.dataset.state === 'ready', null, { timeout: 15_000 });
  for (let waited = 0; requests.filter((u) => u.endsWith('/worker.js')).length < WORKERS && waited < 15_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  firstLoad = [...requests];
  // The scheme table as the package gives it (the page's own copy of the core is inside its bundle).
  schemeTable = (await import(pathToFileURL(path.join(repo, 'pkg', 'esm', 'index.js')).href)).schemes();
});

after(async () => {
  await browser?.close();
});

const text = (selector) => page.$eval(selector, (el) => el.textContent);

/** Waits until the page has drawn its answer to the latest input (the core runs in a Worker). */
async function settled(p = page) {
  await p.waitForFunction(() => document.getElementById('app')?.dataset.pending === 'false', null, { timeout: 15_000 });
}

/** Pastes a body in the debugger (scheme detected) with this secret key (or none). */
async function paste(body, secretKey) {
  if (!(await page.isChecked('#mode-verify'))) await page.check('#mode-verify');
  if (!(await page.isChecked('#input-body'))) await page.check('#input-body');
  if (await page.isChecked('#reveal')) await page.uncheck('#reveal');
  await page.fill('#token', '');
  await page.selectOption('#scheme', 'auto');
  await page.fill('#secretKey', secretKey ?? '');
  await page.fill('#body', body);
  await settled();
}

async function waitForDigest(want) {
  await page
    .waitForFunction((w) => document.getElementById('checksum').textContent === w, want, { timeout: 5_000 })
    .catch(() => {});
}

for (const c of cases) {
  test(`${c.scheme}: pasted body of ${c.id} gives the vector's pre-image, bytes and digest`, async () => {
    await paste(JSON.stringify({ ...c.fields, checksum: c.checksum }, null, 2), c.secretKey);
    await waitForDigest(c.checksum.toLowerCase());
    assert.equal(await text('#checksum'), c.checksum.toLowerCase(), `${c.id}: #checksum`);
    assert.equal(await text('#checksum-upper'), c.checksum.toUpperCase(), `${c.id}: #checksum-upper`);
    assert.equal(await page.getAttribute('#match', 'data-match'), 'match', `${c.id}: ✓ shown`);
    assert.match(await text('#match'), /✓/);

    // One labelled span per part, in the scheme's order: the scheme was detected from the keys.
    const info = schemeTable.find((s) => s.id === c.scheme);
    const labels = await page.$$eval('#preimage .seg', (segs) => segs.map((s) => s.dataset.name));
    assert.deepEqual(labels, [info.prefix.kind === 'secretKey' ? 'secretKey' : 'prefix', ...info.fields], `${c.id}: spans`);
    for (const name of info.fields) {
      const shown = await page.$eval(`#preimage .seg[data-name="${name}"] .seg-value`, (el) => el.textContent);
      assert.equal(shown, String(c.fields[name]).replaceAll(' ', '·'), `${c.id}: span of ${name}`);
    }
    await page.screenshot({ path: path.join(screenshots, `${c.scheme}.png`), fullPage: true });

    await page.check('#reveal');
    await settled();
    await page.waitForFunction((w) => document.getElementById('preimage-text').textContent === w, c.preimage, { timeout: 5_000 }).catch(() => {});
    assert.equal(await text('#preimage-text'), c.preimage, `${c.id}: pre-image text`);
    assert.equal(await text('#preimage-hex'), c.preimageHex, `${c.id}: pre-image hex`);
    const byteView = await page.$$eval('#bytes .byte-hex', (runs) => runs.map((b) => b.textContent.replace(/\s+/g, '')).join(''));
    assert.equal(byteView, c.preimageHex, `${c.id}: byte view, grouped per field`);
    await page.uncheck('#reveal');
  });
}

test('a planted mistake is named by the diagnosis', async () => {
  const c = cases[0];
  const planted = { ...c.fields, orderInfo: `${c.fields.orderInfo} `, checksum: c.checksum };
  await paste(JSON.stringify(planted, null, 2), c.secretKey);
  await page.waitForSelector('#diagnosis .finding', { timeout: 5_000 });
  assert.equal(await page.getAttribute('#match', 'data-match'), 'mismatch');
  assert.deepEqual(await page.$$eval('#diagnosis .finding', (f) => f.map((x) => x.dataset.code)), ['TRIMMED']);
  assert.match(await text('#diagnosis-summary'), /orderInfo/);
  assert.match(await text('#diagnosis-summary'), /white space/i);

  const nfd = diagnoses.find((d) => d.id === 'nfd-hashed');
  await paste(JSON.stringify(nfd.message), nfd.secretKey);
  await page.waitForFunction(() => document.querySelector('#diagnosis .finding')?.dataset.code === 'NFD', null, { timeout: 5_000 });
  assert.match(await text('#diagnosis-summary'), /orderInfo.*NFD/);
  await page.screenshot({ path: path.join(screenshots, 'diagnosis.png'), fullPage: true });
});

test("the guide's example bodies load as printed, with their defects named", async () => {
  for (const example of guideExamples) {
    await page.click(`[data-example="${example.id}"]`);
    await settled();
    assert.equal(await page.inputValue('#body'), example.text, `${example.id}: body as printed`);
    const defects = await page.$$eval('#defects .defect', (items) => items.map((i) => i.dataset.code));
    assert.deepEqual(defects.sort(), [...example.defects].sort(), `${example.id}: defects`);
    assert.match(await text('#scheme-info'), new RegExp(`\\(${example.scheme}\\)`), `${example.id}: scheme detected`);
  }
  await page.click('[data-example="guide-result"]');
  await page.screenshot({ path: path.join(screenshots, 'guide-result.png'), fullPage: true });
});

test('a pasted Authorization token fills the secret key and, in the form, partnerCode and accessKey', async () => {
  await paste('', null);
  await page.check('#input-form');
  await page.selectOption('#scheme', 'lookup');
  await page.fill('#token', guideToken.token);
  assert.equal(await page.inputValue('#secretKey'), guideToken.credentials.secretKey);
  assert.equal(await page.inputValue('#field-partnerCode'), guideToken.credentials.partnerCode);
  assert.equal(await page.inputValue('#field-accessKey'), guideToken.credentials.accessKey);
  assert.equal(await page.getAttribute('#token-status', 'data-state'), 'ok');
  await page.fill('#token', 'not a token');
  assert.equal(await page.getAttribute('#token-status', 'data-state'), 'error');
  await page.fill('#token', '');
  await page.check('#input-body');
});

test("build mode gives the vector's body, a curl and a Node snippet without the secret", async () => {
  const c = cases[0];
  await page.check('#mode-build');
  await page.selectOption('#build-scheme', 'paygate');
  for (const [name, value] of Object.entries(c.fields)) await page.fill(`#build-${name}`, String(value));
  await page.fill('#secretKey', c.secretKey);
  const body = JSON.parse(await text('#build-json'));
  assert.equal(body.checksum, c.checksum, `${c.id}: built checksum`);
  const curl = await text('#build-curl');
  const node = await text('#build-node');
  assert.match(curl, /^curl -X POST 'https:\/\/hcmesb-test\.tphcm\.gov\.vn\/payment\/paygate'/);
  assert.ok(curl.includes(await text('#build-json')), 'curl sends the exact body');
  assert.match(node, /buildPaygateRequest/);
  for (const snippet of [curl, node]) assert.ok(!snippet.includes(c.secretKey), 'no secret key in the snippets');
  await page.screenshot({ path: path.join(screenshots, 'build.png'), fullPage: true });
  await page.click('#build-debug');
  await waitForDigest(c.checksum);
  assert.equal(await page.getAttribute('#match', 'data-match'), 'match', 'the built body checks out in the debugger');
});

test('the language switches to Vietnamese, field descriptions from the scheme table', async () => {
  const diag = diagnoses.find((d) => d.id === 'trimmed-value');
  await paste(JSON.stringify(diag.message), diag.secretKey);
  await page.click('#lang-vi');
  await settled();
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await text('h1'), 'Gỡ lỗi checksum LGSP');
  // The pressed language button, still under the pointer, keeps its label readable.
  const [color, background] = await page.$eval('#lang-vi', (el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
  assert.notEqual(color, background, 'the pressed, hovered button shows its label');
  assert.match(await text('#diagnosis-summary'), /Bên gửi đã băm (trường )?accountCode/);
  await page.check('#input-form');
  const orderInfo = schemeTable.find((s) => s.id === 'paygate').messageFields.find((f) => f.name === 'orderInfo');
  assert.equal(await text('#field-orderInfo-hint'), orderInfo.description.vi);
  await page.screenshot({ path: path.join(screenshots, 'vietnamese.png'), fullPage: true });
  await page.click('#lang-en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await text('#field-orderInfo-hint'), orderInfo.description.en);
  await page.check('#input-body');
});

test('the secret key is not in the DOM unrevealed, the URL, the share link, storage or cookies', async () => {
  const c = cases[0];
  await paste(JSON.stringify({ ...c.fields, checksum: c.checksum }), c.secretKey);
  await page.fill('#token', guideToken.token);
  await page.fill('#secretKey', c.secretKey);
  await settled();
  await page.click('#share');
  const shareLink = await page.inputValue('#share-link');
  assert.match(shareLink, /#/);
  const seen = await page.evaluate(() => {
    const dump = (storage) => Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i))}`);
    const values = [...document.querySelectorAll('input, textarea, select, output')]
      .filter((el) => el.type !== 'password')
      .map((el) => el.value);
    return { html: document.documentElement.outerHTML, values, url: location.href, local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie };
  });
  const cookies = (await context.cookies()).map((x) => `${x.name}=${x.value}`).join('\n');
  for (const secret of [...secrets, guideToken.token]) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      assert.ok(!seen.html.includes(form), 'not in the DOM');
      assert.ok(!seen.values.some((v) => v.includes(form)), 'not in a visible control');
      assert.ok(!seen.url.includes(form) && !shareLink.includes(form), 'not in the URL or the share link');
      assert.ok(!requests.some((u) => u.includes(form)), 'not in any request URL');
      assert.ok(![...seen.local, ...seen.session].join('\n').includes(form), 'not in storage');
      assert.ok(!seen.cookie.includes(form) && !cookies.includes(form), 'not in cookies');
    }
  }
  // The check can see a secret: revealed, it is in the DOM.
  await page.check('#reveal');
  await settled();
  assert.ok((await page.content()).includes(c.secretKey), 'revealed, the secret key is shown');
  await page.uncheck('#reveal');

  // The share link restores the rest in a fresh page, with no secret key.
  const shared = await context.newPage();
  await shared.goto(shareLink);
  await shared.waitForFunction(() => document.getElementById('app')?.dataset.state === 'ready');
  await settled(shared);
  assert.equal(await shared.inputValue('#body'), JSON.stringify({ ...c.fields, checksum: c.checksum }));
  assert.equal(await shared.inputValue('#secretKey'), '');
  assert.equal(await shared.getAttribute('#match', 'data-match'), 'incomplete');
  await shared.close();
});

test('the page loads only its own files, one script for the page and one per Worker, and works offline once loaded', async () => {
  const origin = new URL(pageUrl).origin;
  const foreign = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], `requests outside ${origin}`);
  // Every request of the first load, as many times as it was made: what scripts/page-size.mjs counts.
  const count = (paths) => Object.fromEntries([...new Set(paths)].sort().map((p) => [p, paths.filter((q) => q === p).length]));
  const loaded = firstLoad.map((u) => new URL(u).pathname.replace(/\/$/, '/index.html'));
  const expected = (await pageFiles()).flatMap((f) => Array(f.requests).fill(f.urlPath));
  assert.deepEqual(count(loaded), count(expected), 'what scripts/page-size.mjs counts is what the page loads');
  assert.deepEqual(loaded.filter((p) => p.endsWith('.js')).sort(), ['/app.js', ...Array(WORKERS).fill('/worker.js')]);
  assert.equal(loaded.length, 5 + WORKERS, 'the page, its stylesheet, its script, two .wasm files and a script per Worker');
  // The meta element holds the server's policy wherever the files are served (frame-ancestors
  // aside: a meta element cannot set it).
  const directives = (policy) => policy.split(';').map((d) => d.trim()).filter(Boolean).sort();
  const header = directives((await page.request.get(pageUrl)).headers()['content-security-policy']);
  const meta = directives(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'));
  assert.deepEqual(meta, header.filter((d) => !d.startsWith('frame-ancestors')));
  assert.ok(meta.includes("default-src 'self'") && meta.includes("connect-src 'self'"));

  await context.setOffline(true);
  const c = cases[1];
  await paste(JSON.stringify({ ...c.fields, checksum: c.checksum }), c.secretKey);
  await waitForDigest(c.checksum);
  assert.equal(await page.getAttribute('#match', 'data-match'), 'match', 'recomputed offline');
  await context.setOffline(false);
});

test('a phone-width screenshot, and no uncaught error or CSP violation', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  const c = cases[0];
  await paste(JSON.stringify({ ...c.fields, checksum: c.checksum }, null, 2), c.secretKey);
  await waitForDigest(c.checksum);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'nothing wider than the phone');
  await page.screenshot({ path: path.join(screenshots, 'phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
});
