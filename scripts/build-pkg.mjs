#!/usr/bin/env node
// Builds the npm package in pkg/ from the crate, so that every runtime and bundler can follow it
// with no plugin and no configuration: nothing is found by path or URL at run time.
//
//   the full core: cargo build --release (wasm32) -> wasm-bindgen --target web
//     --experimental-reset-state-function -> wasm-opt (the flags of Cargo.toml's
//     [package.metadata.wasm-pack.profile.release])
//   the hash module of the checksum hot path: cargo build --release (wasm32) -p lgsp-paygate-hash
//     --features exports (crates/hash: no glue, it imports nothing) -> wasm-opt (the same flags)
//
//   pkg/lgsp_paygate_bg.wasm, pkg/lgsp_paygate_hash.wasm  the modules, for runtimes that must
//              import them as .wasm files (Workers)
//   pkg/esm/   ES modules ("type": "module"): wasm-glue.js (wasm-bindgen's glue, its fetch-by-URL
//              default removed), wasm-embedded.js and hash-embedded.js (each module's bytes as
//              base64), scheme-table.js (the core's scheme table, for the hot path), the
//              hand-written pkg-template/core/*.js (loaders, guard, checksum hot path, entry points
//              index.js for Node, browser.js, workerd.js) and pkg-template/node/*.js (gateway
//              client, payment results, mock gateway, CLI), and the .d.ts files
//              esm/index.js, the Node entry, is those modules joined into one file by esbuild (see
//              bundleNodeEntry)
//   pkg/cjs/   the same modules made CommonJS by the TypeScript compiler (the CLI excepted), but
//              for the few written for CommonJS itself (pkg-template/cjs/*.js)
//   pkg/package.json  pkg-template/package.json with the crate's version stamped in
//   pkg/README.md, README.vi.md, CHANGELOG.md, docs/  the documentation, its relative links
//              rewritten to resolve in the package (scripts/doc-links.mjs)
//
// Usage: node scripts/build-pkg.mjs
// LGSP_PKG_DIR=<dir> builds into <dir> instead of pkg/ (e.g. to build beside another build).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { packagedDocs, rewriteLinks } from './doc-links.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = process.env.LGSP_PKG_DIR ? path.resolve(process.env.LGSP_PKG_DIR) : path.join(root, 'pkg');
const crateName = 'lgsp_paygate';
const wasmFile = `${crateName}_bg.wasm`;
/** The hot path's module: the hash crate, built with its C-ABI exports. */
const hashCrate = 'lgsp-paygate-hash';
const hashFile = 'lgsp_paygate_hash.wasm';
const hashExports = ['checksum', 'memory', 'scratch', 'verify'];
const wasmTarget = 'wasm32-unknown-unknown';
/** Hand-written JavaScript of the package: the core's runtime, then the helpers. */
const sourceDirs = [path.join(root, 'pkg-template', 'core'), path.join(root, 'pkg-template', 'node')];
/** Modules written for CommonJS itself, which replace the transpiled ES module of the same name. */
const cjsSourceDir = path.join(root, 'pkg-template', 'cjs');
/** The core's declarations, also embedded in the .wasm by the bindings. */
const coreTypes = path.join(root, 'src', 'bindings', 'types.d.ts');
/** Modules only the ES build has: the CLI (the manifest's `bin`) and the Workers entry. */
const esmOnly = new Set(['cli.js', 'cli-format.js', 'conformance-cli.js', 'version.js', 'workerd.js', 'wasm-workerd.js']);
const cliFile = 'cli.js';
// The package's documents and where each comes from.
const docs = packagedDocs(root);

function fail(message) {
  console.error(`build-pkg: ${message}`);
  process.exit(1);
}

// The same PATH the Makefile uses, so the script also works when run on its own.
process.env.PATH = [path.join(root, 'node_modules', '.bin'), path.join(os.homedir(), '.cargo', 'bin'), process.env.PATH ?? ''].join(
  path.delimiter,
);

