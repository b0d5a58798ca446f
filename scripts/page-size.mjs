#!/usr/bin/env node
// The debugger page's transfer size, checked against its budgets: every file the served page
// loads (its HTML, its stylesheet, its two scripts as scripts/build-page.mjs joins them, the
// package's two .wasm files), each gzipped at level 9 as scripts/serve.mjs sends it, and counted
// as many times as the page fetches it (each Worker fetches worker.js). The list is found by
// following the built page's own references, the way the browser does (stylesheet, script and
// preload links, static imports, `new URL(…, import.meta.url)`), so a new file is counted without
// editing this one; the browser test checks that the page requests exactly these files.
// The one-file page (make page-file) is measured too, for the record (it has no budget: it is
// carried, not downloaded).
//
// Budgets, in kilobytes of 1000 bytes, gzipped: everything the page transfers, and the full core
// alone. Over either, this script exits with status 1 (the browser tests run it).
//
// Usage: node scripts/page-size.mjs [--json]      (needs `make pkg` first)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildPage, buildPageFile } from './build-page.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Gzipped bytes the page may transfer in all, and the full core alone. */
export const BUDGETS = { page: 200_000, core: 128_000 };
/** The full core's module, at the URL the page fetches it from. */
export const CORE_URL = '/pkg/lgsp_paygate_bg.wasm';
/** Workers the page starts (www/engine.js: the verdict lane and the diagnosis lane); each fetches its script. */
export const WORKERS = 2;

/** URL paths an HTML page references: scripts, stylesheets, preloads (data: URLs skipped). */
function htmlReferences(text) {
  const refs = [];
  for (const match of text.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const tag = match[0];
    const rel = /\brel="([^"]*)"/i.exec(tag)?.[1] ?? '';
    const url = /\b(?:src|href)="([^"]*)"/i.exec(tag)?.[1];
    if (!url || url.startsWith('data:')) continue;
    if (match[1].toLowerCase() === 'link' && !/\b(stylesheet|modulepreload|preload)\b/i.test(rel)) continue;
    refs.push({ url, requests: 1 });
  }
  return refs;
}

/** URL paths a JavaScript module loads: static imports, `new URL(x, import.meta.url)` (a Worker's script once per Worker). */
function moduleReferences(text) {
  // Import specifiers must be relative or absolute paths (a bare name would not load at all).
  const imports = [...text.matchAll(/^\s*(?:import|export)\b[^'"`;]*?(?:from\s*)?["']([^"']+)["']/gm)]
    .map((match) => match[1])
    .filter((ref) => ref.startsWith('./') || ref.startsWith('../') || ref.startsWith('/'))
    .map((url) => ({ url, requests: 1 }));
  const urls = [...text.matchAll(/(new Worker\(\s*)?new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)]
    .map((match) => ({ url: match[2], requests: match[1] ? WORKERS : 1 }));
  return [...imports, ...urls];
}

/**
 * Every URL path the served page loads, starting from `/` (its index.html), in load order, with
 * its bytes and how many times it is fetched: [{ urlPath, file, bytes, requests }].
 */
export async function pageFiles() {
  const built = new Map((await buildPage()).map(({ urlPath, text }) => [urlPath, Buffer.from(text)]));
  const bytesOf = (urlPath) => {
    if (built.has(urlPath)) return { file: `(built) ${urlPath.slice(1)}`, bytes: built.get(urlPath) };
    if (!urlPath.startsWith('/pkg/')) throw new Error(`${urlPath} is referenced but the page build has no such file`);
    const file = path.join(root, 'pkg', ...urlPath.slice('/pkg/'.length).split('/'));
    if (!fs.existsSync(file)) throw new Error(`${urlPath} (${path.relative(root, file)}) is referenced but missing; run \`make pkg\`?`);
    return { file: path.relative(root, file), bytes: fs.readFileSync(file) };
  };
  const seen = new Map();
  const queue = [{ urlPath: '/index.html', requests: 1 }];
  while (queue.length) {
    const { urlPath, requests } = queue.shift();
    if (seen.has(urlPath)) {
      // A file referenced twice is fetched once (a preload is what the page's fetch takes up).
      seen.get(urlPath).requests = Math.max(seen.get(urlPath).requests, requests);
      continue;
    }
    const entry = { urlPath, ...bytesOf(urlPath), requests };
    seen.set(urlPath, entry);
    const ext = path.extname(urlPath);
    if (ext !== '.html' && ext !== '.js' && ext !== '.mjs') continue;
    const text = entry.bytes.toString('utf8');
    for (const ref of ext === '.html' ? htmlReferences(text) : moduleReferences(text)) {
      queue.push({ urlPath: new URL(ref.url, `http://page${urlPath}`).pathname, requests: ref.requests });
    }
  }
  return [...seen.values()];
}

const gzipped = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;

/**
 * Raw and gzipped size of each file the page loads, the totals as transferred (a file fetched
 * twice counts twice), the full core's, the one file's, and the budgets passed (`over` lists
 * those that are not).
 */
export async function pageSize() {
  const files = (await pageFiles()).map(({ urlPath, file, bytes, requests }) => ({ urlPath, file, requests, raw: bytes.length, gzip: gzipped(bytes) }));
  const total = (key) => files.reduce((sum, f) => sum + f[key] * f.requests, 0);
  const core = files.find((f) => f.urlPath === CORE_URL);
  if (!core) throw new Error(`the page does not load ${CORE_URL}`);
  const oneFile = Buffer.from(await buildPageFile());
  const report = {
    files,
    requests: files.reduce((sum, f) => sum + f.requests, 0),
    raw: total('raw'),
    gzip: total('gzip'),
    core: core.gzip,
    oneFile: { raw: oneFile.length, gzip: gzipped(oneFile) },
    budgets: BUDGETS,
  };
  report.over = [
    ...(report.gzip > BUDGETS.page ? [`the page transfers ${report.gzip} bytes gzipped, over its budget of ${BUDGETS.page}`] : []),
    ...(report.core > BUDGETS.core ? [`the full core is ${report.core} bytes gzipped, over its budget of ${BUDGETS.core}`] : []),
  ];
  return report;
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The report as lines of text. */
export function describe(report) {
  const width = Math.max(...report.files.map((f) => f.file.length), 5);
  const lines = [`${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzipped'.padStart(10)}  fetched`];
  for (const f of report.files) lines.push(`${f.file.padEnd(width)}  ${kib(f.raw).padStart(10)}  ${kib(f.gzip).padStart(10)}  ${f.requests}×`);
  lines.push(`${'total'.padEnd(width)}  ${kib(report.raw).padStart(10)}  ${kib(report.gzip).padStart(10)}  ${report.requests}`);
  lines.push('');
  lines.push(`The page transfers ${report.gzip} bytes gzipped (${kib(report.gzip)}) in ${report.requests} requests; budget ${report.budgets.page}.`);
  lines.push(`The full core is ${report.core} bytes gzipped (${kib(report.core)}); budget ${report.budgets.core}, ${report.budgets.core - report.core} to spare.`);
  lines.push(`The one-file page is ${kib(report.oneFile.raw)} (${kib(report.oneFile.gzip)} gzipped).`);
  for (const problem of report.over) lines.push(`OVER BUDGET: ${problem}`);
  return lines;
}

async function main() {
  const report = await pageSize();
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else for (const line of describe(report)) console.log(line);
  if (report.over.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`page-size: ${error.message}`);
    process.exitCode = 1;
  });
}
