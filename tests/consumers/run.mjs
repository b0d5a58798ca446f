#!/usr/bin/env node
// The consumer matrix: the packed package (`npm pack` of pkg/) tried the way projects use it. Each
// case writes a tiny consumer into tests/consumers/work/<case>/ (the tarball unpacked into its
// node_modules), builds it with the tool where the tool bundles, copies the output away from every
// node_modules (a fresh temporary directory) and runs it there: Node, Chromium (playwright-core),
// a Next.js standalone server, a `bun build --compile` binary, Deno, wrangler's local Workers
// runtime, Jest and Vitest. Every case checks a real checksum against tests/vectors/checksums.json
// (the Python generator's answer, not the package's) and that a genuine payment result is accepted.
// Then the types: tsc --strict with moduleResolution node16, nodenext and bundler (ESM and CJS),
// every export named; publint and @arethetypeswrong/cli on the tarball.
//
// Usage: node tests/consumers/run.mjs [case-name-regexp]      (needs `make pkg` and npm ci here)
// LGSP_KEEP_CONSUMERS=1 keeps tests/consumers/work/ for inspection.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const pkgDir = process.env.LGSP_PKG_DIR ? path.resolve(process.env.LGSP_PKG_DIR) : path.join(repo, 'pkg');
const bin = path.join(here, 'node_modules', '.bin');
const workRoot = path.join(here, 'work');
const casesDir = path.join(here, 'cases');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------
// Vectors: a paygate case with Vietnamese text (UTF-8 on the way in) and a valid payment result.

const vectors = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'vectors', 'checksums.json'), 'utf8')).cases;
const valid = (scheme) => vectors.filter((c) => c.scheme === scheme && c.result === 'valid' && !c.uppercase);
const vector = valid('paygate').find((c) => /[^\x00-\x7f]/.test(Object.values(c.fields).join(''))) ?? valid('paygate')[0];
const resultCase = valid('result')[0];
const EXPECTED = { checksum: vector.checksum, accepted: true };
const probeInput = {
  vector: { scheme: vector.scheme, fields: vector.fields, secretKey: vector.secretKey },
  result: { ...resultCase.fields, checksum: resultCase.checksum },
};

// ---------------------------------------------------------------------------------------------
// Helpers

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 600_000, ...options, env: { ...baseEnv(), ...options.env } });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${path.basename(command)} ${args.join(' ')} exited ${result.status ?? result.signal}:\n${output}`);
  }
  return result.stdout;
}

/** No telemetry, no update checks, no prompts, caches inside the work tree. */
function baseEnv() {
  return {
    ...process.env,
    CI: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    WRANGLER_SEND_METRICS: 'false',
    DENO_NO_UPDATE_CHECK: '1',
    DENO_DIR: path.join(workRoot, '.deno'),
    BUN_INSTALL_CACHE_DIR: path.join(workRoot, '.bun'),
    XDG_CONFIG_HOME: path.join(workRoot, '.config'),
    DO_NOT_TRACK: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/** A fresh directory outside the repository, so no node_modules above it can help. */
const isolatedDirs = [];
function isolated(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lgsp-consumer-${name}-`));
  isolatedDirs.push(dir);
  return dir;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts a long-running command; resolves once `ready` matches its output. */
function start(command, args, options, ready, timeoutMs = 120_000) {
  const child = spawn(command, args, { ...options, env: { ...baseEnv(), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      stop(child);
      reject(new Error(`${path.basename(command)}: ${error.message}\n${output.split('\n').slice(-30).join('\n')}`));
    };
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => fail(new Error(`exited ${code ?? signal} before it was ready`)));
    child.on('error', fail);
  });
}

/** Ends a started process and everything it spawned (its own process group). */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** Serves dir on 127.0.0.1 (module scripts need http, not file:). */
function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(dir, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

let browser = null;
async function chromium() {
  if (browser === null) {
    const { chromium: launcher } = await import(pathToFileURL(path.join(here, 'node_modules', 'playwright-core', 'index.mjs')).href);
    browser = await launcher.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  }
  return browser;
}

/** Opens dir/index.html in Chromium and returns what the page's probe set on window.__probe. */
async function inChromium(dir) {
  const { server, url } = await serve(dir);
  const page = await (await chromium()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__probe !== undefined, null, { timeout: 30_000 }).catch(() => {
      throw new Error(`no result in the page: ${errors.join('; ') || 'no error shown'}`);
    });
    return await page.evaluate(() => window.__probe);
  } finally {
    await page.close();
    server.close();
  }
}

