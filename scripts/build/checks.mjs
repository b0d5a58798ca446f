// Step 6: what the built package must hold before it is called built.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { fail, generated } from './common.mjs';

/** Names a module exports, from its live bindings. */
async function exportNames(file) {
  return Object.keys(await import(pathToFileURL(file).href)).sort();
}

/**
 * Every public function of the glue is guarded in core/functions.js, and every entry point
 * exports the same names (ES modules for Node, CommonJS, browsers); returns them.
 */
export async function checkExports(esmDir, cjsDir) {
  const glue = await exportNames(path.join(esmDir, generated.glue));
  const guarded = new Set(await exportNames(path.join(esmDir, 'core', 'functions.js')));
  const unguarded = glue.filter((n) => !n.startsWith('__') && n !== 'initSync' && n !== 'default' && !guarded.has(n));
  if (unguarded.length > 0) fail(`pkg-template/esm/core/functions.js does not export (behind its guard): ${unguarded.join(', ')}`);

  const esm = await exportNames(path.join(esmDir, 'index.js'));
  const cjs = Object.keys(createRequire(import.meta.url)(path.join(cjsDir, 'index.js'))).filter((n) => n !== '__esModule').sort();
  const browser = await exportNames(path.join(esmDir, 'browser.js'));
  for (const [what, names] of [['cjs/index.js', cjs], ['esm/browser.js', browser]]) {
    if (names.join() !== esm.join()) fail(`${what} exports ${names.join(', ')}; esm/index.js exports ${esm.join(', ')}`);
  }
  return esm;
}

export function printSizes(modules) {
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const gz = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
  for (const [name, bytes] of modules) console.log(`${name}: ${kib(bytes.length)} raw, ${kib(gz(bytes))} gzipped`);
}
