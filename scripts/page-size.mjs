#!/usr/bin/env node
// The debugger page's total transfer size: every file the page loads (its HTML, stylesheet and
// JavaScript modules, the web build's JavaScript and WebAssembly), each gzipped at level 9.
// The list is found by following the page's own references from www/index.html, the way the
// browser does (script, stylesheet and modulepreload links, static imports, the wasm URL), so a
// new module is counted without editing this file; the browser test checks that the page
// requests exactly these files.
//
// Usage: node scripts/page-size.mjs [--json]      (needs `make pkg` first)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The same URL layout as scripts/serve.mjs: the package (pkg/) at /pkg/, www/ at /.
const mounts = [
  { prefix: "/pkg/", dir: path.join(root, "pkg") },
  { prefix: "/", dir: path.join(root, "www") },
];

function fileOf(urlPath) {
  const mount = mounts.find(({ prefix }) => urlPath.startsWith(prefix));
  return path.join(mount.dir, ...urlPath.slice(mount.prefix.length).split("/"));
}

/** URL paths an HTML page references: scripts, stylesheets, module preloads (data: URLs skipped). */
function htmlReferences(text) {
  const refs = [];
  for (const match of text.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const tag = match[0];
    const rel = /\brel="([^"]*)"/i.exec(tag)?.[1] ?? "";
    const url = /\b(?:src|href)="([^"]*)"/i.exec(tag)?.[1];
    if (!url || url.startsWith("data:")) continue;
    if (match[1].toLowerCase() === "link" && !/\b(stylesheet|modulepreload)\b/i.test(rel)) continue;
    refs.push(url);
  }
  return refs;
}

/** URL paths a JavaScript module loads: static imports and re-exports, and `new URL(x, import.meta.url)`. */
function moduleReferences(text) {
  // Import specifiers must be relative or absolute paths (a bare name would not load at all);
  // a `new URL` is relative to the module whatever its form.
  const imports = [...text.matchAll(/^\s*(?:import|export)\b[^'"`;]*?(?:from\s*)?["']([^"']+)["']/gm)]
    .map((match) => match[1])
    .filter((ref) => ref.startsWith("./") || ref.startsWith("../") || ref.startsWith("/"));
  const urls = [...text.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)].map((match) => match[1]);
  return [...imports, ...urls];
}

/** Every URL path the page loads, starting from `/` (served as www/index.html), in load order. */
export function pageFiles() {
  const seen = new Map();
  const queue = ["/index.html"];
  while (queue.length) {
    const urlPath = queue.shift();
    if (seen.has(urlPath)) continue;
    const file = fileOf(urlPath);
    if (!fs.existsSync(file)) throw new Error(`${urlPath} (${path.relative(root, file)}) is referenced but missing; run \`make pkg\`?`);
    seen.set(urlPath, file);
    const ext = path.extname(file);
    if (ext !== ".html" && ext !== ".js" && ext !== ".mjs") continue;
    const text = fs.readFileSync(file, "utf8");
    const refs = ext === ".html" ? htmlReferences(text) : moduleReferences(text);
    for (const ref of refs) queue.push(new URL(ref, `http://page${urlPath}`).pathname);
  }
  return [...seen].map(([urlPath, file]) => ({ urlPath, file }));
}

/** Raw and gzipped (level 9) size of each file the page loads, and the totals. */
export function pageSize() {
  const files = pageFiles().map(({ urlPath, file }) => {
    const bytes = fs.readFileSync(file);
    return { urlPath, file: path.relative(root, file), raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  const total = (key) => files.reduce((sum, f) => sum + f[key], 0);
  return { files, raw: total("raw"), gzip: total("gzip") };
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function main() {
  const report = pageSize();
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const width = Math.max(...report.files.map((f) => f.file.length), 5);
  console.log(`${"file".padEnd(width)}  ${"raw".padStart(10)}  ${"gzipped".padStart(10)}`);
  for (const f of report.files) console.log(`${f.file.padEnd(width)}  ${kib(f.raw).padStart(10)}  ${kib(f.gzip).padStart(10)}`);
  console.log(`${"total".padEnd(width)}  ${kib(report.raw).padStart(10)}  ${kib(report.gzip).padStart(10)}`);
  console.log(`\nThe page transfers ${kib(report.gzip)} gzipped (${report.gzip} bytes) in ${report.files.length} files.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(`page-size: ${error.message}`);
    process.exitCode = 1;
  }
}
