#!/usr/bin/env node
// Builds the npm package in pkg/ from the crate:
//   pkg/node/  wasm-pack --target nodejs (CommonJS, ready on load; its JS snippets made CommonJS
//              too), the hand-written Node-only modules of pkg-template/node/ (gateway client,
//              payment results, mock gateway, CLI; index.js is the Node entry point) and an ESM
//              wrapper of that entry point
//   pkg/web/   wasm-pack --target web (ES module, `await init()` first), nothing else
//   pkg/package.json  pkg-template/package.json with the crate's version stamped in
// Usage: node scripts/build-pkg.mjs
// LGSP_PKG_DIR=<dir> builds into <dir> instead of pkg/ (e.g. to build beside another build).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = process.env.LGSP_PKG_DIR ? path.resolve(process.env.LGSP_PKG_DIR) : path.join(root, "pkg");
const outName = "lgsp_paygate";
// The Node entry point among the hand-written modules; the ESM wrapper re-exports it.
const nodeEntry = "index.js";
const nodeTemplateDir = path.join(root, "pkg-template", "node");
// The package's command-line tool (the manifest's `bin`).
const cliFile = "cli.js";
const builds = [
  { target: "nodejs", dir: "node", type: "commonjs" },
  { target: "web", dir: "web", type: "module" },
];
// wasm-pack writes these for a stand-alone package; pkg/ has one manifest for both builds.
const wasmPackExtras = ["package.json", ".gitignore", "README.md"];

function fail(message) {
  console.error(`build-pkg: ${message}`);
  process.exit(1);
}

// The same PATH the Makefile uses, so the script also works when run on its own.
process.env.PATH = [
  path.join(root, "node_modules", ".bin"),
  path.join(os.homedir(), ".cargo", "bin"),
  process.env.PATH ?? "",
].join(path.delimiter);

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
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.error) fail(`${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} exited with status ${result.status}`);
}

/** The `version` of Cargo.toml's [package] table. */
function crateVersion() {
  const toml = fs.readFileSync(path.join(root, "Cargo.toml"), "utf8");
  let table = "";
  for (const line of toml.split(/\r?\n/)) {
    const header = line.match(/^\s*\[([^\]]+)\]\s*(#.*)?$/);
    if (header) {
      table = header[1].trim();
      continue;
    }
    const version = line.match(/^\s*version\s*=\s*"([^"]+)"/);
    if (table === "package" && version) return version[1];
  }
  fail("no version in the [package] table of Cargo.toml");
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Every file under dir, recursively. */
function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * wasm-bindgen's nodejs target require()s the crate's JS snippets (`#[wasm_bindgen(module = ...)]`),
 * but they are ES modules, as the web build needs them, and Node 20 cannot require an ES module.
 * The Node build's copies become CommonJS: each top-level `export function|const|let|class NAME`
 * turns into the plain declaration plus `exports.NAME = NAME`. Any other module syntax fails the
 * build instead of being guessed at.
 */
function snippetsToCommonJs(nodeDir) {
  const dir = path.join(nodeDir, "snippets");
  if (!fs.existsSync(dir)) return [];
  const converted = [];
  for (const file of filesUnder(dir).filter((f) => f.endsWith(".js"))) {
    const names = [];
    const text = fs.readFileSync(file, "utf8").replace(
      /^export\s+((?:async\s+)?function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/gm,
      (_, kind, name) => {
        names.push(name);
        return `${kind} ${name}`;
      },
    );
    const where = path.relative(pkgDir, file);
    if (/^\s*(import|export)\b/m.test(text)) {
      fail(`${where}: only top-level "export function|const|let|class NAME" can be made CommonJS`);
    }
    const exportsList = names.map((name) => `exports.${name} = ${name};`).join("\n");
    fs.writeFileSync(file, `"use strict";\n// Made CommonJS by scripts/build-pkg.mjs for the Node build.\n${text}\n${exportsList}\n`);
    converted.push(where);
  }
  return converted;
}

/** Copies pkg-template/node/ beside the nodejs build; a name wasm-pack wrote is never overwritten. */
function copyNodeModules(nodeDir) {
  const copied = [];
  for (const file of fs.readdirSync(nodeTemplateDir).sort()) {
    const target = path.join(nodeDir, file);
    if (fs.existsSync(target)) fail(`pkg-template/node/${file} would overwrite a file of the wasm-pack build`);
    fs.copyFileSync(path.join(nodeTemplateDir, file), target);
    copied.push(file);
  }
  if (!copied.includes(nodeEntry)) fail(`pkg-template/node/${nodeEntry} is missing`);
  fs.chmodSync(path.join(nodeDir, cliFile), 0o755);
  return copied;
}

/** Wraps the CommonJS Node entry so `import { checksum } from "lgsp-paygate"` works with no init. */
function writeEsmWrapper(nodeDir) {
  const requireFromHere = createRequire(import.meta.url);
  const exportsObject = requireFromHere(path.join(nodeDir, nodeEntry));
  const names = Object.keys(exportsObject)
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name))
    .filter((name) => !name.startsWith("__") && name !== "default")
    .sort();

  const mjs = [
    "// Generated by scripts/build-pkg.mjs: the ES module face of the CommonJS entry point beside it.",
    'import { createRequire } from "node:module";',
    "",
    "const require = createRequire(import.meta.url);",
    `const build = require("./${nodeEntry}");`,
    "",
    ...names.map((name) => `export const ${name} = build.${name};`),
    "",
    "/** The web build must be initialised first; this one is ready on load, so `await init()` does nothing. */",
    "export default async function init() {}",
    "",
  ];
  const dmts = [
    "// Generated by scripts/build-pkg.mjs.",
    `export * from "./${nodeEntry}";`,
    "",
    "/** The web build must be initialised first; this one is ready on load, so `await init()` does nothing. */",
    "export default function init(moduleOrPath?: unknown): Promise<void>;",
    "",
  ];
  fs.writeFileSync(path.join(nodeDir, "index.mjs"), mjs.join("\n"));
  fs.writeFileSync(path.join(nodeDir, "index.d.mts"), dmts.join("\n"));
  return names;
}

