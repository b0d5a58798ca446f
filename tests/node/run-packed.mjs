#!/usr/bin/env node
// Tests the package the way a user gets it: `npm pack` pkg/, install the tarball into a throwaway
// consumer project, run the Node tests there (so 'lgsp-paygate' resolves to the installed copy),
// then type-check the strict TypeScript consumers of tests/ts/ and tests/node/ts/ (the Node
// helpers) against the installed .d.ts files, as CommonJS and as ESM.
//
// Usage: node tests/node/run-packed.mjs [test-name-pattern]
// LGSP_KEEP_CONSUMER=1 keeps the consumer project for inspection; LGSP_PKG_DIR=<dir> tests the
// package built there (scripts/build-pkg.mjs honours the same variable) instead of pkg/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgDir = process.env.LGSP_PKG_DIR ? path.resolve(process.env.LGSP_PKG_DIR) : path.join(repo, 'pkg');
const tsc = path.join(repo, 'node_modules', '.bin', 'tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// The README's framework recipes run with express4, express5 (npm aliases) and fastify; its
// examples are type-checked with typescript and @types/node.
const TEST_LIBRARIES = ['fast-check', 'express4', 'express5', 'fastify', 'typescript', '@types/node'];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(status, what) {
  if (status !== 0) throw new Error(`${what} failed (exit ${status})`);
}

function copy(from, to) {
  fs.cpSync(path.join(repo, from), to, {
    recursive: true,
    filter: (src) => !src.endsWith('run-packed.mjs'),
  });
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * An example project beside the tests, its sources copied and its installed dependencies linked
 * from the repository (`make tools-example`), all but lgsp-paygate: that one resolves to the
 * consumer's own node_modules, the installed tarball.
 */
function copyExample(consumer, name) {
  const from = path.join(repo, 'examples', name);
  const to = path.join(consumer, 'examples', name);
  fs.cpSync(from, to, { recursive: true, filter: (src) => !/[\\/](node_modules|[^\\/]+\.db[^\\/]*)$/.test(src) });
  const installed = path.join(from, 'node_modules');
  if (!fs.existsSync(installed)) return;
  fs.mkdirSync(path.join(to, 'node_modules'));
  for (const entry of fs.readdirSync(installed)) {
    if (entry === 'lgsp-paygate' || entry.startsWith('.')) continue;
    fs.symlinkSync(path.join(installed, entry), path.join(to, 'node_modules', entry), 'dir');
  }
}

function prepare(work) {
  const packed = spawnSync(npm, ['pack', pkgDir, '--pack-destination', work, '--json', '--silent'], { encoding: 'utf8' });
  must(packed.status ?? 1, `npm pack ${pkgDir}:\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout);
  const tarball = path.join(work, info.filename);
  console.log(`packed ${info.name}@${info.version}: ${info.entryCount} files, ${info.size} bytes`);

  const consumer = path.join(work, 'consumer');
  writeJson(path.join(consumer, 'package.json'), { name: 'lgsp-paygate-consumer', version: '0.0.0', private: true });
  must(run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: consumer }), 'npm install of the tarball');
  // Libraries only the tests use come from the repository's dev dependencies, linked rather than
  // installed, so the consumer holds the tarball alone.
  for (const name of TEST_LIBRARIES) {
    fs.mkdirSync(path.dirname(path.join(consumer, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(path.join(repo, 'node_modules', name), path.join(consumer, 'node_modules', name), 'dir');
  }

  copy('tests/node', path.join(consumer, 'tests', 'node'));
  copy('tests/ts', path.join(consumer, 'tests', 'ts'));
  fs.mkdirSync(path.join(consumer, 'tests', 'vectors'), { recursive: true });
  for (const name of fs.readdirSync(path.join(repo, 'tests', 'vectors')).filter((f) => f.endsWith('.json'))) {
    fs.copyFileSync(path.join(repo, 'tests', 'vectors', name), path.join(consumer, 'tests', 'vectors', name));
  }
  // The core's error codes as Rust gives them to JavaScript, for the test that every thrown code is known.
  fs.mkdirSync(path.join(consumer, 'src'), { recursive: true });
  fs.copyFileSync(path.join(repo, 'src', 'error.rs'), path.join(consumer, 'src', 'error.rs'));
  copyExample(consumer, 'unit-backend');
  return consumer;
}

function nodeTests(consumer, pattern) {
  const dir = path.join(consumer, 'tests', 'node');
  const files = fs.readdirSync(dir).filter((f) => /\.test\.(cjs|mjs)$/.test(f)).sort().map((f) => path.join('tests', 'node', f));
  // Four files at a time: most of the layer waits on loopback servers and the kit's time bounds,
  // not on the CPU (one at a time, as node --test runs on two cores, took twice as long).
  const args = ['--test', '--test-concurrency=4', '--test-reporter=spec', ...(pattern ? ['--test-name-pattern', pattern] : []), ...files];
  console.log(`\n# node ${args.join(' ')}`);
  // The documentation tests read the pages, the sources they check them against and the links'
  // targets in the repository itself.
  return run(process.execPath, args, { cwd: consumer, env: { ...process.env, LGSP_REPOSITORY: repo } });
}

/** The TypeScript consumers, relative to the consumer project: every .ts file of tests/ts and tests/node/ts. */
const TS_CONSUMERS = [path.join('tests', 'ts'), path.join('tests', 'node', 'ts')].flatMap((dir) =>
  fs.readdirSync(path.join(repo, dir)).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(dir, f)));

/** Type-checks each consumer once where it is CommonJS and once where it is an ES module. */
function typeCheck(consumer) {
  if (!fs.existsSync(tsc)) {
    console.error(`missing ${tsc}: run npm install in the repository first`);
    return 1;
  }
  let status = 0;
  for (const type of ['commonjs', 'module']) {
    const dir = path.join(consumer, 'tests', `ts-${type}`);
    fs.mkdirSync(dir, { recursive: true });
    const files = TS_CONSUMERS.filter((file) => fs.existsSync(path.join(consumer, file))).map((file) => path.basename(file));
    for (const file of TS_CONSUMERS) {
      if (fs.existsSync(path.join(consumer, file))) fs.copyFileSync(path.join(consumer, file), path.join(dir, path.basename(file)));
    }
    writeJson(path.join(dir, 'package.json'), { private: true, type });
    writeJson(path.join(dir, 'tsconfig.json'), {
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'node16',
        moduleResolution: 'node16',
        target: 'es2022',
        lib: ['es2022', 'dom'],
        types: [],
        skipLibCheck: false,
        noUncheckedIndexedAccess: true,
      },
      files,
    });
    console.log(`\n# tsc --noEmit: ${files.join(', ')} as ${type === 'module' ? 'an ES module' : 'CommonJS'}`);
    const result = run(tsc, ['-p', path.join(dir, 'tsconfig.json')], { cwd: dir });
    console.log(result === 0 ? 'ok' : `not ok (exit ${result})`);
    status ||= result;
  }
  return status;
}

function main() {
  if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
    console.error('pkg/ is not built: run `make pkg` first');
    return 1;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lgsp-paygate-packed-'));
  try {
    const consumer = prepare(work);
    const tests = nodeTests(consumer, process.argv[2]);
    const types = typeCheck(consumer);
    console.log(`\nnode tests: ${tests === 0 ? 'passed' : 'FAILED'}; type check: ${types === 0 ? 'passed' : 'FAILED'}`);
    return tests || types;
  } catch (e) {
    console.error(e.message);
    return 1;
  } finally {
    if (process.env.LGSP_KEEP_CONSUMER) console.log(`consumer kept in ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main();
