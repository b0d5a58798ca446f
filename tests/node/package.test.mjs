// The installed tarball: every file its manifest points at is there, `types` comes first in each
// condition, Node gets the Node entry point (core, gateway helpers, mock gateway), other runtimes
// the same without the mock, Workers an entry that imports the .wasm, nothing is found by path or
// URL at run time, the CLI is installed, and it carries its README.
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

test('require, import, browser and Workers resolve to the documented builds', () => {
  const dot = manifest.exports['.'];
  const flat = leaves(dot).map(({ trail, target }) => ({ path: trail.join('>'), target }));
  const find = (pattern) => flat.filter((l) => pattern.test(l.path) && !/types$/.test(l.path)).map((l) => l.target.replace(/^\.\//, ''));
  assert.deepEqual(find(/^node>require/), ['cjs/index.js'], 'Node require');
  assert.deepEqual(find(/^node>import/), ['esm/index.js'], 'Node import');
  assert.deepEqual(find(/^import/), ['esm/browser.js'], 'import elsewhere (browsers, bundlers for the web)');
  assert.deepEqual(find(/^require/), ['cjs/browser.js'], 'require elsewhere (Jest with jsdom)');
  assert.deepEqual(find(/^workerd/), ['esm/workerd.js'], 'Cloudflare Workers');
  assert.equal(manifest.exports['./lgsp_paygate_bg.wasm'].default, './lgsp_paygate_bg.wasm', 'the .wasm itself can be imported');
});

test('every condition gets the same declarations, ESM and CommonJS alike', () => {
  const types = leaves(manifest.exports['.']).filter(({ trail }) => trail.at(-1) === 'types').map(({ target }) => target);
  assert.deepEqual([...new Set(types)].sort(), ['./cjs/index.d.ts', './esm/index.d.ts']);
  assert.equal(fs.readFileSync(path.join(root, 'cjs', 'index.d.ts'), 'utf8'), fs.readFileSync(path.join(root, 'esm', 'index.d.ts'), 'utf8'));
});

test('the README travels with the package', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.match(readme, /lgsp-paygate/);
  assert.match(readme, /npm install lgsp-paygate/);
});

/** The package's files a module loads, following its static imports and literal import()s. */
function moduleGraph(entry) {
  const seen = new Set();
  const queue = [path.join(root, entry)];
  const builtins = [];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    const specifiers = /^\s*(?:import|export)\s[^'";]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)/gm;
    for (const match of text.matchAll(specifiers)) {
      const spec = match.slice(1).find((s) => s !== undefined);
      if (spec.startsWith('.')) queue.push(path.resolve(path.dirname(file), spec));
      else builtins.push(spec);
    }
  }
  return { files: [...seen].map((f) => path.relative(root, f)), imports: builtins };
}

test('outside Node the builds import no Node built-in, and keep the client', async () => {
  for (const entry of ['esm/browser.js', 'esm/workerd.js', 'cjs/browser.js']) {
    const { files, imports } = moduleGraph(entry);
    assert.ok(files.length > 3, `${entry} has a module graph`);
    assert.deepEqual(imports, [], `${entry} imports only the package's own modules`);
  }
  const workerd = moduleGraph('esm/workerd.js').files;
  for (const wasm of ['lgsp_paygate_bg.wasm', 'lgsp_paygate_hash.wasm']) assert.ok(workerd.includes(wasm), `the Workers entry imports ${wasm}`);
  for (const copy of ['wasm-embedded.js', 'hash-embedded.js']) assert.ok(!workerd.includes(path.join('esm', 'core', copy)), `and not the embedded copy ${copy}`);
  const browser = await import(path.join(root, 'esm', 'browser.js'));
  assert.equal(typeof browser.createClient, 'function');
  await assert.rejects(browser.startMockGateway(), (e) => e.code === 'UNSUPPORTED_RUNTIME' && /Node/.test(e.message));
});

test('nothing in the package finds a file by path or URL at run time', () => {
  for (const dir of ['esm', 'cjs']) {
    for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.js'))) {
      const text = fs.readFileSync(path.join(root, dir, file), 'utf8');
      assert.doesNotMatch(text, /__dirname|__filename|import\.meta|createRequire/, `${dir}/${file}`);
      if (file !== 'cli.js') assert.doesNotMatch(text, /readFileSync/, `${dir}/${file}`);
    }
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

test('the tarball holds only what a user needs: the two builds, the two .wasm modules, the docs', () => {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  const allowed = /^(package\.json|README(\.vi)?\.md|CHANGELOG\.md|docs\/(vi\/)?[\w.-]+\.md|LICEN[CS]E[\w.-]*|lgsp_paygate_bg\.wasm(\.d\.ts)?|lgsp_paygate_hash\.wasm|(esm|cjs)\/([\w-]+\/)*[\w.-]+\.(js|d\.ts)|(esm|cjs)\/package\.json)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), [], 'files outside the builds and docs');
  for (const dir of ['esm', 'cjs']) {
    for (const entry of ['index.js', 'browser.js', 'index.d.ts', 'core/wasm-embedded.js', 'core/hash-embedded.js']) assert.ok(files.includes(`${dir}/${entry}`), `${dir}/${entry}`);
  }
});
