// What every step of the package build shares: where things are, how a step fails, how a tool runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pkgDir = process.env.LGSP_PKG_DIR ? path.resolve(process.env.LGSP_PKG_DIR) : path.join(root, 'pkg');
export const crateName = 'lgsp_paygate';
/** The full core's module, as wasm-bindgen names it. */
export const wasmFile = `${crateName}_bg.wasm`;
/** The hot path's module: the hash crate, built with its C-ABI exports. */
export const hashCrate = 'lgsp-paygate-hash';
export const hashFile = 'lgsp_paygate_hash.wasm';
export const wasmTarget = 'wasm32-unknown-unknown';
/** The package's hand-written ES modules, copied to pkg/esm/ as they are. */
export const esmSourceDir = path.join(root, 'pkg-template', 'esm');
/** Modules written for CommonJS itself, which replace the transpiled ES module at the same path. */
export const cjsSourceDir = path.join(root, 'pkg-template', 'cjs');
/** Where the build writes what it generates, under esm/ (and, transpiled, cjs/). */
export const generated = Object.freeze({
  glue: 'core/wasm-glue.js',
  coreBase64: 'core/wasm-embedded.js',
  hashBase64: 'core/hash-embedded.js',
  schemeTable: 'core/scheme-table.js',
  types: 'core/types.d.ts',
  version: 'node/cli/version.js',
});

export function fail(message) {
  console.error(`build-pkg: ${message}`);
  process.exit(1);
}

// The same PATH the Makefile uses, so the build also works when run on its own.
process.env.PATH = [path.join(root, 'node_modules', '.bin'), path.join(os.homedir(), '.cargo', 'bin'), process.env.PATH ?? ''].join(
  path.delimiter,
);

export function onPath(tool) {
  return process.env.PATH.split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, tool), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} exited with status ${result.status}`);
}

export function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Every file under dir, as paths relative to it with forward slashes, sorted. */
export function filesUnder(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The lines of `[table]` in a crate's manifest (the full core's unless told). */
function tomlTable(name, manifest = 'Cargo.toml') {
  const toml = fs.readFileSync(path.join(root, manifest), 'utf8');
  let table = '';
  const lines = [];
  for (const line of toml.split(/\r?\n/)) {
    const header = line.match(/^\s*\[([^\]]+)\]\s*(#.*)?$/);
    if (header) table = header[1].trim();
    else if (table === name) lines.push(line);
  }
  return lines;
}

export function crateVersion() {
  for (const line of tomlTable('package')) {
    const version = line.match(/^\s*version\s*=\s*"([^"]+)"/);
    if (version) return version[1];
  }
  return fail('no version in the [package] table of Cargo.toml');
}

/** The hash crate's manifest. */
export const hashManifest = 'crates/hash/Cargo.toml';

/**
 * wasm-opt's flags for a crate's module, kept in its manifest (the full core's in Cargo.toml,
 * where `wasm-pack test` reads them too).
 */
export function wasmOptFlags(manifest = 'Cargo.toml') {
  for (const line of tomlTable('package.metadata.wasm-pack.profile.release', manifest)) {
    const flags = line.match(/^\s*wasm-opt\s*=\s*\[(.*)\]/);
    if (flags) return [...flags[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  }
  return fail(`no wasm-opt flags in [package.metadata.wasm-pack.profile.release] of ${manifest}`);
}

/** The CLI, the manifest's `bin`. */
export const cliFile = 'node/cli/cli.js';
