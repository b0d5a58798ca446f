// The debugger page where integrators look, in real Chromium: the verdict and first finding in
// view at 1366×768 and 390×844, a body pasted in the token box moved, the comparison with the
// integrator's own pre-image, findings with code points, share links without secrets, a token in
// the secret box recognised, big bodies (a 200 KB value, a 1 MB body) with collapsed views, the
// invalid-JSON place selected, keyboard and screen-reader behaviour, copy buttons, and Vietnamese
// wording. Known answers come from the vectors and node:crypto, never from the page's core.
// Started by tests/browser/run.mjs, which serves the page and passes its URL in LGSP_PAGE_URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium, openDebugger } from './support/chromium.mjs';

const require = createRequire(import.meta.url);
const { simpleValidCase, authorizationCases } = require('../node/support/vectors.cjs');

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const screenshots = path.join(repo, 'test-output', 'browser');
const diagnoses = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'diagnoses.json'), 'utf8')).cases;
const pageUrl = process.env.LGSP_PAGE_URL;
const guideToken = authorizationCases.find((c) => c.id === 'guide-token-pretty');
const paygate = simpleValidCase('paygate');
const result = simpleValidCase('result');

let browser;
let context;
let page;
let schemeTable;
let hasCompare;
const problems = [];

before(async () => {
  assert.ok(pageUrl, 'LGSP_PAGE_URL is set: run this file through tests/browser/run.mjs');
  fs.mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
  ({ context, page } = await openDebugger(browser, pageUrl, { viewport: { width: 1366, height: 768 }, problems }));
  // The package's browser build, beside the page (the page's own copy of the core is inside its bundle).
  ({ schemeTable, hasCompare } = await page.evaluate(async () => {
    const lib = await import('/pkg/esm/browser.js');
    await lib.default();
    return { schemeTable: lib.schemes(), hasCompare: typeof lib.comparePreimage === 'function' };
  }));
});

after(async () => {
  await browser?.close();
});

const text = (selector) => page.$eval(selector, (el) => el.textContent);

/**
 * The page's text tables and renderer (www/i18n.js), read here in Node: the served page holds
 * them inside its bundle. setLanguage() marks the document's language, so a stand-in is given.
 */
async function pageTexts() {
  globalThis.document ??= { documentElement: {} };
  return import(pathToFileURL(path.join(repo, 'www', 'i18n.js')).href);
}

async function settled() {
  await page.waitForFunction(() => document.getElementById('app')?.dataset.pending === 'false', null, { timeout: 30_000 });
}

async function reset() {
  if (!(await page.isChecked('#mode-verify'))) await page.check('#mode-verify');
  if (!(await page.isChecked('#input-body'))) await page.check('#input-body');
  if (await page.isChecked('#reveal')) await page.uncheck('#reveal');
  await page.fill('#token', '');
  await page.fill('#theirs', '');
  await page.selectOption('#scheme', 'auto');
}

async function paste(body, secretKey) {
  await reset();
  await page.fill('#secretKey', secretKey ?? '');
  await page.fill('#body', body);
  await settled();
}

/** The pre-image as the scheme table defines it (prefix, then the values in order), hashed by node:crypto. */
function expectedDigest(scheme, fields, secretKey) {
  const info = schemeTable.find((s) => s.id === scheme);
  const prefix = info.prefix.kind === 'secretKey' ? secretKey : info.prefix.value;
  const preimage = prefix + info.fields.map((name) => String(fields[name])).join('');
  return { preimage, digest: crypto.createHash('sha256').update(preimage, 'utf8').digest('hex') };
}

/** Whether an element's box lies inside the viewport. */
async function inViewport(selector) {
  return page.$eval(selector, (el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth;
  });
}

test('the scheme table builds the vectors\' pre-images (the known answers below rely on it)', () => {
  for (const c of [paygate, result]) {
    const { preimage, digest } = expectedDigest(c.scheme, c.fields, c.secretKey);
    assert.equal(preimage, c.preimage, c.id);
    assert.equal(digest, c.checksum.toLowerCase(), c.id);
  }
});