function onPath(tool) {
  return process.env.PATH.split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, tool), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} exited with status ${result.status}`);
}

/** The lines of Cargo.toml's `[table]`. */
function tomlTable(name) {
  const toml = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  let table = '';
  const lines = [];
  for (const line of toml.split(/\r?\n/)) {
    const header = line.match(/^\s*\[([^\]]+)\]\s*(#.*)?$/);
    if (header) table = header[1].trim();
    else if (table === name) lines.push(line);
  }
  return lines;
}

function crateVersion() {
  for (const line of tomlTable('package')) {
    const version = line.match(/^\s*version\s*=\s*"([^"]+)"/);
    if (version) return version[1];
  }
  fail('no version in the [package] table of Cargo.toml');
}

/** wasm-opt's flags, kept in Cargo.toml where `wasm-pack test` reads them too. */
function wasmOptFlags() {
  for (const line of tomlTable('package.metadata.wasm-pack.profile.release')) {
    const flags = line.match(/^\s*wasm-opt\s*=\s*\[(.*)\]/);
    if (flags) return [...flags[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  }
  fail('no wasm-opt flags in [package.metadata.wasm-pack.profile.release] of Cargo.toml');
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * wasm-bindgen's web glue falls back to fetching the .wasm by `new URL(..., import.meta.url)` when
 * `init()` gets nothing; bundlers follow that URL (or fail on it) and CommonJS cannot parse it.
 * The package always hands the glue its module, so that fallback is replaced by an error. The
 * text must be found exactly once: a wasm-bindgen that writes it differently fails the build.
 */
function withoutUrlFallback(glue) {
  const fallback = /\n\s*if \(module_or_path === undefined\) \{\n\s*module_or_path = new URL\('[\w.]+', import\.meta\.url\);\n\s*\}\n/g;
  const found = glue.match(fallback) ?? [];
  if (found.length !== 1) fail(`wasm-glue.js: expected the fetch-by-URL fallback once, found it ${found.length} times`);
  const replaced = glue.replace(
    fallback,
    "\n    if (module_or_path === undefined) throw new Error('the package hands init() its module');\n",
  );
  if (/import\.meta|new URL\(/.test(replaced)) fail('wasm-glue.js: still refers to import.meta or a URL');
  if (/^import\b/m.test(replaced)) fail('wasm-glue.js: the glue imports something; the build expects it to import nothing');
  // Its TextEncoder and TextDecoder come from text-codec.js: the global ones where they exist.
  return [
    '// Generated by wasm-bindgen; its fetch-by-URL fallback removed by scripts/build-pkg.mjs, and its',
    '// TextEncoder and TextDecoder taken from text-codec.js (a runtime may lack them: Jest with jsdom).',
    "import { TextDecoder, TextEncoder } from './text-codec.js';",
    replaced,
  ].join('\n');
}

/** The ES-module sources must stay ES modules, with static imports only; a slip fails here. */
function checkSource(file, text) {
  const where = path.relative(root, file);
  const problems = [
    [/\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w+\s*=/, 'CommonJS (require/module.exports): the sources are ES modules'],
    [/__dirname|__filename|import\.meta|readFileSync\([^)]*(\.wasm|__dirname)/, 'finds files at run time (__dirname, import.meta)'],
    [/\bimport\s*\(\s*[^'"\s]/, 'a dynamic import() of a computed specifier, which bundlers cannot follow'],
  ];
  for (const [pattern, what] of problems) {
    if (pattern.test(text)) fail(`${where}: ${what}`);
  }
}

/** A module written for CommonJS requires only the package's own files, by literal relative paths. */
function checkCommonJs(file, text) {
  const where = path.relative(root, file);
  if (/__dirname|__filename|import\.meta|readFileSync/.test(text)) fail(`${where}: finds files at run time`);
  for (const [, specifier] of text.matchAll(/\brequire\s*\(([^)]*)\)/g)) {
    if (!/^"\.\/[\w.-]+\.js"$/.test(specifier.trim())) fail(`${where}: require(${specifier}) is not a literal "./file.js"`);
  }
  const esm = path.join(root, 'pkg-template', 'core', path.basename(file));
  if (!fs.existsSync(esm)) fail(`${where}: no ES module of the same name in pkg-template/core/`);
}

/** Copies the hand-written modules and declarations into dir; the same name twice fails. */
function copySources(dir) {
  const copied = new Map();
  for (const from of sourceDirs) {
    for (const name of fs.readdirSync(from).sort()) {
      if (copied.has(name)) fail(`${name} is in both ${copied.get(name)} and ${path.relative(root, from)}`);
      const text = fs.readFileSync(path.join(from, name), 'utf8');
      if (name.endsWith('.js')) checkSource(path.join(from, name), text);
      fs.writeFileSync(path.join(dir, name), text);
      copied.set(name, path.relative(root, from));
    }
  }
  return [...copied.keys()];
}

/** The ES modules made CommonJS, one file each, by the TypeScript compiler's transpiler. */
function writeCommonJs(esmDir, cjsDir) {
  const ts = createRequire(import.meta.url)('typescript');
  const files = [];
  for (const name of fs.readdirSync(esmDir).sort()) {
    if (esmOnly.has(name) || name === 'package.json') continue;
    if (name.endsWith('.d.ts')) {
      fs.copyFileSync(path.join(esmDir, name), path.join(cjsDir, name));
      continue;
    }
    if (!name.endsWith('.js')) continue;
    if (fs.existsSync(path.join(cjsSourceDir, name))) {
      const text = fs.readFileSync(path.join(cjsSourceDir, name), 'utf8');
      checkCommonJs(path.join(cjsSourceDir, name), text);
      fs.writeFileSync(path.join(cjsDir, name), text);
      files.push(`${name} (written for CommonJS)`);
      continue;
    }
    const { outputText, diagnostics } = ts.transpileModule(fs.readFileSync(path.join(esmDir, name), 'utf8'), {
      fileName: name,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        removeComments: false,
      },
    });
    if (diagnostics?.length) fail(`cjs/${name}: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
    fs.writeFileSync(path.join(cjsDir, name), outputText);
    files.push(name);
  }
  return files;
}

