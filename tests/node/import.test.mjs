// The ESM entry point (`import`), checked against every shared vector.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as lib from 'lgsp-paygate';
import vectors from './support/vectors.cjs';
import contract from './support/contract.cjs';

const { checksumCases, authorizationCases } = vectors;
const { checkChecksumCase, checkAuthorizationCase, EXPORTED_FUNCTIONS } = contract;

test('import exports every function of the contract by name', () => {
  for (const name of EXPORTED_FUNCTIONS) {
    assert.equal(typeof lib[name], 'function', `import { ${name} } from 'lgsp-paygate'`);
  }
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