for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
  test(`at ${viewport.width}×${viewport.height} the verdict and the first finding are in view after a paste and an example click`, async () => {
    await page.setViewportSize(viewport);
    const trimmed = diagnoses.find((d) => d.id === 'trimmed-value');
    await reset();
    await page.fill('#secretKey', trimmed.secretKey);
    // Where the integrator works: the body box scrolled into view, then the paste.
    await page.$eval('#body', (el) => el.scrollIntoView({ block: 'center' }));
    await page.fill('#body', JSON.stringify(trimmed.message, null, 2));
    await settled();
    assert.equal(await page.getAttribute('#match', 'data-match'), 'mismatch');
    assert.ok(await inViewport('#match'), 'the verdict is in view after the paste');
    assert.ok(await inViewport('#first-finding'), 'the first finding is in view after the paste');
    assert.match(await text('#first-finding'), /TRIMMED/);
    await page.screenshot({ path: path.join(screenshots, `verdict-in-view-${viewport.width}.png`) });

    await page.$eval('[data-example="demo-nfd"]', (el) => el.scrollIntoView({ block: 'center' }));
    await page.click('[data-example="demo-nfd"]');
    await settled();
    assert.equal(await page.getAttribute('#match', 'data-match'), 'mismatch');
    assert.ok(await inViewport('#match'), 'the verdict is in view after the example click');
    assert.ok(await inViewport('#first-finding'), 'the first finding is in view after the example click');
    assert.match(await text('#first-finding'), /NFC/);
  });
}

test('the body box is the first input, and a body pasted in the token box is moved there', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const order = await page.evaluate(() => {
    const fields = [...document.querySelectorAll('#checksum-form input:not([type=radio]):not([type=checkbox]), #checksum-form textarea')].filter((el) => el.offsetParent !== null);
    return fields.map((el) => el.id);
  });
  assert.equal(order[0], 'body', `first text input: ${order.join(', ')}`);
  await reset();
  await page.fill('#body', '');
  const body = JSON.stringify({ ...paygate.fields, checksum: paygate.checksum }, null, 2);
  await page.fill('#secretKey', paygate.secretKey);
  await page.fill('#token', body);
  await settled();
  assert.equal(await page.inputValue('#token'), '', 'the token box is emptied');
  // A one-line input turns the line breaks into spaces; the body is the same JSON.
  assert.deepEqual(JSON.parse(await page.inputValue('#body')), JSON.parse(body), 'the body box holds the body');
  assert.equal(await page.isVisible('#body-status'), true);
  assert.match(await text('#body-status'), /body/i);
  assert.equal(await page.getAttribute('#match', 'data-match'), 'match');
});

test('the compare box marks the first byte that differs from the pre-image', async () => {
  await paste(JSON.stringify({ ...paygate.fields, checksum: paygate.checksum }), paygate.secretKey);
  if (!hasCompare) {
    await page.fill('#theirs', paygate.preimage);
    await settled();
    assert.match(await text('#compare-result'), /comparePreimage/, 'without comparePreimage the box says so');
    return;
  }
  // What the integrator's code hashed: the pre-image with orderInfo's first character changed.
  const at = paygate.preimage.indexOf(String(paygate.fields.orderInfo));
  const theirs = `${paygate.preimage.slice(0, at)}#${paygate.preimage.slice(at + 1)}`;
  const offset = Buffer.byteLength(paygate.preimage.slice(0, at));
  await page.fill('#theirs', theirs);
  await settled();
  const shown = await page.$eval('#compare-result .differs', (el) => ({ ...el.dataset }));
  assert.equal(shown.equal, 'false');
  assert.equal(Number(shown.offset), offset);
  assert.equal(shown.field, 'orderInfo');
  assert.equal(await text('#compare-result .compare-expected mark'), paygate.preimageHex.slice(offset * 2, offset * 2 + 2));
  assert.equal(await text('#compare-result .compare-actual mark'), '23', "the '#' pasted");
  assert.ok(!(await page.content()).includes(paygate.secretKey), 'the secret key stays masked');
  await page.screenshot({ path: path.join(screenshots, 'compare.png'), fullPage: true });

  // A different secret key: the difference is in it, said in words, its bytes masked.
  await page.fill('#theirs', `X${paygate.preimage.slice(1)}`);
  await settled();
  const inSecret = await page.$eval('#compare-result .differs', (el) => ({ ...el.dataset }));
  assert.deepEqual([inSecret.offset, inSecret.field], ['0', 'secretKey']);
  assert.equal(await text('#compare-result .compare-expected mark'), '**');
  assert.match(await text('#compare-result .differs'), /secret key/);
  assert.ok(!(await page.content()).includes(paygate.secretKey.slice(1)), 'the secret key stays masked');

  // The same bytes in hex, and the very pre-image: equal.
  await page.check('#theirs-hex');
  await page.fill('#theirs', Buffer.from(paygate.preimage, 'utf8').toString('hex'));
  await settled();
  assert.equal(await page.getAttribute('#compare-result [data-equal]', 'data-equal'), 'true');
  await page.check('#theirs-text');
  await page.fill('#theirs', '');
});

