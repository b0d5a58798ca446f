#!/usr/bin/env node
// How fast the debugger page loads in Chromium, and what it transfers: the served page (as
// scripts/serve.mjs serves it, gzipped) and the one-file page (make page-file), the latter over
// HTTP (gzipped, as a unit's intranet server would send it) and opened from disk. Each load is a
// fresh browser context (nothing cached) navigating to a share link holding a payment result
// (tests/vectors/checksums.json, result-ascii: its checksum needs no secret key), and timed from
// navigation to the moment the page shows that result's computed checksum (performance.now() in
// the page, whose origin is the navigation's start). Two network profiles, set through CDP's
// Network.emulateNetworkConditions:
//   unthrottled  loopback as it is;
//   Fast 3G      Chrome DevTools' preset (NetworkManager's Fast3GConditions): 562.5 ms latency
//                (150 ms × 3.75), 1.6 Mbit/s × 0.9 down (180,000 bytes/s), 750 kbit/s × 0.9 up
//                (84,375 bytes/s). A file opened from disk is not on the network: not throttled.
// For each it prints the requests made, the bytes they transferred (bodies as sent, gzipped, and
// headers), and the time to the first checksum: the median and the range over the runs.
// Asserts nothing: a measurement, not a test.
//
// Usage: node bench/page-load.mjs [runs]      (needs `make pkg` first; runs: 7 unthrottled, 3 on Fast 3G)
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { servePage } from './support/page-server.mjs';
import { buildPageFile } from '../scripts/build-page.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2]) || 0;
const PROFILES = [
  { name: 'unthrottled', conditions: null, runs: runs || 7 },
  { name: 'Fast 3G', conditions: { latency: 150 * 3.75, downloadThroughput: (1.6 * 1000 * 1000 / 8) * 0.9, uploadThroughput: (750 * 1000 / 8) * 0.9 }, runs: runs || 3 },
];

const vector = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'checksums.json'), 'utf8')).cases.find((c) => c.id === 'result-ascii');
/** The share link's fragment, as the page writes it (www/state.js): the result's body, read in verify mode. */
const fragment = `#${new URLSearchParams({ lang: 'en', mode: 'verify', scheme: 'auto', input: 'body', body: JSON.stringify({ ...vector.fields, checksum: vector.checksum }) })}`;
const expected = vector.checksum.toLowerCase();

/** The one file over HTTP, gzipped, with nothing else: a static server of one file. */
function serveFile(html) {
  const body = zlib.gzipSync(Buffer.from(html), { level: 9 });
  const server = http.createServer((request, response) => {
    if ((request.url ?? '').split(/[?#]/)[0] !== '/') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

/** One cold load: { requests, bytes, ms } (ms from navigation to the shown checksum). */
async function load(browser, url, conditions) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    let requests = 0;
    let bytes = 0;
    const finished = [];
    context.on('request', (request) => {
      if (!/^(https?|file):/.test(request.url())) return;
      requests += 1;
      finished.push(new Promise((resolve) => {
        const done = async () => {
          const sizes = await request.sizes().catch(() => null);
          // A Worker's script load reports no body size: its Content-Length says it.
          const length = Number((await request.response().catch(() => null))?.headers()['content-length'] ?? 0);
          if (sizes) bytes += (sizes.responseBodySize || length) + sizes.responseHeadersSize;
          resolve();
        };
        context.on('requestfinished', (r) => r === request && done());
        context.on('requestfailed', (r) => r === request && resolve());
      }));
    });
    // Watches the document from its first node, so no change of the checksum is missed.
    await context.addInitScript((want) => {
      new MutationObserver((_, observer) => {
        if (document.getElementById('checksum')?.textContent === want) {
          window.lgspFirstChecksum = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, characterData: true, subtree: true });
    }, expected);
    const page = await context.newPage();
    if (conditions) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
    }
    await page.goto(url + fragment, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.lgspFirstChecksum !== undefined, null, { timeout: 120_000, polling: 10 });
    const ms = await page.evaluate(() => window.lgspFirstChecksum);
    // The Workers' scripts may still be arriving: count them too.
    await page.waitForFunction(() => document.getElementById('app')?.dataset.pending === 'false', null, { timeout: 120_000 });
    await page.waitForTimeout(conditions ? 1500 : 300);
    await Promise.all(finished);
    return { requests, bytes, ms };
  } finally {
    await context.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { server, url: servedUrl } = await servePage(repo);
const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lgsp-page-load-'));
const html = await buildPageFile();
const file = path.join(fileDir, 'lgsp-paygate-debugger.html');
fs.writeFileSync(file, html);
const fileServer = await serveFile(html);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const variants = [
    { name: 'served page (make serve)', url: servedUrl, profiles: PROFILES },
    { name: 'one file over HTTP', url: fileServer.url, profiles: PROFILES },
    { name: 'one file from disk', url: pathToFileURL(file).href, profiles: [PROFILES[0]] },
  ];
  console.log('page'.padEnd(26), 'profile'.padEnd(12), 'requests'.padStart(8), '  transferred', '  first checksum: median (min–max), runs');
  for (const variant of variants) {
    for (const profile of variant.profiles) {
      // One load first, not counted: Chromium's own first start (its caches of compiled code stay cold: each run is a new context).
      await load(browser, variant.url, profile.conditions);
      const results = [];
      for (let i = 0; i < profile.runs; i++) results.push(await load(browser, variant.url, profile.conditions));
      const ms = results.map((r) => r.ms);
      console.log(
        variant.name.padEnd(26),
        (variant.url.startsWith('file:') ? 'from disk' : profile.name).padEnd(12),
        String(median(results.map((r) => r.requests))).padStart(8),
        variant.url.startsWith('file:') ? `${(Buffer.byteLength(html) / 1024).toFixed(1).padStart(8)} KiB read` : `${(median(results.map((r) => r.bytes)) / 1024).toFixed(1).padStart(8)} KiB`,
        `  ${median(ms).toFixed(0).padStart(6)} ms (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}), ${results.length}`,
      );
    }
  }
  console.log('(requests and bytes of the whole load, headers and the Workers\' scripts included; a file opened from disk is');
  console.log(' read, not transferred; first checksum = navigation start to the shown checksum of the share link\'s result)');
} finally {
  await browser.close();
  server.kill();
  fileServer.server.close();
  fs.rmSync(fileDir, { recursive: true, force: true });
}
