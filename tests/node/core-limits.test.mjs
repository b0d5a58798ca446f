// A core that never stays broken (through the installed package, in a child process whose heap
// is capped): input too large for the core is refused with INPUT_TOO_LARGE before anything is
// copied into WebAssembly memory, so linear memory stays where it was; and when a call fails
// inside WebAssembly (here: memory filled to its 4 GiB ceiling from outside, so the next
// allocation traps), the error is CORE_FAILED and the next call works on a fresh instance. Both
// modules are tried: the full core, and the small hash module of the checksum hot path.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import vectors from './support/vectors.cjs';
import { jsonFromChild } from './support/child.mjs';

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('lgsp-paygate/package.json'));
const MIB = 1024 * 1024;

/** Runs `body` (an ES module's text) in a child Node with a capped heap; returns its JSON output. */
function inChild(body) {
  return jsonFromChild(body, { module: true, nodeArgs: ['--max-old-space-size=768'], timeout: 120_000 });
}

const paygate = vectors.simpleValidCase('paygate');
const lookup = vectors.simpleValidCase('lookup');
const SECRET = vectors.checksums.secretKey ?? paygate.secretKey;

test('a 100 MB input is refused before it is copied, and a trap inside WebAssembly does not outlive its call', () => {
  const out = inChild(`
    // The CommonJS build, module by module, so that the test reaches the instances the package
    // uses (the ES build's Node entry is one bundled file).
    import { createRequire } from 'node:module';
    const require = createRequire(${JSON.stringify(path.join(root, 'package.json'))});
    const lib = require('lgsp-paygate');
    const glue = require(${JSON.stringify(path.join(root, 'cjs', 'core', 'wasm-glue.js'))});
    const { hashExports } = require(${JSON.stringify(path.join(root, 'cjs', 'core', 'hash-core.js'))});
    const attempt = (fn) => { try { return { value: fn() }; } catch (e) { return { code: e.code, message: e.message, name: e.name, limit: e.limit }; } };
    const paygate = ${JSON.stringify(paygate)};
    const lookup = ${JSON.stringify(lookup)};
    const checksum = () => lib.checksum('paygate', paygate.fields, paygate.secretKey);
    const first = checksum();
    const baseline = lib.wasmMemoryBytes();
    const huge = 'x'.repeat(100 * 1024 * 1024);
    const refused = {
      body: attempt(() => lib.parsePaymentResult(huge)),
      // Its own limit (1 MiB by default) raised past the core's, so the core's guard is what refuses.
      handled: lib.handlePaymentResult(huge, { maxBytes: 1024 * 1024 * 1024 }),
      field: attempt(() => lib.checksum('lookup', { ...lookup.fields, orderId: huge }, lookup.secretKey)),
      diagnose: attempt(() => lib.diagnose('paygate', { ...paygate.fields, orderInfo: huge, checksum: paygate.checksum }, paygate.secretKey)),
      nested: attempt(() => lib.validate('paygate', { ...paygate.fields, extra: [[{ deep: 'z'.repeat(50 * 1024 * 1024) }]] })),
    };
    const afterRefusal = lib.wasmMemoryBytes();
    // Fill the full core's linear memory to the wasm32 ceiling (its glue's initSync gives the
    // instance's exports once instantiated), so its next allocation fails; options take the full path.
    const fill = (memory) => { memory.grow(65536 - memory.buffer.byteLength / 65536); return memory.buffer.byteLength; };
    const filled = fill(glue.initSync().memory);
    const trapped = attempt(() => lib.checksum('lookup', { ...lookup.fields, orderId: 'y'.repeat(1024 * 1024) }, lookup.secretKey, { uppercase: true }));
    const next = attempt(() => lib.checksum('paygate', paygate.fields, paygate.secretKey, { uppercase: true }));
    const slow = attempt(() => lib.diagnose('paygate', { ...paygate.fields, checksum: paygate.checksum }, paygate.secretKey).matches);
    const afterRestart = lib.wasmMemoryBytes();
    // The same for the hash module: its scratch buffer cannot grow, so the hot path traps.
    const hashFilled = fill(hashExports().memory);
    const hashTrapped = attempt(() => lib.checksum('lookup', { ...lookup.fields, orderId: 'h'.repeat(1024 * 1024) }, lookup.secretKey));
    const hashNext = attempt(checksum);
    const hashVerify = attempt(() => lib.verify('paygate', { ...paygate.fields, checksum: paygate.checksum }, paygate.secretKey));
    const hashAfter = hashExports().memory.buffer.byteLength;
    process.stdout.write(JSON.stringify({ first, baseline, refused: { ...refused, handled: { accepted: refused.handled.accepted, reply: refused.handled.reply, problems: refused.handled.problems } }, afterRefusal, filled, trapped, next, slow, afterRestart, hashFilled, hashTrapped, hashNext, hashVerify, hashAfter }));
  `);

  assert.equal(out.first, paygate.checksum, 'the vector checksum before anything');
  for (const [what, r] of Object.entries({ body: out.refused.body, field: out.refused.field, diagnose: out.refused.diagnose })) {
    assert.equal(r.code, 'INPUT_TOO_LARGE', `${what}: ${JSON.stringify(r)}`);
    assert.match(r.message, /4194304/, `${what} names the limit`);
    assert.equal(r.limit, 4194304, `${what} carries the limit`);
  }
  assert.equal(out.refused.nested.code, 'INPUT_TOO_LARGE', 'a long string nested in the message');
  assert.equal(out.refused.handled.accepted, false, 'handlePaymentResult does not throw: it refuses');
  assert.match(out.refused.handled.reply, /FAILED/);
  assert.equal(out.refused.handled.problems[0].code, 'INPUT_TOO_LARGE');
  assert.ok(out.afterRefusal - out.baseline <= 64 * MIB, `memory after the refusals: +${(out.afterRefusal - out.baseline) / MIB} MiB`);

  assert.equal(out.filled, 4 * 1024 * MIB, 'linear memory at its ceiling');
  assert.equal(out.trapped.code, 'CORE_FAILED', JSON.stringify(out.trapped));
  assert.match(out.trapped.message, /restarted/);
  assert.equal(out.next.value, paygate.checksum.toUpperCase(), 'the next call works');
  assert.equal(out.slow.value, true, 'and so does another function of the full core');
  assert.ok(out.afterRestart - out.baseline <= 64 * MIB, `a fresh instance: +${(out.afterRestart - out.baseline) / MIB} MiB over the first`);

  assert.equal(out.hashFilled, 4 * 1024 * MIB, 'the hash module\'s memory at its ceiling');
  assert.equal(out.hashTrapped.code, 'CORE_FAILED', JSON.stringify(out.hashTrapped));
  assert.match(out.hashTrapped.message, /restarted/);
  assert.equal(out.hashNext.value, paygate.checksum, 'the next checksum works');
  assert.equal(out.hashVerify.value, true, 'and so does verify');
  assert.ok(out.hashAfter <= 64 * MIB, `a fresh hash module: ${out.hashAfter / MIB} MiB`);
});
