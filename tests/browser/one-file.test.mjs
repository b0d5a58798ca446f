// The one-file page (make page-file) in real Chromium, opened from disk (file://) with every
// network request refused: it computes vectors' checksums (the known answers Python's hashlib
// wrote into tests/vectors/checksums.json) with both Workers running from blob: URLs, and again
// with no Worker constructor at all, on the page's own thread. Nothing but the file itself is
// ever asked for, its Content-Security-Policy allows nothing else, and the secret key stays out
// of the share link and storage.
// Built here from the current sources (scripts/build-page.mjs, as make page-file does), so it
// needs `make pkg` only; started by tests/browser/run.mjs with the other page tests.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './support/chromium.mjs';
import { buildPageFile } from '../../scripts/build-page.mjs';

const require = createRequire(import.meta.url);
const { checksumCases } = require('../node/support/vectors.cjs');

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const output = path.join(repo, 'test-output', 'browser');
const file = path.join(output, 'lgsp-paygate-debugger.html');
const fileUrl = pathToFileURL(file).href;

/** Valid lower-case vectors: one with ASCII values, one in Vietnamese, of two schemes. */
const valid = checksumCases.filter((c) => c.result === 'valid' && !c.uppercase);
const cases = [
  valid.find((c) => c.scheme === 'paygate' && (c.flags ?? []).includes('Ascii')),
  valid.find((c) => c.scheme === 'refund' && /[^\x00-\x7f]/.test(JSON.stringify(c.fields))),
];
/**
 * White space that keeps a body's values as they are but makes it longer than the bodies whose
 * verdict the page computes in the input event itself (www/engine.js, INLINE_CHARS: 16 KiB), so
 * the verdict lane's Worker answers too.
 */
const PADDING = ' '.repeat(64 * 1024);

let browser;

