'use strict';
// The CommonJS entry point (`require`), checked against every shared vector.
const test = require('node:test');
const assert = require('node:assert/strict');
const lib = require('lgsp-paygate');
const { checksumCases, authorizationCases } = require('./support/vectors.cjs');
const { checkChecksumCase, checkAuthorizationCase, EXPORTED_FUNCTIONS } = require('./support/contract.cjs');
const { sha256Hex } = require('./support/reference.cjs');

test('require exports every function of the contract', () => {
  for (const name of EXPORTED_FUNCTIONS) {
    assert.equal(typeof lib[name], 'function', `require('lgsp-paygate').${name}`);
  }
});

test('the vectors agree with node:crypto', () => {
  assert.ok(checksumCases.length > 0, 'checksums.json has cases');
  for (const c of checksumCases) {
    assert.equal(Buffer.from(c.preimage, 'utf8').toString('hex'), c.preimageHex.toLowerCase(), `case ${c.id}: preimageHex`);
    if (c.result === 'valid') {
      assert.equal(c.checksum.toLowerCase(), sha256Hex(c.preimage), `case ${c.id}: sha256(preimage)`);
    }
  }
});

test('require: checksums.json', async (t) => {
  for (const c of checksumCases) {
    await t.test(c.id, () => checkChecksumCase(lib, c));
  }
});

test('require: authorization.json', async (t) => {
  assert.ok(authorizationCases.length > 0, 'authorization.json has cases');
  for (const c of authorizationCases) {
    await t.test(c.id, () => checkAuthorizationCase(lib, c));
  }
});
