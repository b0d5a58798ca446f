// Debian's Chromium, headless, as every browser test starts it (root needs --no-sandbox; the
// background-networking flags keep it off a network this machine does not have).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * A page of `browser` on the debugger at `pageUrl`, ready (its core loaded), in English at
 * `viewport`, the clipboard allowed; its uncaught errors and console errors (a CSP violation, a
 * failed load) are pushed to `problems`. Returns `{ context, page }`.
 */
export async function openDebugger(browser, pageUrl, { viewport, problems }) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(pageUrl).origin });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('app')?.dataset.state === 'ready', null, { timeout: 15_000 });
  return { context, page };
}
