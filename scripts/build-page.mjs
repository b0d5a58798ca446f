#!/usr/bin/env node
// Builds the debugger page from www/ and the package build (pkg/) with esbuild, in two forms:
//
//   the served page (buildPage): index.html; style.css, minified; app.js, www/app.js and every
//     module it imports (www/'s and the package's pkg/esm/ modules) joined into one minified file;
//     worker.js, the same for www/worker.js, as a classic script (both Workers load it). The two
//     .wasm files are the package's own, fetched from /pkg/. scripts/serve.mjs serves it;
//     scripts/page-size.mjs measures it.
//   the one file (buildPageFile): the same page with its stylesheet, its script and its Workers'
//     script inside, and both modules as the package's embedded base64 (www/assets-inline.js
//     bundled in place of www/assets.js). It opens from disk with no network at all. Its
//     Content-Security-Policy allows the file's own script and stylesheet (by their SHA-256),
//     WebAssembly, and Workers from blob: URLs (made from its own Workers' script): nothing else.
//
// Nothing is copied by hand: both forms are made from the same sources on every build, and the
// build fails if a source no longer has the shape it expects (each edit of index.html must find
// its text exactly once).
//
// Usage: node scripts/build-page.mjs [--file <path>]     (needs `make pkg` first)
//   writes the one file (`make page-file`: dist/lgsp-paygate-debugger.html unless --file says)
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const www = path.join(root, 'www');
const pkg = path.join(root, 'pkg');
/** The one file's default place, `make page-file`'s output. */
export const PAGE_FILE = path.join(root, 'dist', 'lgsp-paygate-debugger.html');
/** The package's modules the served page fetches, beside its files at pkg/. */
export const WASM_FILES = ['lgsp_paygate_bg.wasm', 'lgsp_paygate_hash.wasm'];

const esbuild = createRequire(import.meta.url)('esbuild');

/**
 * www/'s modules import the package as `./pkg/...`, the path it is served at beside the page; the
 * bundler reads it from the package build. For the one file, assets.js is assets-inline.js.
 */
function resolver({ oneFile }) {
  return {
    name: 'debugger-page',
    setup(build) {
      build.onResolve({ filter: /^\.\/pkg\// }, (args) => {
        if (path.dirname(args.importer) !== www) return undefined;
        return { path: path.join(pkg, ...args.path.slice('./pkg/'.length).split('/')) };
      });
      if (oneFile) {
        build.onResolve({ filter: /^\.\/assets\.js$/ }, (args) =>
          path.dirname(args.importer) === www ? { path: path.join(www, 'assets-inline.js') } : undefined);
      }
    },
  };
}

/** www/`file` and everything it imports, joined into one minified script (an ES module unless `format` says). */
async function bundle(file, { oneFile, format = 'esm' }) {
  const { outputFiles, metafile, warnings } = await esbuild.build({
    entryPoints: [path.join(www, file)],
    bundle: true,
    format,
    platform: 'browser',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    // Escapes "</script" in strings, so the code can sit inside a <script> element.
    supported: { 'inline-script': true },
    absWorkingDir: root,
    outfile: path.join(root, 'dist', 'page', file),
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [resolver({ oneFile })],
  });
  if (warnings.length > 0) throw new Error(`esbuild warns: ${warnings.map((w) => w.text).join('; ')}`);
  // One file: nothing left to import, statically or on first use.
  const imports = Object.values(metafile.outputs).flatMap((output) => output.imports);
  if (imports.length > 0) throw new Error(`${file} still imports ${imports.map((i) => i.path).join(', ')}`);
  return outputFiles[0].text;
}

/**
 * The Workers' script, the same for both forms: a classic script (a function run at once), which
 * also runs as a module. A module Worker from a blob: URL fails in a page opened from disk (its
 * origin is opaque, and a module is fetched in CORS mode); a classic one starts.
 */
function workerBundle() {
  return bundle('worker.js', { oneFile: false, format: 'iife' });
}

async function minifiedCss() {
  const { code } = await esbuild.transform(fs.readFileSync(path.join(www, 'style.css'), 'utf8'), { loader: 'css', minify: true, charset: 'utf8' });
  return code;
}

/** The page's script, its Workers' script and its stylesheet, for one form of the page. */
async function pageParts({ oneFile }) {
  checkBuilt();
  const [app, worker, css] = await Promise.all([bundle('app.js', { oneFile }), workerBundle(), minifiedCss()]);
  return { app, worker, css };
}

