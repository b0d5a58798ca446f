// No leak: a million calls alternating good and bad input leave WebAssembly linear memory where
// it stood after the first thousand. Memory only grows (wasmMemoryBytes() reports its size), so a
// leak of even a few bytes per call shows as pages added over a million calls.
//
// Most calls are the cheap hot ones (checksum, verify, decodeAuthorization, each with good and
// bad input, the bad ones throwing); every tenth call goes through one of the other exports, with
// good or bad input in turn, so every path that allocates is exercised tens of thousands of times.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as lib from 'lgsp-paygate';
import vectors from './support/vectors.cjs';
import samples from './support/samples.cjs';

const CALLS = Number(process.env.LGSP_LEAK_CALLS ?? 1_000_000);
const WARMUP = 1_000;
/** Four 64 KiB pages: room for the allocator's own bookkeeping, far below any per-call leak. */
const BOUND = 4 * 65_536;

const lookup = vectors.simpleValidCase('lookup');
const paygate = vectors.simpleValidCase('paygate');
const result = vectors.simpleValidCase('result');
const token = lib.encodeAuthorization({ accessKey: 'a', secretKey: samples.credentials.secretKey, appName: 'app', partnerCode: 'p', partnerCodeCus: 'c' });
const lookupFields = { ...lookup.fields };
const lookupMessage = { ...lookup.fields, checksum: lookup.checksum };
const missingField = { ...lookup.fields, orderId: undefined };
const paygateMessage = { ...paygate.fields, checksum: paygate.checksum };
const wrongPaygate = { ...paygate.fields, checksum: paygate.checksum.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
const resultText = JSON.stringify({ ...result.fields, checksum: result.checksum });
const response = { error_code: 'SUCCESSFUL', error_message: 'Thành công', data: samples.lookupResponseData };

/** Runs a call that may throw; a thrown error must be the package's coded Error. */
function attempt(fn) {
  try {
    return fn();
  } catch (e) {
    if (typeof e?.code !== 'string') throw e;
    return e;
  }
}

/** The cheap calls, good and bad in turn. */
const hot = [
  () => lib.checksum('lookup', lookupFields, lookup.secretKey),
  () => attempt(() => lib.checksum('lookup', missingField, lookup.secretKey)),
  () => lib.verify('lookup', lookupMessage, lookup.secretKey),
  () => attempt(() => lib.verify('lookup', { ...lookupFields, checksum: 5 }, lookup.secretKey)),
  () => lib.decodeAuthorization(token),
  () => attempt(() => lib.decodeAuthorization('%%%not a token')),
];

/** The other exports, good and bad in turn (one of these every tenth call). */
const rest = [
  () => lib.validate('paygate', paygateMessage),
  () => attempt(() => lib.validate('paygate', '{"amount": 1,')),
  () => lib.explain('paygate', paygateMessage, paygate.secretKey),
  () => lib.explain('paygate', { orderInfo: ' x', amount: 1.5 }, null),
  () => lib.parsePaymentResult(resultText),
  () => attempt(() => lib.parsePaymentResult('{"amount": ')),
  () => lib.parseLoose('{“orderId”: "SBN_100012", "check-sum": "ab",}'),
  () => lib.parseLoose('\u{FEFF}{{{'),
  () => lib.buildLookupRequest(samples.lookup, samples.credentials),
  () => attempt(() => lib.buildLookupRequest({ ...samples.lookup, orderId: '' }, samples.credentials)),
  () => lib.parseGatewayResponse('lookup', response),
  () => attempt(() => lib.parseGatewayResponse('lookup', '[]')),
  () => lib.preimage('lookup', lookupFields, lookup.secretKey),
  () => attempt(() => lib.preimage('nope', lookupFields, lookup.secretKey)),
  () => lib.detectScheme(paygateMessage),
  () => lib.diagnose('paygate', wrongPaygate, paygate.secretKey),
];

test(`${CALLS} calls alternating good and bad input do not grow linear memory`, { timeout: 300_000 }, () => {
  let after = 0;
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) {
    if (i % 10 === 9) rest[Math.floor(i / 10) % rest.length]();
    else hot[i % hot.length]();
    if (i + 1 === WARMUP) after = lib.wasmMemoryBytes();
  }
  const seconds = (performance.now() - start) / 1000;
  const end = lib.wasmMemoryBytes();
  console.log(
    `linear memory after ${WARMUP} calls: ${after} bytes; after ${CALLS} calls: ${end} bytes ` +
      `(growth ${end - after} bytes, bound ${BOUND}); ${CALLS} calls in ${seconds.toFixed(1)} s`,
  );
  assert.ok(end - after <= BOUND, `linear memory grew by ${end - after} bytes over ${CALLS} calls (bound ${BOUND})`);
  assert.equal(lib.checksum('lookup', lookupFields, lookup.secretKey), lookup.checksum, 'the instance still computes right');
});