/** Names a module exports, from its live bindings. */
async function exportNames(file) {
  return Object.keys(await import(pathToFileURL(file).href)).sort();
}

/** Every public function of the glue is guarded in lgsp_paygate.js; both builds export the same names. */
async function checkExports(esmDir, cjsDir) {
  const glue = await exportNames(path.join(esmDir, 'wasm-glue.js'));
  const guarded = new Set(await exportNames(path.join(esmDir, `${crateName}.js`)));
  const unguarded = glue.filter((n) => !n.startsWith('__') && n !== 'initSync' && n !== 'default' && !guarded.has(n));
  if (unguarded.length > 0) fail(`pkg-template/core/${crateName}.js does not export (behind its guard): ${unguarded.join(', ')}`);

  const esm = await exportNames(path.join(esmDir, 'index.js'));
  const cjs = Object.keys(createRequire(import.meta.url)(path.join(cjsDir, 'index.js'))).filter((n) => n !== '__esModule').sort();
  const browser = await exportNames(path.join(esmDir, 'browser.js'));
  for (const [what, names] of [['cjs/index.js', cjs], ['esm/browser.js', browser]]) {
    if (names.join() !== esm.join()) fail(`${what} exports ${names.join(', ')}; esm/index.js exports ${esm.join(', ')}`);
  }
  return esm;
}

/**
 * esm/index.js, the Node ES module entry, made one file by esbuild. Node 20 loads an ES module
 * graph one module at a time, about 0.4 ms each, and this entry's graph has 19 modules: a fresh
 * process that imported the package spent more time loading modules than running the core. The
 * mock gateway and the conformance kit stay separate files, loaded on first use, and reach the
 * core through index.js itself, so the process has one instance of it; the CommonJS build, the
 * other entry points and the CLI stay module by module. Nothing is rewritten: the bundle is the
 * same static imports, joined.
 */
