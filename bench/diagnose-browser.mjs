#!/usr/bin/env node
// How long diagnose() takes in Chromium, with the web build the page loads: every case of
// tests/vectors/diagnoses.json, plus long values that make the search as costly as it gets.
// Prints median and worst times; asserts nothing (a measurement, not a test).
//
// Usage: node bench/diagnose-browser.mjs      (needs `make pkg` first)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { servePage } from './support/page-server.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const diagnoses = JSON.parse(fs.readFileSync(path.join(repo, 'tests/vectors/diagnoses.json'), 'utf8')).cases;

const { server, url } = await servePage(repo);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  const rows = await page.evaluate(async (cases) => {
    const lib = await import('/pkg/esm/browser.js');
    await lib.default();
    const spaced = (n) => ` Thanh toán hóa đơn điện nước tháng ${n} — Công ty ${'Điện lực '.repeat(n)} `;
    const worst = (size) => ({
      partnerCode: ' 000.00.18.H29 ', accessKey: ' f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d ',
      orderId: ' SBN_100012 ', orderInfo: spaced(size), requestCode: ' 12357851 ', amount: 40000,
      serviceCode: ' hcm_dichvucong ', returnUrl: ' http://paydate.com.vn/return ', ipAddress: ' 120.72.114.122 ',
      accountCode: ' payment_test ', checksum: '0'.repeat(64),
    });
    const inputs = cases.map((c) => [c.id, c.scheme, c.message, c.secretKey]);
    for (const size of [10, 400, 6000]) inputs.push([`worst-paygate-${size}`, 'paygate', worst(size), ' secret ']);
    // No single mistake fits an unrelated checksum, so every pair is tried: the most variants.
    const vi = Object.fromEntries(Object.entries(worst(3)).map(([k, v]) => [k, typeof v === 'string' && k !== 'checksum' ? `${v}Đơn Điện ` : v]));
    inputs.push(['worst-pairs-vietnamese', 'paygate', vi, ' MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4\n']);
    inputs.push(['worst-pairs-result', 'result', { paygate: ' momo ', orderId: ' SBN_100012 ', amount: 40000, payDate: ' 20191212161254 ',
      type: ' pay ', orderInfo: spaced(3), payTransId: ' 1258485 ', errorCode: ' 00 ', checksum: 'f'.repeat(64) }, null]);
    const out = [];
    for (const [id, scheme, message, secret] of inputs) {
      const times = [];
      let d;
      for (let i = 0; i < 7; i++) {
        const t = performance.now();
        d = lib.diagnose(scheme, message, secret);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      out.push({ id, bytes: new TextEncoder().encode(JSON.stringify(message)).length, median: times[3], max: times[6],
        tried: d.tried, hashed: d.hashedBytes, pairs: d.pairsTried, exhausted: d.exhausted, findings: d.findings.length });
    }
    return out;
  }, diagnoses);
  console.log('case'.padEnd(28), 'body B'.padStart(8), 'median ms'.padStart(10), 'max ms'.padStart(8), 'tried'.padStart(6), 'hashed B'.padStart(9), ' pairs exhausted findings');
  for (const r of rows) {
    console.log(r.id.padEnd(28), String(r.bytes).padStart(8), r.median.toFixed(2).padStart(10), r.max.toFixed(2).padStart(8),
      String(r.tried).padStart(6), String(r.hashed).padStart(9), ` ${r.pairs}`.padEnd(6), ` ${r.exhausted}`.padEnd(10), r.findings);
  }
  const slowest = rows.reduce((a, b) => (b.median > a.median ? b : a));
  console.log(`slowest median: ${slowest.median.toFixed(2)} ms (${slowest.id}); slowest single run: ${Math.max(...rows.map((r) => r.max)).toFixed(2)} ms`);
} finally {
  await browser.close();
  server.kill();
}
