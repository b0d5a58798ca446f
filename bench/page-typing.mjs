#!/usr/bin/env node
// How the debugger page keeps up with typing, in Chromium at 1366×768: a refund body of about
// 250 B, 4 KB, 64 KB and 1 MB (a long orderInfo) is loaded, then each keystroke appends one
// character to orderInfo and fires one `input` event. For each size it prints, over several
// keystrokes, the medians and maxima of:
//   handler  the page's synchronous work for the input event;
//   painted  input event → the frame that draws the new computed checksum (its animation-frame
//            callbacks run: layout and paint follow at once);
//   frame    the longest gap between two animation frames while that happened (what typing
//            feels: above ~17 ms a frame was missed);
//   page JS  the page's own main-thread JavaScript for the keystroke (its input handler and
//            every drawing step, from the page's User Timing measures "debugger:*"), in total;
//   task     the longest main-thread task meanwhile (the Long Tasks API sees those of 50 ms or
//            more; 0 when there was none): the page's own work, plus Chromium's for the textarea;
//   textarea the same frame gap for the same keystroke with the page's input handler switched off:
//            what Chromium itself takes to edit a textarea holding that much text;
// beside the core's own time for the same body in the same browser (the page's two lanes, one
// analyse() call each, called directly). Asserts nothing: a measurement, not a test.
//
// Usage: node bench/page-typing.mjs      (needs `make pkg` first)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { servePage } from './support/page-server.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [
  { label: '250 B', bytes: 250, keys: 15 },
  { label: '4 KB', bytes: 4 * 1024, keys: 15 },
  { label: '64 KB', bytes: 64 * 1024, keys: 11 },
  { label: '1 MB', bytes: 1024 * 1024, keys: 7 },
];

const { server, url } = await servePage(repo);

/** A refund body of about `bytes` bytes, its orderInfo grown with Vietnamese text. */
function refundBody(bytes) {
  const fields = {
    partnerCode: '000.00.18.H29', accessKey: 'f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b',
    transactionNo: '835651612', orderInfo: 'Hoàn tiền', requestCode: '1590278921647', amount: 10000,
    orderId: '050720190008', transactionType: '02', checksum: '0'.repeat(64),
  };
  const base = Buffer.byteLength(JSON.stringify(fields));
  const unit = ' hóa đơn điện nước';
  const need = Math.max(0, bytes - base);
  fields.orderInfo += unit.repeat(Math.floor(need / Buffer.byteLength(unit)));
  return JSON.stringify(fields);
}

/** One keystroke in the page; `quiet` switches the page's input handler off for it. */
const keystroke = async (quiet) => {
  const box = document.getElementById('body');
  const checksum = document.getElementById('checksum');
  const before = checksum.textContent;
  // Keystrokes come at any moment of a frame: start at a random one.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, Math.random() * 16)));
  const stop = (event) => event.stopImmediatePropagation();
  if (quiet) box.addEventListener('input', stop, { capture: true });
  // One keystroke: a character inserted at the end of orderInfo.
  const at = box.value.indexOf('","requestCode"');
  box.setRangeText('x', at, at, 'end');
  let longest = 0;
  let task = 0;
  const tasks = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) task = Math.max(task, entry.duration);
  });
  tasks.observe({ type: 'longtask' });
  let last = performance.now();
  let watching = true;
  const tick = (now) => {
    longest = Math.max(longest, now - last);
    last = now;
    if (watching) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const changed = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (checksum.textContent !== before) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(checksum, { childList: true, characterData: true, subtree: true });
  });
  performance.clearMeasures();
  const t0 = performance.now();
  box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
  const handler = performance.now() - t0;
  if (quiet) {
    await new Promise((resolve) => setTimeout(resolve, 600));
    box.removeEventListener('input', stop, { capture: true });
    watching = false;
    tasks.disconnect();
    return { frame: longest, task };
  }
  await changed;
  // Painted: the frame after the change starts (its rendering follows these callbacks).
  const painted = (await new Promise((resolve) => requestAnimationFrame(resolve))) - t0;
  // Let the heavy views and the diagnosis finish, still watching the frames.
  while (document.getElementById('app').dataset.pending !== 'false') await new Promise((r) => setTimeout(r, 5));
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
  watching = false;
  tasks.disconnect();
  const js = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('debugger:')).reduce((sum, m) => sum + m.duration, 0);
  return { handler, painted, frame: longest, task, js };
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('app')?.dataset.state === 'ready');
  await page.fill('#secretKey', 'a bench secret');
  const rows = [];
  for (const size of SIZES) {
    const body = refundBody(size.bytes);
    await page.evaluate((text) => {
      const box = document.getElementById('body');
      box.value = text;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, body);
    await page.waitForFunction(() => document.getElementById('app').dataset.pending === 'false', null, { timeout: 120_000 });
    const runs = [];
    for (let k = 0; k < size.keys; k++) {
      runs.push(await page.evaluate(keystroke, false));
    }
    const quiet = [];
    for (let k = 0; k < Math.min(5, size.keys); k++) quiet.push(await page.evaluate(keystroke, true));
    const core = await page.evaluate(async (text) => {
      // The package's browser build, beside the page (the page's own copy is inside its bundle).
      const lib = await import('/pkg/esm/browser.js');
      await lib.default();
      const times = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        lib.analyse('verdict', text, 'auto', 'paygate', 'a bench secret', null);
        lib.analyse('diagnosis', text, 'auto', 'paygate', 'a bench secret', null);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return times[2];
    }, body);
    rows.push({ size, bytes: Buffer.byteLength(body), runs, core, quiet });
  }
  const f = (x) => x.toFixed(1).padStart(7);
  console.log('body'.padEnd(7), 'bytes'.padStart(9), '  handler med/max', '   painted med/max', '   frame med/max', ' page JS med/max', '    task med/max', '   textarea frame / task', '  core (median)');
  for (const { size, bytes, runs, core, quiet } of rows) {
    const pick = (k) => runs.map((r) => r[k]);
    console.log(
      size.label.padEnd(7), String(bytes).padStart(9),
      ` ${f(median(pick('handler')))} /${f(max(pick('handler')))}`,
      ` ${f(median(pick('painted')))} /${f(max(pick('painted')))}`,
      ` ${f(median(pick('frame')))} /${f(max(pick('frame')))}`,
      ` ${f(median(pick('js')))} /${f(max(pick('js')))}`,
      ` ${f(median(pick('task')))} /${f(max(pick('task')))}`,
      `   ${f(median(quiet.map((q) => q.frame)))} /${f(median(quiet.map((q) => q.task)))}`,
      ` ${f(core)} ms`,
    );
  }
  console.log('(milliseconds; painted = input event to the frame drawing the new checksum; frame = longest gap between');
  console.log(' animation frames meanwhile; page JS = the page\'s own main-thread work for the keystroke, in total;');
  console.log(' task = longest main-thread task of 50 ms or more; textarea = medians with the page\'s');
  console.log(' handler off; core = the verdict and diagnosis lanes, one analyse() call each, called directly in the page)');
} finally {
  await browser.close();
  server.kill();
}
