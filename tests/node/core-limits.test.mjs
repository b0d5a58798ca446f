// A core that never stays broken (through the installed package, in a child process whose heap
// is capped): input too large for the core is refused with INPUT_TOO_LARGE before anything is
// copied into WebAssembly memory, so linear memory stays where it was; and when a call fails
// inside WebAssembly (here: memory filled to its 4 GiB ceiling from outside, so the core's next
// allocation traps), the error is CORE_FAILED and the next call works on a fresh instance.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import vectors from './support/vectors.cjs';

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('lgsp-paygate/package.json'));
const MIB = 1024 * 1024;

/** Runs `body` (an ES module's text) in a child Node with a capped heap; returns its JSON output. */
function inChild(body) {
  const run = spawnSync(process.execPath, ['--max-old-space-size=768', '--input-type=module', '-e', body], {
    cwd: process.cwd(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(run.status, 0, `child failed (${run.signal ?? run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

const paygate = vectors.simpleValidCase('paygate');
const lookup = vectors.simpleValidCase('lookup');
const SECRET = vectors.checksums.secretKey ?? paygate.secretKey;

test('a 100 MB input is refused before it is copied, and a trap inside WebAssembly does not outlive its call', () => {
  const out = inChild(`
    import * as lib from 'lgsp-paygate';
    import * as glue from ${JSON.stringify(path.join(root, 'esm', 'wasm-glue.js'))};
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
    // Fill linear memory to the wasm32 ceiling, so the next allocation inside the core fails.
    const memory = glue.__memory();
    memory.grow(65536 - memory.buffer.byteLength / 65536);
    const filled = memory.buffer.byteLength;
    const trapped = attempt(() => lib.checksum('lookup', { ...lookup.fields, orderId: 'y'.repeat(1024 * 1024) }, lookup.secretKey));
    const next = attempt(checksum);
    const slow = attempt(() => lib.verify('paygate', { ...paygate.fields, checksum: paygate.checksum }, paygate.secretKey));
    const afterRestart = lib.wasmMemoryBytes();
    process.stdout.write(JSON.stringify({ first, baseline, refused: { ...refused, handled: { accepted: refused.handled.accepted, reply: refused.handled.reply, problems: refused.handled.problems } }, afterRefusal, filled, trapped, next, slow, afterRestart }));
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
  assert.equal(out.next.value, paygate.checksum, 'the next call works');
  assert.equal(out.slow.value, true, 'and so does verify');
  assert.ok(out.afterRestart - out.baseline <= 64 * MIB, `a fresh instance: +${(out.afterRestart - out.baseline) / MIB} MiB over the first`);
});