function bundleNodeEntry(esmDir) {
  const esbuild = createRequire(import.meta.url)('esbuild');
  const entry = path.join(esmDir, 'index.js');
  const lazy = ['./mock.js', './conformance.js'];
  // The full core's base64 stays in its own file, which browser.js shares, rather than a second copy.
  const shared = ['./wasm-embedded.js'];
  const { outputFiles, warnings } = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node18',
    external: [...lazy, ...shared],
    charset: 'utf8',
    legalComments: 'inline',
    write: false,
    outfile: entry,
    logLevel: 'silent',
    banner: {
      js: '// Generated by scripts/build-pkg.mjs: the Node entry point (pkg-template/node/index.js) and the\n' +
        '// modules it imports, joined into one file by esbuild; the full core\'s base64 stays in\n' +
        '// wasm-embedded.js, and the mock gateway and the conformance kit are loaded from their own files on first use.',
    },
  });
  if (warnings.length > 0) fail(`esm/index.js: esbuild warns: ${warnings.map((w) => w.text).join('; ')}`);
  const text = outputFiles[0].text;
  if (/\b__require\b|\brequire\s*\(|import\.meta|__dirname/.test(text)) fail('esm/index.js: the bundle refers to require, import.meta or __dirname');
  for (const file of lazy) {
    if (!text.includes(`import("${file}")`)) fail(`esm/index.js: the bundle no longer loads ${file} on first use`);
  }
  for (const file of shared) {
    if (!new RegExp(`^import .* from "${file.replace('.', '\\.')}";$`, 'm').test(text)) fail(`esm/index.js: the bundle does not import ${file}`);
  }
  fs.writeFileSync(entry, text);
}

function printSizes(modules) {
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const gz = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
  for (const [name, bytes] of modules) console.log(`${name}: ${kib(bytes.length)} raw, ${kib(gz(bytes))} gzipped`);
}

/** The hash module, checked: it must import nothing (it is instantiated with no glue) and export what hash-core.js calls. */
function checkHashModule(bytes) {
  const module = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(module);
  if (imports.length > 0) fail(`${hashFile} imports ${imports.map((i) => `${i.module}.${i.name}`).join(', ')}; it must import nothing`);
  const names = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const missing = hashExports.filter((n) => !names.has(n));
  if (missing.length > 0) fail(`${hashFile} does not export ${missing.join(', ')}`);
}

/** A generated module holding a module's bytes as base64 under `name`. */
function embeddedModule(name, what, bytes) {
  return [
    '// Generated by scripts/build-pkg.mjs: ' + what + ', as base64, so that no runtime or',
    '// bundler has a file to find. embedded.js hands it to the loader; it is decoded and compiled on first use.',
    `export const ${name} = '${bytes.toString('base64')}';`,
    '',
  ].join('\n');
}

/**
 * scheme-table.js, the hot path's copy of the core's scheme table, written from what the built
 * core's `schemes()` returns (so there is still one table, in src/scheme.rs): per scheme its id,
 * its literal prefix (null where the prefix is the secret key) and its signed fields in order.
 */
async function schemeTable(esmDir, wasmBytes) {
  const glue = await import(pathToFileURL(path.join(esmDir, 'wasm-glue.js')).href);
  glue.initSync({ module: wasmBytes });
  const rows = glue.schemes().map((s) => {
    if (s.prefix.kind !== 'secretKey' && s.prefix.kind !== 'literal') fail(`schemes(): ${s.id} has a prefix of kind ${s.prefix.kind}`);
    return [s.id, s.prefix.kind === 'literal' ? s.prefix.value : null, s.fields];
  });
  return [
    '// Generated by scripts/build-pkg.mjs from the core\'s `schemes()` (src/scheme.rs): per scheme, its id,',
    '// its literal prefix (null: the secret key) and its signed fields in order, as the hot path joins them.',
    `export const SCHEME_TABLE = ${JSON.stringify(rows)};`,
    '',
  ].join('\n');
}

for (const tool of ['cargo', 'wasm-bindgen', 'wasm-opt']) {
  if (!onPath(tool)) fail(`${tool} is not on PATH; run \`make tools\``);
}
const version = crateVersion();
const locked = process.env.CI === 'true' || process.env.CI === '1' ? ['--locked'] : [];