test('findings show the differing code points; a payment result gets no advice about a secret key', async () => {
  await reset();
  await page.click('[data-example="demo-nfd"]');
  await settled();
  const nfd = 'á'.normalize('NFD');
  const cps = (s) => [...s].map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
  const line = await text('#diagnosis .finding[data-code="NFC"] .codepoints');
  assert.ok(line.includes(cps(nfd)), `${line} names ${cps(nfd)}`);
  assert.ok(line.includes(cps('á'.normalize('NFC'))), `${line} names ${cps('á'.normalize('NFC'))}`);

  // The fix in the integrator's language, as the core writes it, and the language can be chosen.
  const fixes = await page.evaluate(async (body) => {
    const lib = await import('/pkg/esm/browser.js');
    await lib.default();
    const d = lib.diagnose('result', lib.parseLoose(body).message, null);
    return d.findings.find((f) => f.code === 'NFC')?.fixes ?? [];
  }, await page.inputValue('#body'));
  const snippets = fixes.flatMap((fix) => fix.snippets ?? []);
  assert.ok(snippets.length > 0, 'the core gives fixes for NFC');
  const shownFix = () => page.$eval('#diagnosis .finding[data-code="NFC"] .fix pre', (el) => el.textContent);
  assert.equal(await shownFix(), (snippets.find((s) => s.language === 'javascript') ?? snippets[0]).code);
  const java = snippets.find((s) => s.language === 'java');
  if (java && (await page.$('#fix-language'))) {
    await page.selectOption('#fix-language', 'java');
    assert.equal(await shownFix(), java.code, 'the Java line once Java is chosen');
    await page.selectOption('#fix-language', 'javascript');
  }
  await page.screenshot({ path: path.join(screenshots, 'findings.png'), fullPage: true });

  // A result whose checksum no likely mistake explains.
  const random = crypto.createHash('sha256').update('not the checksum').digest('hex');
  await paste(JSON.stringify({ ...result.fields, checksum: random }), null);
  await page.waitForSelector('#diagnosis:not([hidden])');
  assert.equal(await page.getAttribute('#match', 'data-match'), 'mismatch');
  for (const selector of ['#diagnosis', '#first-finding']) assert.doesNotMatch(await text(selector), /secret/i, selector);
  // The same for a paygate body: there the secret key is worth checking.
  await paste(JSON.stringify({ ...paygate.fields, checksum: random }), paygate.secretKey);
  await page.waitForSelector('#diagnosis:not([hidden])');
  assert.match(await text('#diagnosis-summary'), /secret key/i);
});

