'use strict';
// Loads the shared JSON test vectors. The relative layout tests/node -> tests/vectors is the same
// in the repository and in the throwaway consumer project that run-packed.mjs builds.
const fs = require('node:fs');
const path = require('node:path');

const VECTORS_DIR = path.join(__dirname, '..', '..', 'vectors');

function load(name) {
  return JSON.parse(fs.readFileSync(path.join(VECTORS_DIR, name), 'utf8'));
}

const checksums = load('checksums.json');
const authorization = load('authorization.json');

/** A plain valid case of a scheme: lower case, ASCII values where the file has one. */
function simpleValidCase(scheme) {
  const valid = checksums.cases.filter((c) => c.scheme === scheme && c.result === 'valid' && !c.uppercase);
  const plain = valid.find((c) => (c.flags || []).includes('Ascii'));
  const chosen = plain || valid[0];
  if (!chosen) throw new Error(`tests/vectors/checksums.json has no valid lower-case case for scheme ${scheme}`);
  return chosen;
}

module.exports = {
  VECTORS_DIR,
  checksums,
  authorization,
  checksumCases: checksums.cases,
  authorizationCases: authorization.cases,
  simpleValidCase,
};
