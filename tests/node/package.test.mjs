// The installed tarball: every file its manifest points at is there, `types` comes first in each
// condition, Node gets the Node entry point (core + gateway helpers) and browsers the wasm-only
// web build, the CLI is installed, and it carries its README.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const manifestPath = require.resolve('lgsp-paygate/package.json');
const root = path.dirname(manifestPath);
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));

/** Every leaf of the exports map with the chain of conditions that leads to it. */
function leaves(node, trail = []) {
  if (typeof node === 'string') return [{ trail, target: node }];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, [...trail, key]));
}

/** Every object in the exports map whose values are file targets. */
function conditionObjects(node, trail = []) {
  if (typeof node === 'string') return [];
  const own = Object.values(node).some((v) => typeof v === 'string') ? [{ trail, keys: Object.keys(node) }] : [];
  return own.concat(Object.entries(node).flatMap(([key, value]) => conditionObjects(value, [...trail, key])));
}

test('the package is named lgsp-paygate and versioned', () => {
  assert.equal(manifest.name, 'lgsp-paygate');
  assert.match(manifest.version, /^\d+\.\d+\.\d+/);
  assert.notEqual(manifest.version, '0.0.0', 'the build stamps the crate version');
});

test('every file the exports map names is in the tarball', () => {
  const all = leaves(manifest.exports);
  assert.ok(all.length > 0, 'exports has targets');
  for (const { trail, target } of all) {
    assert.ok(fs.existsSync(path.join(root, target)), `exports ${trail.join(' > ')} -> ${target} exists`);
  }
  for (const key of ['main', 'module', 'types']) {
    if (manifest[key]) assert.ok(fs.existsSync(path.join(root, manifest[key])), `${key} -> ${manifest[key]} exists`);
  }
});

test('types comes first in every condition', () => {
  for (const { trail, keys } of conditionObjects(manifest.exports['.'])) {
    if (keys.includes('types')) assert.equal(keys[0], 'types', `exports['.'] > ${trail.join(' > ')}: ${keys.join(', ')}`);
    else assert.fail(`exports['.'] > ${trail.join(' > ')} has no types`);
  }
});

test('require, import and browser resolve to the documented builds', () => {
  const dot = manifest.exports['.'];
  const flat = leaves(dot).map(({ trail, target }) => ({ path: trail.join('>'), target }));
  const find = (pattern) => flat.filter((l) => pattern.test(l.path) && !/types$/.test(l.path)).map((l) => l.target.replace(/^\.\//, ''));
  assert.deepEqual(find(/require/), ['node/index.js'], 'require');
  assert.deepEqual(find(/import/), ['node/index.mjs'], 'import');
  assert.deepEqual(find(/^browser/), ['web/lgsp_paygate.js'], 'browser');
});

test('the README travels with the package', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.match(readme, /lgsp-paygate/);
  assert.match(readme, /npm install lgsp-paygate/);
});

test('the browser build is the WebAssembly core alone: no Node built-ins, no Node-only helpers', () => {
  const webDir = path.join(root, 'web');
  for (const file of fs.readdirSync(webDir).filter((f) => /\.(m?js|d\.ts)$/.test(f))) {
    const text = fs.readFileSync(path.join(webDir, file), 'utf8');
    assert.doesNotMatch(text, /from ["']node:|require\(["']node:/, `web/${file} imports no Node built-in`);
    assert.doesNotMatch(text, /createClient|startMockGateway/, `web/${file} has no Node-only helper`);
  }
});

test('the bin is the CLI, executable, with a node shebang', () => {
  assert.deepEqual(Object.keys(manifest.bin), ['lgsp-paygate']);
  const cli = path.join(root, manifest.bin['lgsp-paygate']);
  assert.match(fs.readFileSync(cli, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  assert.ok((fs.statSync(cli).mode & 0o111) !== 0, 'executable');
});

test('the package has no runtime dependencies', () => {
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.peerDependencies, undefined);
});
