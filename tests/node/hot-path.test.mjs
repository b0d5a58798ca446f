// The checksum hot path (through the installed package): `checksum` and `verify` run on the small
// hash module and the package's own scheme table, give the vectors' answers (computed by Python's
// hashlib, not by the package), load neither the full core nor its 450 KB of base64 in CommonJS,
// and step aside to the full core, with the same answers, where the hash module cannot be had.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vectors from './support/vectors.cjs';
import { jsonFromChild as inChild } from './support/child.mjs';

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('lgsp-paygate/package.json'));
const lib = require('lgsp-paygate');

test("the hot path's scheme table is the vectors' (written from the Python generator's own table)", async () => {
  const { SCHEME_TABLE } = await import(pathToFileURL(path.join(root, 'esm', 'core', 'scheme-table.js')).href);
  const expected = Object.entries(vectors.checksums.schemes).map(([id, s]) => [id, s.prefix.kind === 'literal' ? s.prefix.value : null, s.fields]);
  assert.deepEqual([...SCHEME_TABLE].sort(), expected.sort());
});

test('every checksum vector: the hot path and the full path give the vector its answer', () => {
  let hot = 0;
  for (const c of vectors.checksumCases) {
    const options = c.uppercase ? { uppercase: true } : undefined;
    const full = lib.checksum(c.scheme, c.fields, c.secretKey, options ?? {});
    if (c.result === 'valid') {
      if (!c.uppercase) {
        assert.equal(lib.checksum(c.scheme, c.fields, c.secretKey), c.checksum, `${c.id}: hot path`);
        hot += 1;
      }
      assert.equal(full, c.checksum, `${c.id}: full path`);
    }
    const message = { ...c.fields, checksum: c.checksum };
    assert.equal(lib.verify(c.scheme, message, c.secretKey), c.result === 'valid', `${c.id}: verify`);
    assert.equal(lib.verify(c.scheme, { ...message, checksum: ` ${c.checksum.toUpperCase()}\n` }, c.secretKey), c.result === 'valid', `${c.id}: verify, case and space aside`);
  }
  assert.ok(hot >= 4, `${hot} vectors took the hot path`);
});

test('small, large and small again: the hot path moves to a larger scratch buffer and keeps the right answers', () => {
  const c = vectors.simpleValidCase('lookup');
  const names = vectors.checksums.schemes.lookup.fields;
  const sha256 = (fields) => createHash('sha256').update(c.secretKey + names.map((n) => String(fields[n])).join(''), 'utf8').digest('hex');
  // 64 KiB of pre-image fits the fixed buffer at most; these need 1 MiB and more.
  const sizes = [10, 200_000, 10, 400_000, 10];
  for (const size of sizes) {
    const fields = { ...c.fields, orderId: 'Đơn hàng số '.repeat(Math.ceil(size / 12)).slice(0, size) };
    const expected = sha256(fields);
    assert.equal(lib.checksum('lookup', fields, c.secretKey), expected, `checksum at ${size} code units`);
    assert.equal(lib.verify('lookup', { ...fields, checksum: expected }, c.secretKey), true, `verify at ${size}`);
    assert.equal(lib.verify('lookup', { ...fields, checksum: expected.replace(/.$/, (d) => (d === '0' ? '1' : '0')) }, c.secretKey), false, `a wrong one at ${size}`);
  }
});

test('in CommonJS, signing and verifying load neither the full core nor its embedded bytes; the first other call does', () => {
  const c = vectors.simpleValidCase('paygate');
  const out = inChild(`
    const lib = require('lgsp-paygate');
    const loaded = () => Object.keys(require.cache).map((f) => require('node:path').basename(f));
    const c = ${JSON.stringify(c)};
    const sum = lib.checksum('paygate', c.fields, c.secretKey);
    const ok = lib.verify('paygate', { ...c.fields, checksum: sum }, c.secretKey);
    const before = loaded();
    const ids = lib.schemes().map((s) => s.id);
    process.stdout.write(JSON.stringify({ sum, ok, before, after: loaded(), ids }));
  `);
  assert.equal(out.sum, c.checksum);
  assert.equal(out.ok, true);
  for (const file of ['hash-embedded.js', 'fast-path.js', 'scheme-table.js']) assert.ok(out.before.includes(file), `${file} loaded for the hot path`);
  for (const file of ['wasm-embedded.js', 'wasm-glue.js', 'client.js', 'payment-result.js']) assert.ok(!out.before.includes(file), `${file} not loaded by checksum and verify`);
  for (const file of ['wasm-embedded.js', 'wasm-glue.js']) assert.ok(out.after.includes(file), `${file} loaded by schemes()`);
  assert.deepEqual(out.ids, ['paygate', 'result', 'refund', 'lookup']);
});

test('where the hash module cannot be compiled, checksum and verify take the full core, with the same answers', () => {
  const c = vectors.simpleValidCase('refund');
  for (const module of [false, true]) {
    // A runtime that refuses to compile small modules synchronously: the hash module, not the core.
    const refuse = `let refusals = 0; const Module = WebAssembly.Module; WebAssembly.Module = function (bytes) { if (bytes.byteLength < 100000) { refusals += 1; throw new RangeError('refused'); } return new Module(bytes); };`;
    const load = module ? `const lib = await import('lgsp-paygate');` : `const lib = require('lgsp-paygate');`;
    const out = inChild(`
      ${refuse}
      ${load}
      const c = ${JSON.stringify(c)};
      const sum = lib.checksum(c.scheme, c.fields, c.secretKey);
      const ok = lib.verify(c.scheme, { ...c.fields, checksum: sum }, c.secretKey);
      const wrong = lib.verify(c.scheme, { ...c.fields, checksum: sum.replace(/^./, (d) => (d === '0' ? '1' : '0')) }, c.secretKey);
      process.stdout.write(JSON.stringify({ sum, ok, wrong, refusals }));
    `, { module });
    assert.deepEqual(out, { sum: c.checksum, ok: true, wrong: false, refusals: 1 }, `${module ? 'ES module' : 'CommonJS'}: refused once, not at every call`);
  }
});