run('cargo', ['build', '--release', '--lib', '--target', wasmTarget, ...locked]);
run('cargo', ['build', '--release', '--lib', '--target', wasmTarget, '-p', hashCrate, '--features', 'exports', ...locked]);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lgsp-paygate-build-'));
try {
  const built = path.join(root, 'target', wasmTarget, 'release', `${crateName}.wasm`);
  run('wasm-bindgen', ['--target', 'web', '--experimental-reset-state-function', '--out-dir', work, '--out-name', crateName, built]);
  const optimised = path.join(work, 'optimised.wasm');
  run('wasm-opt', [...wasmOptFlags(), path.join(work, wasmFile), '-o', optimised]);
  const hashOptimised = path.join(work, hashFile);
  run('wasm-opt', [...wasmOptFlags(), path.join(root, 'target', wasmTarget, 'release', hashFile), '-o', hashOptimised]);
  const hashBytes = fs.readFileSync(hashOptimised);
  checkHashModule(hashBytes);

  fs.rmSync(pkgDir, { recursive: true, force: true });
  const esmDir = path.join(pkgDir, 'esm');
  const cjsDir = path.join(pkgDir, 'cjs');
  fs.mkdirSync(esmDir, { recursive: true });
  fs.mkdirSync(cjsDir, { recursive: true });

  const wasmBytes = fs.readFileSync(optimised);
  fs.writeFileSync(path.join(pkgDir, wasmFile), wasmBytes);
  const sources = copySources(esmDir);
  // The .wasm's declarations sit beside it, at the package root.
  fs.renameSync(path.join(esmDir, `${wasmFile}.d.ts`), path.join(pkgDir, `${wasmFile}.d.ts`));
  fs.writeFileSync(path.join(esmDir, 'wasm-glue.js'), withoutUrlFallback(fs.readFileSync(path.join(work, `${crateName}.js`), 'utf8')));
  fs.writeFileSync(path.join(pkgDir, hashFile), hashBytes);
  const embedded = embeddedModule('CORE_BASE64', 'the full WebAssembly core', wasmBytes);
  fs.writeFileSync(path.join(esmDir, 'wasm-embedded.js'), embedded);
  fs.writeFileSync(path.join(esmDir, 'hash-embedded.js'), embeddedModule('HASH_BASE64', 'the hash module of the checksum hot path', hashBytes));
  fs.writeFileSync(path.join(esmDir, 'version.js'), `// Generated by scripts/build-pkg.mjs.\nexport const VERSION = ${JSON.stringify(version)};\n`);
  fs.copyFileSync(coreTypes, path.join(esmDir, 'types.d.ts'));
  fs.chmodSync(path.join(esmDir, cliFile), 0o755);
  // Pins how Node, bundlers and TypeScript read each build's .js and .d.ts files.
  writeJson(path.join(esmDir, 'package.json'), { type: 'module' });
  fs.writeFileSync(path.join(esmDir, 'scheme-table.js'), await schemeTable(esmDir, wasmBytes));
  const cjsFiles = writeCommonJs(esmDir, cjsDir);
  // After the CommonJS build, which is made from the modules one by one.
  bundleNodeEntry(esmDir);
  writeJson(path.join(cjsDir, 'package.json'), { type: 'commonjs' });

  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'pkg-template', 'package.json'), 'utf8'));
  manifest.version = version;
  writeJson(path.join(pkgDir, 'package.json'), manifest);
  for (const file of fs.readdirSync(root)) {
    if (/^LICEN[CS]E/i.test(file)) fs.copyFileSync(path.join(root, file), path.join(pkgDir, file));
  }
  for (const [doc, source] of docs) {
    const { text } = rewriteLinks(fs.readFileSync(path.join(root, source), 'utf8'), source, doc, docs);
    fs.mkdirSync(path.dirname(path.join(pkgDir, doc)), { recursive: true });
    fs.writeFileSync(path.join(pkgDir, doc), text);
  }

  const names = await checkExports(esmDir, cjsDir);
  console.log(`\nlgsp-paygate ${version} built in ${path.relative(process.cwd(), pkgDir) || '.'}/`);
  console.log(`hand-written modules: ${sources.join(', ')}`);
  console.log(`CommonJS build: ${cjsFiles.join(', ')}`);
  console.log(`exports (${names.length}): ${names.join(', ')}`);
  printSizes([[wasmFile, wasmBytes], ['esm/wasm-embedded.js', Buffer.from(embedded)], [hashFile, hashBytes]]);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
