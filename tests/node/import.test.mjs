// The ESM entry point (`import`), checked against every shared vector.
import test from 'node:test';
import assert from 'node:assert/strict';
import init, * as lib from 'lgsp-paygate';
import vectors from './support/vectors.cjs';
import contract from './support/contract.cjs';

const { checksumCases, authorizationCases } = vectors;
const { checkChecksumCase, checkAuthorizationCase, EXPORTED_FUNCTIONS } = contract;

test('import exports every function of the contract by name', () => {
  for (const name of EXPORTED_FUNCTIONS) {
    assert.equal(typeof lib[name], 'function', `import { ${name} } from 'lgsp-paygate'`);
  }
});

test('import: the default export init() resolves, as the web build\'s does after loading', async () => {
  assert.equal(typeof init, 'function', 'default export');
  await init();
  const c = checksumCases.find((k) => k.result === 'valid');
  assert.equal(lib.checksum(c.scheme, c.fields, c.secretKey, { uppercase: Boolean(c.uppercase) }), c.checksum, `case ${c.id} after init()`);
});

test('import: checksums.json', async (t) => {
  assert.ok(checksumCases.length > 0, 'checksums.json has cases');
  for (const c of checksumCases) {
    await t.test(c.id, () => checkChecksumCase(lib, c));
  }
});

test('import: authorization.json', async (t) => {
  assert.ok(authorizationCases.length > 0, 'authorization.json has cases');
  for (const c of authorizationCases) {
    await t.test(c.id, () => checkAuthorizationCase(lib, c));
  }
});