function checkBuilt() {
  for (const file of [...WASM_FILES.map((f) => path.join(pkg, f)), path.join(pkg, 'esm', 'core', 'wasm-embedded.js')]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run \`make pkg\` first`);
  }
}

/**
 * The served page: [{ urlPath, text }] for /index.html, /style.css, /app.js and /worker.js (the
 * .wasm files are the package's, at /pkg/).
 */
export async function buildPage() {
  const { app, worker, css } = await pageParts({ oneFile: false });
  for (const url of ['./worker.js', ...WASM_FILES.map((f) => `./pkg/${f}`)]) {
    if (!app.includes(`new URL("${url}",import.meta.url)`)) throw new Error(`app.js no longer loads ${url} beside the page`);
  }
  return [
    { urlPath: '/index.html', text: fs.readFileSync(path.join(www, 'index.html'), 'utf8') },
    { urlPath: '/style.css', text: css },
    { urlPath: '/app.js', text: app },
    { urlPath: '/worker.js', text: worker },
  ];
}

/**
 * `text` with `pattern` (found exactly once) replaced by `replacement` (taken as it is, or a
 * function of the match): a source that changed shape fails the build.
 */
function replaceOnce(text, pattern, replacement, what) {
  const found = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)) ?? [];
  if (found.length !== 1) throw new Error(`index.html: expected ${what} once, found it ${found.length} times`);
  return text.replace(pattern, typeof replacement === 'function' ? replacement : () => replacement);
}

/** Text that can sit inside a <script> or <style> element without ending it early. */
function inlinable(text, element, what) {
  if (new RegExp(`</${element}|<!--`, 'i').test(text)) throw new Error(`${what} holds "</${element}" or "<!--": it cannot be inlined`);
  return text;
}

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The one file's Content-Security-Policy: its own script and stylesheet, WebAssembly, blob: Workers. */
export function oneFilePolicy({ script, style }) {
  return [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(style)}`,
    'worker-src blob:',
    'img-src data:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The one file's HTML text. */
export async function buildPageFile() {
  const { app, worker, css } = await pageParts({ oneFile: true });
  // Everything it needs is inside: a relative URL would name a file beside it, which is not there.
  for (const [name, text] of [['app.js', app], ['worker.js', worker]]) {
    if (text.includes('import.meta')) throw new Error(`the one file's ${name} refers to import.meta`);
  }
  if (worker.length > 200_000) throw new Error(`the Workers' script is ${worker.length} characters: the embedded modules reached it`);
  const version = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
  const script = inlinable(app, 'script', 'app.js');
  const style = inlinable(css, 'style', 'style.css');
  let html = fs.readFileSync(path.join(www, 'index.html'), 'utf8');
  // The comments are notes on the served files.
  html = html.replace(/\s*<!--[\s\S]*?-->/g, '');
  html = replaceOnce(html, /<!doctype html>\n/i, `<!doctype html>\n<!-- lgsp-paygate ${version}: the checksum debugger in one file (make page-file). -->\n`, 'the doctype');
  const policy = oneFilePolicy({ script, style });
  html = replaceOnce(html, /(<meta http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/, (_, start, end) => `${start}${policy}${end}`, 'the Content-Security-Policy');
  html = replaceOnce(html, /<link rel="stylesheet" href="style\.css">/, `<style>${style}</style>`, 'the stylesheet link');
  for (const file of WASM_FILES) html = replaceOnce(html, new RegExp(`\\s*<link rel="preload" href="pkg/${file.replace('.', '\\.')}"[^>]*>`), '', `the preload of ${file}`);
  html = replaceOnce(html, /<script type="module" src="app\.js"><\/script>/, `<script type="module">${script}</script>`, 'the app.js script');
  html = replaceOnce(html, /<\/body>/, `<script type="text/js-worker" id="worker-source">${inlinable(worker, 'script', 'worker.js')}</script>\n</body>`, '</body>');
  return html;
}

async function main() {
  const { values } = parseArgs({ options: { file: { type: 'string', default: PAGE_FILE } } });
  const file = path.resolve(values.file);
  const html = await buildPageFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, html);
  console.log(`${path.relative(process.cwd(), file)}: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KiB; open it in a browser, no server needed`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`build-page: ${error.message}`);
    process.exitCode = 1;
  });
}