test('share links leave out secret-looking members, Authorization lines and tokens, and say so', async () => {
  const secretValue = 'sk-share-test-1234567890';
  const body = `Authorization: ${guideToken.token}\n${JSON.stringify({ ...paygate.fields, SecretKey: secretValue, checksum: paygate.checksum }, null, 2).replace('"partnerCode"', `"secretKey": "${secretValue}2",\n  "partnerCode"`)}`;
  await paste(body, paygate.secretKey);
  // The Authorization line moved to the token box: out of the body, so out of the link.
  await page.waitForFunction((t) => document.getElementById('token').value === t, guideToken.token, { timeout: 5_000 });
  await settled();
  assert.ok(!(await page.inputValue('#body')).includes(guideToken.token));
  await page.click('#share');
  const link = await page.inputValue('#share-link');
  const fragment = new URLSearchParams(new URL(link).hash.slice(1));
  const sharedBody = fragment.get('body');
  assert.ok(sharedBody.includes(paygate.fields.orderId), 'the rest of the body is kept');
  for (const secret of [secretValue, `${secretValue}2`, guideToken.token, paygate.secretKey]) {
    assert.ok(!link.includes(secret) && !link.includes(encodeURIComponent(secret)), 'no secret in the link');
    assert.ok(!(await page.evaluate(() => location.href)).includes(encodeURIComponent(secret)), 'no secret in the address bar');
  }
  assert.doesNotMatch(sharedBody, /authorization/i);
  const notes = await page.$$eval('#share-removed li', (items) => items.map((i) => i.textContent));
  assert.ok(notes.some((n) => n.includes('secretKey')) && notes.some((n) => n.includes('SecretKey')), notes.join(' | '));
  assert.equal(await page.isVisible('#share-removed'), true);

  // The secret key inside another value: no link at all, and the reason.
  await paste(JSON.stringify({ ...paygate.fields, orderInfo: `pay ${paygate.secretKey}`, checksum: paygate.checksum }), paygate.secretKey);
  await page.click('#share');
  assert.equal(await page.isVisible('#share-link'), false);
  assert.equal(await page.getAttribute('#share-status', 'data-state'), 'error');
  assert.ok(!(await page.evaluate(() => location.href)).includes(encodeURIComponent(paygate.secretKey)));
});

test('a whole token pasted in the secret box is recognised: it goes to the token box', async () => {
  await paste(JSON.stringify({ ...paygate.fields, checksum: paygate.checksum }), '');
  await page.fill('#secretKey', guideToken.token);
  assert.equal(await page.inputValue('#token'), guideToken.token);
  assert.equal(await page.inputValue('#secretKey'), guideToken.credentials.secretKey);
  assert.equal(await page.isVisible('#secret-status'), true);
  assert.match(await text('#secret-status'), /token/i);
  await page.fill('#token', '');
});

test('a 200 KB value and a 1 MB body are checked, with views that stay small', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const [label, orderInfo] of [['200 KB value', 'Thanh toán hóa đơn '.repeat(10_000)], ['1 MB body', 'x'.repeat(1024 * 1024)]]) {
    const fields = { ...result.fields, orderInfo };
    const { digest } = expectedDigest('result', fields, null);
    await paste(JSON.stringify({ ...fields, checksum: digest }), null);
    assert.equal(await text('#checksum'), digest, `${label}: the digest`);
    assert.equal(await page.getAttribute('#match', 'data-match'), 'match', label);
    assert.equal(await page.isVisible('#error'), false, `${label}: no error`);
    const nodes = await page.$eval('#verify-output', (el) => el.getElementsByTagName('*').length);
    assert.ok(nodes < 1500, `${label}: ${nodes} elements in the results, not one per byte`);
    // The byte view shows the first bytes of orderInfo, and more on request.
    const step = schemeTable.find((s) => s.id === 'result').fields.indexOf('orderInfo') + 1;
    const bytesShown = () => page.$eval(`#bytes [data-step="${step}"] .byte-hex`, (el) => el.textContent.replace(/\s+/g, '').length / 2);
    const before = await bytesShown();
    assert.ok(before > 0 && before < 1024, `${label}: ${before} bytes shown at first`);
    await page.click(`#bytes [data-step="${step}"] button.more`);
    assert.ok((await bytesShown()) > before, `${label}: Show more shows more bytes`);
  }
  // Cleared: no verdict, no error left behind.
  await page.fill('#body', '');
  await settled();
  assert.equal(await page.getAttribute('#match', 'data-match'), 'none');
  assert.equal(await page.isVisible('#error'), false);
  assert.deepEqual(problems, []);
});