function parseProbe(stdout) {
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{"checksum"'));
  if (!line) throw new Error(`no probe output in:\n${stdout.slice(-2000)}`);
  return JSON.parse(line);
}

function check(actual, what) {
  const ok = actual && actual.checksum === EXPECTED.checksum && actual.accepted === EXPECTED.accepted;
  if (!ok) throw new Error(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(EXPECTED)} (vector ${vector.id}, result ${resultCase.id})`);
}

/** The page whose recipes (the Next.js route handler, the Workers handler) the consumers run as documented. */
const RECIPES_PAGE = 'docs/receiving-results.md';

/** The code block of RECIPES_PAGE whose first line is `// <file>...`: the recipe as documented. */
function readmeRecipe(file) {
  const page = fs.readFileSync(path.join(repo, ...RECIPES_PAGE.split('/')), 'utf8');
  for (const [, code] of page.matchAll(/^```[\w-]*\n([\s\S]*?)^```/gm)) {
    const first = code.split('\n', 1)[0];
    if (first.startsWith(`// ${file}`)) return code;
  }
  throw new Error(`${RECIPES_PAGE} has no code block starting "// ${file}"`);
}

/**
 * What the recipes import as "./payments.js" here: the configuration from the environment (the
 * mock's, set by withMockFlow) and records kept in the process, which know every order whose id
 * starts SBN_ at 40000 VND (the orders withMockFlow creates). The records are on globalThis, so
 * that every route bundle of a Next.js app shares them.
 */
const CONSUMER_PAYMENTS = `const env = (typeof process === "object" && process.env) || {};
export const environment = { baseUrl: env.LGSP_BASE_URL ?? "" };
export const credentials = { partnerCode: env.LGSP_PARTNER_CODE ?? "", accessKey: env.LGSP_ACCESS_KEY ?? "",
  secretKey: env.LGSP_SECRET_KEY ?? "", authorization: env.LGSP_AUTHORIZATION ?? "" };
const store = (globalThis.__lgspRecords ??= { paid: new Set(), claimed: new Set(), kept: new Map() });
export const records = {
  async findOrder(orderId) { return orderId.startsWith("SBN_") ? { orderId, amount: 40000, paid: store.paid.has(orderId) } : null; },
  async markOrderPaid(deliveryKey, result) {
    if (store.claimed.has(deliveryKey)) return;
    store.claimed.add(deliveryKey);
    store.paid.add(result.orderId);
  },
  async keep(deliveryKey, result) { store.kept.set(deliveryKey, result); },
  async kept() { return [...store.kept].map(([deliveryKey, result]) => ({ deliveryKey, result })); },
  async forget(deliveryKey) { store.kept.delete(deliveryKey); },
};
export const recordsIn = () => records;
`;

// ---------------------------------------------------------------------------------------------
// The consumers' own files: the probe (ESM and CommonJS), the vectors it checks against.

function probeFiles() {
  const data = JSON.stringify(probeInput);
  return {
    'vector.mjs': `export const input = ${data};\n`,
    'vector.cjs': `module.exports = { input: ${data} };\n`,
    'probe.mjs': [
      "import { checksum, handlePaymentResult } from 'lgsp-paygate';",
      "import { input } from './vector.mjs';",
      'export function probe() {',
      '  const { scheme, fields, secretKey } = input.vector;',
      '  return { checksum: checksum(scheme, fields, secretKey), accepted: handlePaymentResult(JSON.stringify(input.result)).accepted };',
      '}',
      '',
    ].join('\n'),
    'probe.cjs': [
      "const { checksum, handlePaymentResult } = require('lgsp-paygate');",
      "const { input } = require('./vector.cjs');",
      'exports.probe = function probe() {',
      '  const { scheme, fields, secretKey } = input.vector;',
      '  return { checksum: checksum(scheme, fields, secretKey), accepted: handlePaymentResult(JSON.stringify(input.result)).accepted };',
      '};',
      '',
    ].join('\n'),
    'main.mjs': "import { probe } from './probe.mjs';\nconsole.log(JSON.stringify(probe()));\n",
    'main.cjs': "const { probe } = require('./probe.cjs');\nconsole.log(JSON.stringify(probe()));\n",
    'browser.mjs': [
      "import init from 'lgsp-paygate';",
      "import { probe } from './probe.mjs';",
      'await init();',
      'window.__probe = probe();',
      '',
    ].join('\n'),
  };
}

const PAGE = (script, type = 'module') => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>probe</title><script type="${type}" src="${script}"></script>\n`;

/** A consumer project: its files, and the packed package unpacked into its node_modules. */
function consumer(name, files = {}) {
  const dir = path.join(workRoot, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'node_modules', 'lgsp-paygate'), { recursive: true });
  run('tar', ['-xzf', tarball, '-C', path.join(dir, 'node_modules', 'lgsp-paygate'), '--strip-components=1']);
  write(dir, { 'package.json': JSON.stringify({ name: `consumer-${name}`, private: true, version: '0.0.0' }, null, 2), ...probeFiles(), ...files });
  return dir;
}

/** Copies the built output away from every node_modules. */
function away(name, from, entries) {
  const to = isolated(name);
  for (const entry of entries) fs.cpSync(path.join(from, entry), path.join(to, entry), { recursive: true });
  return to;
}

// ---------------------------------------------------------------------------------------------
// The cases

const node = process.execPath;

const cases = {
  'node-esm': async () => {
    const dir = consumer('node-esm');
    check(parseProbe(run(node, ['main.mjs'], { cwd: dir })), 'import');
  },
  'node-cjs': async () => {
    const dir = consumer('node-cjs');
    check(parseProbe(run(node, ['main.cjs'], { cwd: dir })), 'require');
  },
  'esbuild-node-esm': async () => {
    const dir = consumer('esbuild-node-esm');
    run(path.join(bin, 'esbuild'), ['main.mjs', '--bundle', '--platform=node', '--format=esm', '--outfile=out/main.mjs', '--log-level=warning'], { cwd: dir });
    check(parseProbe(run(node, ['main.mjs'], { cwd: away('esbuild-esm', path.join(dir, 'out'), ['main.mjs']) })), 'bundle');
  },
  'esbuild-node-cjs': async () => {
    const dir = consumer('esbuild-node-cjs');
    run(path.join(bin, 'esbuild'), ['main.cjs', '--bundle', '--platform=node', '--format=cjs', '--outfile=out/main.cjs', '--log-level=warning'], { cwd: dir });
    check(parseProbe(run(node, ['main.cjs'], { cwd: away('esbuild-cjs', path.join(dir, 'out'), ['main.cjs']) })), 'bundle');
  },
  'esbuild-browser': async () => {
    const dir = consumer('esbuild-browser', { 'out/index.html': PAGE('app.js') });
    run(path.join(bin, 'esbuild'), ['browser.mjs', '--bundle', '--platform=browser', '--format=esm', '--outfile=out/app.js', '--log-level=warning'], { cwd: dir });
    check(await inChromium(away('esbuild-browser', path.join(dir, 'out'), ['.'])), 'page');
  },
  'webpack-node': async () => {
    const dir = consumer('webpack-node');
    await webpackBuild(dir, { target: 'node', entry: './main.mjs', output: { path: path.join(dir, 'out'), filename: 'main.js' } });
    check(parseProbe(run(node, ['main.js'], { cwd: away('webpack-node', path.join(dir, 'out'), ['.']) })), 'bundle');
  },
  'webpack-web': async () => {
    const dir = consumer('webpack-web', { 'out/index.html': PAGE('app.js', 'text/javascript') });
    await webpackBuild(dir, { target: 'web', entry: './browser.mjs', output: { path: path.join(dir, 'out'), filename: 'app.js' } });
    check(await inChromium(away('webpack-web', path.join(dir, 'out'), ['.'])), 'page');
  },
  'vite-browser': async () => {
    const dir = consumer('vite-browser', { 'index.html': PAGE('/browser.mjs') });
    run(node, [path.join(here, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', 'out', '--logLevel', 'warn'], { cwd: dir });
    check(await inChromium(away('vite-browser', path.join(dir, 'out'), ['.'])), 'page');
  },
  'vite-ssr': async () => {
    const dir = consumer('vite-ssr', { 'vite.config.mjs': 'export default { ssr: { noExternal: true } };\n' });
    run(node, [path.join(here, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--ssr', 'main.mjs', '--outDir', 'out', '--logLevel', 'warn'], { cwd: dir });
    check(parseProbe(run(node, ['main.mjs'], { cwd: away('vite-ssr', path.join(dir, 'out'), ['.']) })), 'SSR bundle');
  },
  next: async () => nextStandalone(),
  'bun-compile': async () => {
    const dir = consumer('bun-compile');
    run(path.join(bin, 'bun'), ['build', '--compile', 'main.mjs', '--outfile', 'out/app'], { cwd: dir });
    const to = away('bun', path.join(dir, 'out'), ['app']);
    check(parseProbe(run(path.join(to, 'app'), [], { cwd: to })), 'binary');
  },
  deno: async () => {
    const dir = consumer('deno', { 'deno.json': JSON.stringify({ nodeModulesDir: 'manual' }) });
    check(parseProbe(run(path.join(bin, 'deno'), ['run', '--allow-read', '--allow-env', 'main.mjs'], { cwd: dir })), 'deno run');
  },
  workers: async () => workers(),
  'jest-node': async () => jest('node'),
  'jest-jsdom': async () => jest('jsdom'),
  vitest: async () => {
    const dir = consumer('vitest', {
      'probe.test.mjs': [
        "import { expect, test } from 'vitest';",
        "import { probe } from './probe.mjs';",
        `test('checksum and handlePaymentResult', () => { expect(probe()).toEqual(${JSON.stringify(EXPECTED)}); });`,
        '',
      ].join('\n'),
    });
    run(node, [path.join(here, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir], { cwd: dir });
  },
};

async function webpackBuild(dir, config) {
  const { default: webpack } = await import(pathToFileURL(path.join(here, 'node_modules', 'webpack', 'lib', 'index.js')).href);
  const stats = await new Promise((resolve, reject) => {
    webpack({ mode: 'production', context: dir, devtool: false, ...config }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
}

function jest(environment) {
  const dir = consumer(`jest-${environment}`, {
    'jest.config.cjs': `module.exports = { testEnvironment: ${JSON.stringify(environment === 'jsdom' ? 'jest-environment-jsdom' : 'node')}, rootDir: __dirname };\n`,
    'probe.test.cjs': [
      "const { probe } = require('./probe.cjs');",
      `test('checksum and handlePaymentResult', () => { expect(probe()).toEqual(${JSON.stringify(EXPECTED)}); });`,
      '',
    ].join('\n'),
  });
  run(node, [path.join(here, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--config', 'jest.config.cjs'], { cwd: dir });
}

/** The documented route handler, plus a probe route, in a Next.js app built with output: "standalone". */
async function nextStandalone() {
  const dir = consumer('next', {
    'next.config.mjs': 'export default { output: "standalone" };\n',
    'app/lgsp/return/route.ts': readmeRecipe('app/lgsp/return/route.ts'),
    'lgsp-return.js': readmeRecipe('lgsp-return.js'),
    'payments.js': CONSUMER_PAYMENTS,
    'app/probe/route.ts': [
      "import { probe } from '../../probe.mjs';",
      "export const dynamic = 'force-dynamic';",
      'export function GET(): Response {',
      '  return Response.json(probe());',
      '}',
      '',
    ].join('\n'),
    'probe.d.mts': 'export declare function probe(): { checksum: string; accepted: boolean };\n',
    // create-next-app's tsconfig.json.
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2017', lib: ['dom', 'dom.iterable', 'esnext'], allowJs: true, skipLibCheck: true, strict: true, noEmit: true,
        esModuleInterop: true, module: 'esnext', moduleResolution: 'bundler', resolveJsonModule: true, isolatedModules: true,
        jsx: 'react-jsx', incremental: true, plugins: [{ name: 'next' }], paths: { '@/*': ['./*'] },
      },
      include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '**/*.mts', '.next/types/**/*.ts'],
      exclude: ['node_modules'],
    }, null, 2),
  });
  // The consumer's own dependencies, as `npm install next react react-dom` would give them.
  for (const name of ['next', 'react', 'react-dom', '@types/react', '@types/node', 'typescript']) {
    fs.mkdirSync(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(path.join(here, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  }
  run(node, [path.join(here, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { cwd: dir });
  const standalone = path.join(dir, '.next', 'standalone');
  const server = findFile(standalone, 'server.js');
  const to = away('next', standalone, ['.']);
  const serverJs = path.join(to, path.relative(standalone, server));
  await withMockFlow('next', async (env, port) => {
    const started = await start(node, [serverJs], { cwd: path.dirname(serverJs), env: { ...env, PORT: String(port), HOSTNAME: '127.0.0.1' } }, /Ready|started server|Listening/i);
    return started.child;
  });
}

function findFile(dir, name) {
  const queue = [dir];
  while (queue.length > 0) {
    const d = queue.shift();
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(d, entry.name);
      if (entry.isFile() && entry.name === name) return full;
      if (entry.isDirectory()) queue.push(full);
    }
  }
  throw new Error(`no ${name} under ${dir}`);
}

/** The documented Workers fetch handler (and a probe route beside it) under `wrangler dev`. */
async function workers() {
  const dir = consumer('workers', {
    'src/recipe.js': readmeRecipe('src/index.js'),
    'src/lgsp-return.js': readmeRecipe('lgsp-return.js'),
    'src/payments.js': CONSUMER_PAYMENTS,
    'src/index.js': [
      "import recipe from './recipe.js';",
      "import { probe } from '../probe.mjs';",
      'export default {',
      '  async fetch(request, env, ctx) {',
      "    if (new URL(request.url).pathname === '/probe') return Response.json(probe());",
      '    return recipe.fetch(request, env, ctx);',
      '  },',
      '};',
      '',
    ].join('\n'),
    'wrangler.toml': 'name = "lgsp-consumer"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n',
  });
  await withMockFlow('workers', async (env, port) => {
    const vars = Object.entries(env).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
    const started = await start(
      path.join(bin, 'wrangler'),
      ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()), '--show-interactive-dev-session=false', ...vars],
      { cwd: dir },
      /Ready on http/i,
    );
    return started.child;
  });
}

/**
 * Starts the server `launch` runs (with the gateway credentials in env), checks its probe route,
 * then a real flow: a payment created on the mock gateway with returnUrl on that server, paid, the
 * signed result PUT to the documented handler, which confirms it with a lookup and answers SUCCESSFUL.
 */
async function withMockFlow(name, launch) {
  const lib = await import(pathToFileURL(path.join(workRoot, name, 'node_modules', 'lgsp-paygate', 'esm', 'index.js')).href);
  const mock = await lib.startMockGateway();
  const port = await freePort();
  const env = {
    LGSP_BASE_URL: mock.url,
    LGSP_PARTNER_CODE: mock.credentials.partnerCode,
    LGSP_ACCESS_KEY: mock.credentials.accessKey,
    LGSP_SECRET_KEY: mock.credentials.secretKey,
    LGSP_AUTHORIZATION: mock.credentials.authorization ?? lib.encodeAuthorization(mock.credentials),
  };
  const child = await launch(env, port);
  try {
    const base = `http://127.0.0.1:${port}`;
    check(await (await fetch(`${base}/probe`)).json(), 'probe route');
    const client = lib.createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials, timeoutMs: 10_000 });
    const orderId = `SBN_${Date.now()}`;
    await client.createPayment({
      orderId, amount: 40000, orderInfo: 'Lệ phí hồ sơ', requestCode: '12357851', serviceCode: 'hcm_dichvucong',
      returnUrl: `${base}/lgsp/return`, ipAddress: '120.72.114.122', accountCode: 'payment_test',
    });
    const delivery = await mock.complete(orderId, 'pay');
    const reply = !delivery.delivered ? null : typeof delivery.reply === 'string' ? JSON.parse(delivery.reply) : delivery.reply;
    if (reply?.error_code !== 'SUCCESSFUL') throw new Error(`the documented handler answered ${JSON.stringify(delivery)}`);
    // A forged result (its checksum needs no secret) for an order the gateway never saw: FAILED.
    const forged = { paygate: 'momo', payTransId: '999', orderId: 'SBN_FORGED', amount: 40000, orderInfo: 'x', payDate: '20250101120000', errorCode: '00', type: 'Pay' };
    const answer = await fetch(`${base}/lgsp/return`, { method: 'PUT', body: JSON.stringify({ ...forged, checksum: lib.checksum('result', forged, null) }) });
    const forgedReply = await answer.json();
    if (forgedReply.error_code !== 'FAILED') throw new Error(`a forged result was answered ${JSON.stringify(forgedReply)}`);
    // The citizen's browser, back on returnUrl: a page from the unit's records.
    const page = await fetch(`${base}/lgsp/return?orderId=${orderId}`);
    const html = await page.text();
    if (page.status !== 200 || !html.includes('đã thanh toán')) throw new Error(`the citizen's page: HTTP ${page.status} ${html.slice(0, 200)}`);
  } finally {
    stop(child);
    await mock.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Types and package lint

/** A strict consumer naming every export, type-checked under one module/moduleResolution pair. */
function typeCase(resolution, type) {
  return async () => {
    const dir = consumer(`tsc-${resolution}-${type}`);
    const names = Object.keys(await import(pathToFileURL(path.join(dir, 'node_modules', 'lgsp-paygate', 'esm', 'index.js')).href)).filter((n) => n !== 'default');
    const code = [
      `import init, { ${names.join(', ')} } from "lgsp-paygate";`,
      'import type { ErrorCode, GatewayClient, PaymentResult, ValidationReport } from "lgsp-paygate";',
      '',
      `const everything: unknown[] = [init, ${names.join(', ')}];`,
      'const digest: string = checksum("lookup", { partnerCode: "p", accessKey: "a", transactionNo: "1", orderId: "o" }, "s");',
      'const report: ValidationReport = validate("lookup", { partnerCode: "p" });',
      'const outcome = handlePaymentResult("{}");',
      'const result: PaymentResult | null = outcome.result;',
      'const client: GatewayClient = createClient({ environment: "test", credentials: { partnerCode: "p", accessKey: "a", secretKey: "s", authorization: "t" } });',
      'const code: ErrorCode = "INPUT_TOO_LARGE";',
      'const limit: number = MAX_INPUT_LENGTH;',
      'export const used = [everything, digest, report, result, client, code, limit, startMockGateway, confirmPayment, initSync];',
      '',
    ].join('\n');
    // With bundler resolution, `preserve` keeps each file's own format: a .cts file is CommonJS
    // and resolves through the `require` condition.
    const module = resolution === 'bundler' ? (type === 'module' ? 'esnext' : 'preserve') : resolution;
    const file = resolution === 'bundler' && type === 'commonjs' ? 'consumer.cts' : 'consumer.ts';
    write(dir, {
      'package.json': JSON.stringify({ private: true, type }),
      [file]: code,
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true, noEmit: true, module, moduleResolution: resolution, target: 'es2022', lib: ['es2022', 'dom'],
          types: [], skipLibCheck: false, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true,
        },
        files: [file],
      }),
    });
    run(path.join(bin, 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir });
  };
}

