#!/usr/bin/env node
// Browser layer: serves the page (built from www/ and pkg/) with scripts/serve.mjs on a free
// port, then runs the page tests (node --test) in real Chromium against it (the one-file page's
// test builds and opens its own file), and checks the page's transfer size against its budgets
// (scripts/page-size.mjs): over budget fails the layer. The server is always stopped.
//
// Usage: node tests/browser/run.mjs      (needs `make pkg` first)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, pageSize } from '../../scripts/page-size.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const START_TIMEOUT_MS = 30_000;

/** Starts the server and resolves with the URL it prints on stdout. */
function startServer() {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', '0', '--host', '127.0.0.1'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`serve.mjs printed no URL in ${START_TIMEOUT_MS} ms: ${seen}`)), START_TIMEOUT_MS);
    server.stdout.setEncoding('utf8');
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /https?:\/\/[^\s"'<>]+/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited early (${signal ?? code}): ${seen}`));
    });
    server.on('error', reject);
  });
  return { server, url };
}

function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 5_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

function runTests(pageUrl) {
  const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(here, f));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
      cwd: repo,
      stdio: 'inherit',
      env: { ...process.env, LGSP_PAGE_URL: pageUrl },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', reject);
  });
}

async function main() {
  if (!fs.existsSync(path.join(repo, 'pkg', 'esm'))) {
    console.error('pkg/esm is not built: run `make pkg` first');
    return 1;
  }
  const { server, url } = startServer();
  const stop = () => stopServer(server).then(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const pageUrl = await url;
    console.log(`serving at ${pageUrl}`);
    const code = await runTests(pageUrl);
    try {
      const report = await pageSize();
      console.log(describe(report).join('\n'));
      if (report.over.length > 0) return 1;
    } catch (e) {
      console.error(`page size: ${e.message}`);
      return 1;
    }
    return code;
  } catch (e) {
    console.error(e.message);
    return 1;
  } finally {
    await stopServer(server);
  }
}

process.exitCode = await main();