test('the place of invalid JSON is selected in the body box, and the message clears when fixed', async () => {
  await reset();
  const bad = '{\n  "orderId": "1",\n  "amount": @40\n}';
  const where = bad.indexOf('@');
  // A paste selects the place right away.
  await page.$eval('#body', (el, text) => {
    el.focus();
    el.value = text;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, bad);
  await settled();
  assert.match(await text('#defects'), /UNREADABLE/);
  const unreadable = await page.$eval('#defects .defect.unreadable', (el) => el.textContent);
  assert.ok(/line 3/.test(unreadable), unreadable);
  const selection = await page.$eval('#body', (el) => [el.selectionStart, el.selectionEnd, document.activeElement === el]);
  assert.ok(selection[2], 'the body box has the focus');
  assert.ok(selection[0] >= bad.lastIndexOf('\n', where) + 1 && selection[0] <= where && selection[1] > selection[0], `selection ${selection} on line 3, at or before the x (${where})`);
  // The place button selects it again.
  await page.$eval('#body', (el) => el.setSelectionRange(0, 0));
  await page.click('#defects .defect.unreadable .where-button');
  assert.ok((await page.$eval('#body', (el) => el.selectionStart)) >= bad.lastIndexOf('\n', where) + 1);
  // Fixed: the problem goes.
  await page.fill('#body', bad.replace('@40', '40'));
  await settled();
  assert.equal(await page.$$eval('#defects .defect.unreadable', (items) => items.length), 0);
  assert.equal(await page.isVisible('#error'), false);
});

test('keyboard and screen reader: skip link, focusable verdict, one polite live region, visible notes', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(pageUrl);
  await page.waitForFunction(() => document.getElementById('app')?.dataset.state === 'ready');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link', 'the first Tab stop is the skip link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'match', 'the skip link moves the focus to the verdict');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H2');

  const liveRegions = await page.$$eval('[aria-live], [role=status], [role=alert], [role=log], output', (items) => items.map((i) => i.id || i.tagName));
  assert.deepEqual(liveRegions, ['announcer'], 'one live region');
  assert.equal(await page.getAttribute('#announcer', 'aria-live'), 'polite');

  const trimmed = diagnoses.find((d) => d.id === 'trimmed-value');
  await paste(JSON.stringify(trimmed.message), trimmed.secretKey);
  await page.waitForFunction(() => /TRIMMED|white space/i.test(document.getElementById('announcer').textContent) || document.getElementById('announcer').textContent.includes('No match'), null, { timeout: 5_000 });
  await page.waitForTimeout(1200);
  const said = await text('#announcer');
  assert.match(said, /No match/);
  assert.ok(said.length > 'No match'.length + 20, `the first finding is said too: ${said}`);
  assert.doesNotMatch(said, /[0-9a-f]{16,}/i, 'never a hash');

  // Notes are visible text, not tooltips.
  const guide = diagnoses.find((d) => d.id === 'trimmed-value');
  await paste(JSON.stringify({ ...guide.message, orderInfo: ` ${guide.message.orderInfo}` }), guide.secretKey);
  assert.equal(await page.$$eval('#steps [title]', (items) => items.length), 0);
  const note = await page.$eval('#steps .note', (el) => ({ text: el.innerText, visible: el.offsetParent !== null }));
  assert.ok(note.visible && /white space/i.test(note.text), note.text);
});

test('copy buttons give the computed checksum, the pre-image and its hex', async () => {
  await paste(JSON.stringify({ ...paygate.fields, checksum: paygate.checksum }), paygate.secretKey);
  await page.check('#reveal');
  await settled();
  const clip = async (selector) => {
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.click(selector);
    return page.evaluate(() => navigator.clipboard.readText());
  };
  assert.equal(await clip('[data-copy-value="checksum"]'), paygate.checksum.toLowerCase());
  await page.click('#preimage-plain summary');
  assert.equal(await clip('[data-copy-value="preimage"]'), paygate.preimage);
  assert.equal(await clip('[data-copy-value="preimageHex"]'), paygate.preimageHex);
  await page.uncheck('#reveal');
});