before(async () => {
  for (const [i, c] of cases.entries()) assert.ok(c, `checksums.json has vector ${i} this test needs`);
  fs.mkdirSync(output, { recursive: true });
  fs.writeFileSync(file, await buildPageFile());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/**
 * The file in a fresh context with every request but the file itself refused (and noted), the
 * Workers the page starts and every answer they post noted by part; `workers: false` removes the
 * Worker constructor before the page's script runs.
 */
async function openFile({ workers }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const seen = { requests: [], refused: [], problems: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.split('#')[0] === fileUrl) return route.continue();
    seen.refused.push(url);
    return route.abort();
  });
  context.on('request', (request) => seen.requests.push(request.url()));
  await context.addInitScript((allowWorkers) => {
    const lanes = { started: [], answered: [], violations: [] };
    window.lgspLanes = lanes;
    document.addEventListener('securitypolicyviolation', (event) => lanes.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    if (!allowWorkers) {
      delete window.Worker;
      return;
    }
    const RealWorker = window.Worker;
    window.Worker = class extends RealWorker {
      constructor(url, options) {
        super(url, options);
        const index = lanes.started.push(String(url)) - 1;
        this.addEventListener('message', (event) => {
          const part = event.data?.result?.part;
          if (part) lanes.answered.push({ worker: index, part });
        });
      }
    };
  }, workers);
  const page = await context.newPage();
  page.on('pageerror', (error) => seen.problems.push(`pageerror: ${error}`));
  page.on('console', (message) => message.type() === 'error' && seen.problems.push(`console: ${message.text()}`));
  await page.goto(fileUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('app')?.dataset.state === 'ready', null, { timeout: 20_000 });
  return { context, page, seen };
}

/** Pastes the vector's body (padded) and secret key; resolves once the page has drawn both answers. */
async function check(page, c) {
  await page.fill('#secretKey', c.secretKey ?? '');
  await page.fill('#body', JSON.stringify({ ...c.fields, checksum: c.checksum }, null, 2) + PADDING);
  await page.waitForFunction(() => document.getElementById('app')?.dataset.pending === 'false', null, { timeout: 20_000 });
  await page.waitForFunction((want) => document.getElementById('checksum').textContent === want, c.checksum.toLowerCase(), { timeout: 10_000 }).catch(() => {});
  assert.equal(await page.textContent('#checksum'), c.checksum.toLowerCase(), `${c.id}: the computed checksum`);
  assert.equal(await page.getAttribute('#match', 'data-match'), 'match', `${c.id}: ✓ shown`);
}

/** Nothing was asked of the network: every request is the file itself or a blob: URL it made. */
function assertNothingElse(seen) {
  assert.deepEqual(seen.refused, [], 'requests refused: the page asked for something outside itself');
  const others = seen.requests.filter((url) => url.split('#')[0] !== fileUrl && !url.startsWith('blob:') && !url.startsWith('data:'));
  assert.deepEqual(others, [], 'requests beyond the file');
}

test('the one file is one file: its script, style and modules inside, a policy that allows nothing else', async () => {
  const html = fs.readFileSync(file, 'utf8');
  assert.ok(!/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(?!data:)/i.test(html), 'no tag refers to another file');
  const policy = /<meta http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1] ?? '';
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.ok(directives['script-src'].every((v) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(v) || v === "'wasm-unsafe-eval'"), `script-src ${directives['script-src']}`);
  assert.ok(directives['style-src'].every((v) => /^'sha256-/.test(v)), `style-src ${directives['style-src']}`);
  assert.deepEqual(directives['worker-src'], ['blob:']);
  assert.ok(!policy.includes("'unsafe-inline'") && !policy.includes("'unsafe-eval'") && !/https?:|\*/.test(policy), policy);
  assert.ok(!('connect-src' in directives), 'no connect-src: default-src none forbids every fetch');
});

test('opened from disk, no network: both Workers compute, from blob: URLs made in the page', async () => {
  const { context, page, seen } = await openFile({ workers: true });
  try {
    for (const c of cases) await check(page, c);
    const lanes = await page.evaluate(() => window.lgspLanes);
    assert.equal(lanes.started.length, 2, 'two Workers: the verdict lane and the diagnosis lane');
    assert.ok(lanes.started.every((url) => url.startsWith('blob:')), `Workers from blob: URLs: ${lanes.started}`);
    const answeredBy = (part) => new Set(lanes.answered.filter((a) => a.part === part).map((a) => a.worker));
    assert.equal(answeredBy('verdict').size, 1, 'the verdicts of the long bodies came from one Worker');
    assert.equal(answeredBy('diagnosis').size, 1, 'the diagnoses came from one Worker');
    assert.notDeepEqual([...answeredBy('verdict')], [...answeredBy('diagnosis')], 'each lane has its own Worker');
    assert.equal(page.workers().length, 2);

    // The secret key stays out of the share link and storage here too.
    const c = cases[0];
    await page.click('#share');
    const link = await page.inputValue('#share-link');
    assert.ok(link.startsWith(`${fileUrl}#`), link);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie + location.href);
    for (const where of [link, stored]) assert.ok(!where.includes(c.secretKey) && !where.includes(encodeURIComponent(c.secretKey)), 'no secret key');
    await page.screenshot({ path: path.join(output, 'one-file.png'), fullPage: true });

    assertNothingElse(seen);
    assert.deepEqual(lanes.violations, [], 'no Content-Security-Policy violation');
    assert.deepEqual(seen.problems, []);
  } finally {
    await context.close();
  }
});

test('opened from disk with no Worker constructor: the same answers, computed on the page thread', async () => {
  const { context, page, seen } = await openFile({ workers: false });
  try {
    assert.equal(await page.evaluate(() => typeof window.Worker), 'undefined');
    for (const c of cases) await check(page, c);
    // The diagnosis ran too: a planted trailing space is named.
    const c = cases[0];
    await page.fill('#body', JSON.stringify({ ...c.fields, orderInfo: `${c.fields.orderInfo} `, checksum: c.checksum }) + PADDING);
    await page.waitForSelector('#diagnosis .finding[data-code="TRIMMED"]', { timeout: 20_000 });
    const lanes = await page.evaluate(() => window.lgspLanes);
    assert.deepEqual(lanes.started, [], 'no Worker started');
    assert.equal(page.workers().length, 0);
    assertNothingElse(seen);
    assert.deepEqual(lanes.violations, [], 'no Content-Security-Policy violation');
    assert.deepEqual(seen.problems, []);
  } finally {
    await context.close();
  }
});
