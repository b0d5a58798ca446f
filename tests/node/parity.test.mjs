// `require` and `import` must be the same library: identical answers on every vector.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as esm from 'lgsp-paygate';
import vectors from './support/vectors.cjs';

const cjs = createRequire(import.meta.url)('lgsp-paygate');

/** Everything the vector-level functions say about one case, errors included as their code. */
function outcome(lib, fn) {
  try {
    return { value: fn(lib) };
  } catch (e) {
    return { code: e && e.code, message: e && e.message };
  }
}

function checksumAnswers(lib, c) {
  return {
    lower: outcome(lib, (l) => l.checksum(c.scheme, c.fields, c.secretKey)),
    upper: outcome(lib, (l) => l.checksum(c.scheme, c.fields, c.secretKey, { uppercase: true })),
    masked: outcome(lib, (l) => l.preimage(c.scheme, c.fields, c.secretKey)),
    revealed: outcome(lib, (l) => l.preimage(c.scheme, c.fields, c.secretKey, { revealSecret: true })),
    verify: outcome(lib, (l) => l.verify(c.scheme, { ...c.fields, checksum: c.checksum }, c.secretKey)),
    validate: outcome(lib, (l) => l.validate(c.scheme, { ...c.fields, checksum: c.checksum })),
  };
}

function authorizationAnswers(lib, c) {
  return {
    decoded: outcome(lib, (l) => ({ ...l.decodeAuthorization(c.token) })),
    encoded: c.credentials ? outcome(lib, (l) => l.encodeAuthorization(c.credentials)) : null,
  };
}

test('require and import give identical results on every vector', () => {
  const { checksumCases, authorizationCases } = vectors;
  assert.ok(checksumCases.length > 0 && authorizationCases.length > 0, 'vectors are present');
  for (const c of checksumCases) {
    assert.deepEqual(checksumAnswers(esm, c), checksumAnswers(cjs, c), `case ${c.id}`);
  }
  for (const c of authorizationCases) {
    assert.deepEqual(authorizationAnswers(esm, c), authorizationAnswers(cjs, c), `case ${c.id}`);
  }
  assert.deepEqual(esm.schemes(), cjs.schemes(), 'schemes()');
});