test('Vietnamese: one term per concept, the English placeholders kept, the values quoted', async () => {
  const i18n = await pageTexts();
  const { tables } = i18n;
  const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const [key, english] of Object.entries(tables.en)) {
    assert.ok(key in tables.vi, `vi has ${key}`);
    assert.deepEqual(holes(tables.vi[key]), holes(english), `${key}: the same placeholders`);
  }
  for (const [key, english] of Object.entries(tables.en)) assert.doesNotMatch(english, /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i, `en.${key} is English`);
  const all = Object.values(tables.vi).join('\n');
  // docs/glossary.md: one term per concept.
  for (const wrong of ['chuỗi băm', 'thông điệp', 'kiểu chữ', 'bộ lõi', 'secret key', 'hoàn trả']) assert.ok(!all.toLowerCase().includes(wrong), `no "${wrong}"`);
  assert.match(tables.vi.secretLabel, /khóa bí mật \(secretKey\)/i);
  assert.match(tables.vi.preimageTitle, /Chuỗi trước khi băm/);
  assert.equal(tables.vi.problemsTitle, 'Nhận xét về gói tin');

  // Problems with values: the Vietnamese reading quotes what the English one quotes.
  const lib = await import(pathToFileURL(path.join(repo, 'pkg', 'esm', 'index.js')).href);
  const report = lib.validate('paygate', {
    partnerCode: 'P', accessKey: 'A', orderId: 'O', amount: 40000.5, orderInfo: 'x', requestCode: 'R', serviceCode: 'S',
    returnUrl: 'ftp://nope', ipAddress: '999.1.1.1', accountCode: 'C', checksum: 'abc',
  });
  const reported = [...report.errors, ...report.warnings];
  const english = reported.map((p) => i18n.saidText(p));
  i18n.setLanguage('vi');
  const vietnamese = reported.map((p) => i18n.saidText(p));
  i18n.setLanguage('en');
  const readings = reported.map((p, i) => ({ code: p.code, en: english[i], vi: vietnamese[i] }));
  assert.ok(readings.length >= 3, JSON.stringify(readings));
  for (const { code, en, vi } of readings) {
    // Quoted strings and numbers: what the sentence quotes of the message.
    const values = [...en.matchAll(/"[^"]*"|\b\d+(?:\.\d+)?\b/g)].map((m) => m[0]);
    for (const value of values) assert.ok(vi.includes(value), `${code}: "${vi}" quotes ${value} as "${en}" does`);
  }
  await page.click('#lang-vi');
  await settled();
  await page.screenshot({ path: path.join(screenshots, 'vietnamese-terms.png'), fullPage: true });
  await page.click('#lang-en');
  await settled();
  assert.deepEqual(problems, []);
});

test('axe-core finds no accessibility violation, in English and Vietnamese, with a diagnosis shown', async () => {
  // axe is injected as a script, which the page's CSP forbids: this context alone bypasses it.
  const axeContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  const axePage = await axeContext.newPage();
  try {
    await axePage.goto(pageUrl);
    await axePage.waitForFunction(() => document.getElementById('app')?.dataset.state === 'ready');
    const check = async (label) => {
      await axePage.waitForFunction(() => document.getElementById('app')?.dataset.pending === 'false');
      await axePage.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const { passes, violations } = await axePage.evaluate(async () => {
        const report = await window.axe.run(document);
        return { passes: report.passes.length, violations: report.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`) };
      });
      assert.ok(passes > 10, `${label}: axe ran (${passes} rules passed)`);
      assert.deepEqual(violations, [], label);
    };
    await check('empty page');
    const trimmed = diagnoses.find((d) => d.id === 'trimmed-value');
    await axePage.fill('#secretKey', trimmed.secretKey);
    await axePage.fill('#body', JSON.stringify(trimmed.message, null, 2));
    await axePage.fill('#theirs', 'not the pre-image');
    await check('a diagnosis and a comparison shown');
    await axePage.click('#lang-vi');
    await check('in Vietnamese');
    await axePage.click('#share');
    await axePage.check('#mode-build');
    await check('build mode');
  } finally {
    await axeContext.close();
  }
});