async function checkEsmWrapper(nodeDir, names) {
  const wrapper = await import(pathToFileURL(path.join(nodeDir, "index.mjs")).href);
  const missing = names.filter((name) => typeof wrapper[name] === "undefined");
  if (missing.length > 0) fail(`index.mjs does not re-export: ${missing.join(", ")}`);
}

function printSizes() {
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  for (const { dir } of builds) {
    const file = path.join(pkgDir, dir, `${outName}_bg.wasm`);
    const bytes = fs.readFileSync(file);
    const gzipped = zlib.gzipSync(bytes, { level: 9 }).length;
    console.log(`${path.relative(root, file)}: ${kib(bytes.length)} raw, ${kib(gzipped)} gzipped`);
  }
}

for (const tool of ["wasm-pack", "wasm-bindgen", "wasm-opt"]) {
  // Without wasm-opt on PATH wasm-pack would quietly skip optimising.
  if (!onPath(tool)) fail(`${tool} is not on PATH; run \`make tools\``);
}
const version = crateVersion();

fs.rmSync(pkgDir, { recursive: true, force: true });
for (const { target, dir, type } of builds) {
  const outDir = path.join(pkgDir, dir);
  // no-install: use the tools on PATH, never download anything.
  run("wasm-pack", [
    "build", "--release", "--mode", "no-install",
    "--target", target, "--out-dir", outDir, "--out-name", outName,
  ]);
  for (const extra of wasmPackExtras) fs.rmSync(path.join(outDir, extra), { force: true });
  for (const file of fs.readdirSync(outDir)) {
    // Licence files are copied once, to the package root, below.
    if (/^LICEN[CS]E/i.test(file)) fs.rmSync(path.join(outDir, file));
  }
  // Pins how Node and TypeScript read the .js/.d.ts files, whatever the root manifest says.
  writeJson(path.join(outDir, "package.json"), { type });
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, "pkg-template", "package.json"), "utf8"));
manifest.version = version;
writeJson(path.join(pkgDir, "package.json"), manifest);

for (const file of fs.readdirSync(root)) {
  if (/^LICEN[CS]E/i.test(file)) fs.copyFileSync(path.join(root, file), path.join(pkgDir, file));
}
const readme = path.join(root, "pkg-template", "README.md");
if (fs.existsSync(readme)) fs.copyFileSync(readme, path.join(pkgDir, "README.md"));
for (const [from, to] of [["pkg-template/README.vi.md", "README.vi.md"], ["CHANGELOG.md", "CHANGELOG.md"]]) fs.copyFileSync(path.join(root, from), path.join(pkgDir, to));

const nodeDir = path.join(pkgDir, "node");
const snippets = snippetsToCommonJs(nodeDir);
const nodeModules = copyNodeModules(nodeDir);
const names = writeEsmWrapper(nodeDir);
await checkEsmWrapper(nodeDir, names);

console.log(`\nlgsp-paygate ${version} built in ${path.relative(process.cwd(), pkgDir) || "."}/`);
if (snippets.length > 0) console.log(`snippets made CommonJS for Node: ${snippets.join(", ")}`);
console.log(`Node-only modules: ${nodeModules.join(", ")}`);
console.log(`Node exports (${names.length}): ${names.join(", ") || "(none)"}`);
printSizes();