for (const resolution of ['node16', 'nodenext', 'bundler']) {
  for (const type of ['module', 'commonjs']) {
    cases[`tsc-${resolution}-${type === 'module' ? 'esm' : 'cjs'}`] = typeCase(resolution, type);
  }
}

cases.publint = async () => {
  const out = run(path.join(bin, 'publint'), ['run', tarball, '--strict'], { cwd: here });
  if (!/All good/i.test(out)) throw new Error(`publint reports:\n${out}`);
};
cases.attw = async () => {
  const out = run(path.join(bin, 'attw'), [tarball, '--format', 'ascii'], { cwd: here });
  if (!/No problems found/i.test(out)) throw new Error(`@arethetypeswrong/cli reports:\n${out}`);
};

// ---------------------------------------------------------------------------------------------

let tarball;

async function main() {
  if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
    console.error('pkg/ is not built: run `make pkg` first');
    return 1;
  }
  if (!fs.existsSync(bin)) {
    console.error('tests/consumers/node_modules is missing: run `npm ci` in tests/consumers (make test-consumers does)');
    return 1;
  }
  const pattern = process.argv[2] ? new RegExp(process.argv[2]) : null;
  fs.mkdirSync(workRoot, { recursive: true });
  const packed = JSON.parse(run('npm', ['pack', pkgDir, '--pack-destination', workRoot, '--json', '--silent']));
  tarball = path.join(workRoot, packed[0].filename);
  console.log(`packed ${packed[0].name}@${packed[0].version} (${packed[0].entryCount} files); vector ${vector.id}, result ${resultCase.id}`);

  const rows = [];
  const begun = performance.now();
  for (const [name, fn] of Object.entries(cases)) {
    if (pattern && !pattern.test(name)) continue;
    const t0 = performance.now();
    let error = null;
    try {
      await fn();
    } catch (e) {
      error = e;
    }
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    rows.push({ name, ok: error === null, seconds });
    console.log(`${error === null ? 'ok    ' : 'FAILED'} ${name.padEnd(20)} ${seconds.padStart(6)} s${error ? `\n${String(error.message).replace(/^/gm, '       ')}` : ''}`);
  }
  await browser?.close();
  const failed = rows.filter((r) => !r.ok);
  console.log(`\nconsumer matrix: ${rows.length - failed.length}/${rows.length} passed in ${((performance.now() - begun) / 1000).toFixed(0)} s`);
  if (!process.env.LGSP_KEEP_CONSUMERS) {
    for (const dir of [workRoot, ...isolatedDirs]) fs.rmSync(dir, { recursive: true, force: true });
  }
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
