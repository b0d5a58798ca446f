#!/usr/bin/env node
// Builds the npm package in pkg/ so that every runtime and bundler can follow it with no plugin
// and no configuration: nothing is found by path or URL at run time. What ships, and why:
//
//   lgsp_paygate_bg.wasm     the full core (Rust, src/), for runtimes that import .wasm files
//                            (Workers); lgsp_paygate_hash.wasm, the small module of the
//                            checksum/verify hot path (crates/hash), likewise
//   esm/                     pkg-template/esm/ as it is, folders and all: the entry points
//                            (index.js for Node, browser.js, workerd.js) at the top; core/ runs
//                            everywhere, gateway/ needs only fetch, node/ needs Node. Beside them
//                            what the build generates (scripts/build/common.mjs, `generated`):
//                            the glue, both modules' bytes as base64 (the bytes travel inside
//                            the JavaScript), the core's scheme table for the hot path, the
//                            core's declarations, the version. index.js is then joined into one
//                            file, because Node loads an ES module graph one module at a time.
//   cjs/                     the same tree made CommonJS one module at a time (a real CommonJS
//                            build), but for the modules written for CommonJS itself
//                            (pkg-template/cjs/: what CommonJS can load on first use)
//   package.json, README.md, README.vi.md, CHANGELOG.md, LICENSE*, and docs/ (the documentation,
//                            its relative links rewritten to resolve in the package:
//                            scripts/build/docs.mjs)
//
// Each step is a module of scripts/build/, in the order below. Usage: node scripts/build-pkg.mjs
// LGSP_PKG_DIR=<dir> builds into <dir> instead of pkg/ (e.g. to build beside another build).
import fs from 'node:fs';
import path from 'node:path';
import { cliFile, crateVersion, generated, hashFile, pkgDir, root, wasmFile, writeJson } from './build/common.mjs';
import { buildModules } from './build/wasm.mjs';
import { copySources, writeCommonJs } from './build/sources.mjs';
import { writeGenerated } from './build/generated.mjs';
import { bundleNodeEntry } from './build/node-entry.mjs';
import { checkExports, printSizes } from './build/checks.mjs';
import { packagedDocs, rewriteLinks } from './build/docs.mjs';

/** The package's documents and where each comes from. */
const docs = packagedDocs(root);

const version = crateVersion();
// 1. Both WebAssembly modules, compiled and optimised.
const modules = buildModules();

fs.rmSync(pkgDir, { recursive: true, force: true });
const esmDir = path.join(pkgDir, 'esm');
const cjsDir = path.join(pkgDir, 'cjs');
fs.mkdirSync(esmDir, { recursive: true });
fs.mkdirSync(cjsDir, { recursive: true });
fs.writeFileSync(path.join(pkgDir, wasmFile), modules.coreBytes);
fs.writeFileSync(path.join(pkgDir, hashFile), modules.hashBytes);
// The .wasm's declarations sit beside it, at the package root.
fs.copyFileSync(path.join(root, 'pkg-template', `${wasmFile}.d.ts`), path.join(pkgDir, `${wasmFile}.d.ts`));

// 2. The hand-written modules, as they are; 3. what the build generates beside them.
// (pkg-template/esm/package.json comes with them: "type": "module", for Node, bundlers and TypeScript.)
const sources = copySources(esmDir);
const embedded = await writeGenerated(esmDir, modules, version);
fs.chmodSync(path.join(esmDir, cliFile), 0o755);
// 4. The CommonJS build, from the modules one by one; 5. then the Node ES entry joined into one file.
const cjsFiles = writeCommonJs(esmDir, cjsDir);
// Pins how Node, bundlers and TypeScript read the CommonJS build's .js and .d.ts files.
writeJson(path.join(cjsDir, 'package.json'), { type: 'commonjs' });
await bundleNodeEntry(esmDir);

// The manifest with the crate's version stamped in, the documents, the licence.
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

// 6. What must hold: every core function guarded, every entry point exporting the same names.
const names = await checkExports(esmDir, cjsDir);
console.log(`\nlgsp-paygate ${version} built in ${path.relative(process.cwd(), pkgDir) || '.'}/`);
console.log(`hand-written modules: ${sources.join(', ')}`);
console.log(`CommonJS build: ${cjsFiles.join(', ')}`);
console.log(`exports (${names.length}): ${names.join(', ')}`);
printSizes([[wasmFile, modules.coreBytes], [`esm/${generated.coreBase64}`, Buffer.from(embedded)], [hashFile, modules.hashBytes]]);
