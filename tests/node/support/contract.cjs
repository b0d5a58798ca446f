'use strict';
// Checks shared by the CommonJS and ESM test files: each takes the loaded package as `lib`, so the
// same contract is asserted against require('lgsp-paygate') and import('lgsp-paygate').
const assert = require('node:assert/strict');

/** Asserts one checksums.json case the way the vector format defines it; messages name the id. */
function checkChecksumCase(lib, c) {
  const at = `case ${c.id}`;
  const computed = lib.checksum(c.scheme, c.fields, c.secretKey, { uppercase: Boolean(c.uppercase) });
  if (c.result === 'valid') {
    assert.equal(computed, c.checksum, `${at}: checksum()`);
    assert.equal(lib.preimage(c.scheme, c.fields, c.secretKey, { revealSecret: true }), c.preimage, `${at}: preimage(revealSecret)`);
    assert.equal(lib.verify(c.scheme, { ...c.fields, checksum: c.checksum }, c.secretKey), true, `${at}: verify()`);
    const flipped = swapCase(c.checksum);
    assert.equal(lib.verify(c.scheme, { ...c.fields, checksum: ` ${flipped}\n` }, c.secretKey), true, `${at}: verify() of the other hex case with surrounding whitespace`);
    if (c.secretKey) {
      assert.ok(c.preimage.startsWith(c.secretKey), `${at}: vector pre-image starts with its secret`);
      const masked = '*'.repeat(Buffer.byteLength(c.secretKey, 'utf8')) + c.preimage.slice(c.secretKey.length);
      assert.equal(lib.preimage(c.scheme, c.fields, c.secretKey), masked, `${at}: preimage() masks the secret, one '*' per byte`);
    }
  } else {
    assert.notEqual(computed.toLowerCase(), c.checksum.toLowerCase(), `${at}: checksum() must differ from the received checksum`);
    assert.equal(lib.verify(c.scheme, { ...c.fields, checksum: c.checksum }, c.secretKey), false, `${at}: verify() must refuse`);
  }
}

/** Asserts one authorization.json case; messages name the id. */
function checkAuthorizationCase(lib, c) {
  const at = `case ${c.id}`;
  if (c.result === 'valid') {
    assert.deepEqual({ ...lib.decodeAuthorization(c.token) }, c.credentials, `${at}: decodeAuthorization()`);
    if (c.encodes) {
      assert.equal(lib.encodeAuthorization(c.credentials), c.token, `${at}: encodeAuthorization()`);
    }
  } else {
    const err = expectCode(() => lib.decodeAuthorization(c.token), c.errorCode, at);
    assertNoSecret(err, [c.token, c.credentials && c.credentials.secretKey], at);
  }
}

/** The codes of errors the core makes, which say what went wrong in English and Vietnamese. */
const CORE_SAYS = new Set(['UNKNOWN_SCHEME', 'MISSING_FIELD', 'MISSING_SECRET', 'INVALID_FIELD', 'INVALID_ARGUMENT',
  'INVALID_JSON', 'INVALID_TOKEN', 'INVALID_MESSAGE', 'INPUT_TOO_LARGE']);

/** Runs fn, asserts it threw a real Error with the given string `code`, and returns the error. */
function expectCode(fn, code, label) {
  let thrown = false;
  let err;
  try {
    fn();
  } catch (e) {
    thrown = true;
    err = e;
  }
  assert.ok(thrown, `${label}: expected an error with code ${code}, but the call returned`);
  assert.ok(err instanceof Error, `${label}: expected an Error object, got ${typeof err}: ${String(err)}`);
  assert.equal(err.code, code, `${label}: error code (message was: ${err.message})`);
  assert.equal(typeof err.message, 'string', `${label}: message is a string`);
  assert.ok(err.message.length > 0, `${label}: message is not empty`);
  if (CORE_SAYS.has(code)) assertSaid(err, label);
  return err;
}

/** Asserts none of the given secrets occurs in anything the error would show or log. */
function assertNoSecret(err, secrets, label) {
  const shown = [String(err), err.message, String(err.stack), JSON.stringify(err.problems ?? null), String(err.path ?? '')].join('\n');
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < 4) continue;
    assert.ok(!shown.includes(secret), `${label}: the error text reveals a secret (${JSON.stringify(err.message)})`);
  }
}

/**
 * True when a problem path names the field `name`. Accepts a bare name ("amount") and the
 * pointer-like spellings "/amount", "$.amount", "order.amount".
 */
function pathNames(path, name) {
  if (typeof path !== 'string') return false;
  const bare = path.replace(/^[$/.]+/, '');
  return bare === name || bare.endsWith('.' + name) || bare.endsWith('/' + name);
}

function problemsAt(list, name) {
  return list.filter((p) => pathNames(p.path, name));
}

/** Asserts every entry of a problem list has the {path, code, message} shape. */
function assertProblemShape(list, label) {
  assert.ok(Array.isArray(list), `${label}: is an array`);
  for (const p of list) {
    assert.equal(typeof p.path, 'string', `${label}: path is a string in ${JSON.stringify(p)}`);
    assert.equal(typeof p.code, 'string', `${label}: code is a string in ${JSON.stringify(p)}`);
    assert.ok(p.code.length > 0, `${label}: code is not empty in ${JSON.stringify(p)}`);
    assert.equal(typeof p.message, 'string', `${label}: message is a string in ${JSON.stringify(p)}`);
    assert.ok(p.message.length > 0, `${label}: message is not empty in ${JSON.stringify(p)}`);
    assertSaid(p, `${label}: ${p.code}`);
  }
}

/**
 * Asserts a problem, repair or error says it as data: `params` (an object of strings and numbers)
 * and `text`, whose English is the `message` and whose Vietnamese is its own.
 */
function assertSaid(said, label) {
  const json = JSON.stringify(said);
  assert.ok(said.params !== null && typeof said.params === 'object' && !Array.isArray(said.params), `${label}: params is an object in ${json}`);
  for (const value of Object.values(said.params)) assert.ok(['string', 'number'].includes(typeof value), `${label}: params hold strings and numbers in ${json}`);
  assert.equal(said.text?.en, said.message, `${label}: text.en is the message in ${json}`);
  assert.equal(typeof said.text.vi, 'string', `${label}: text.vi is a string in ${json}`);
  assert.ok(said.text.vi.length > 0 && said.text.vi !== said.text.en, `${label}: text.vi is Vietnamese of its own in ${json}`);
}

function swapCase(text) {
  return text.replace(/[a-zA-Z]/g, (ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()));
}

/** Every function the contract names; both module formats must export all of them. */
const EXPORTED_FUNCTIONS = [
  'checksum', 'preimage', 'verify', 'schemes', 'validate',
  'buildPaygateRequest', 'buildRefundRequest', 'buildLookupRequest',
  'parsePaymentResult', 'paymentResultReply', 'parseGatewayResponse',
  'encodeAuthorization', 'decodeAuthorization',
];

module.exports = {
  checkChecksumCase,
  checkAuthorizationCase,
  expectCode,
  assertNoSecret,
  pathNames,
  problemsAt,
  assertProblemShape,
  assertSaid,
  CORE_SAYS,
  swapCase,
  EXPORTED_FUNCTIONS,
};
