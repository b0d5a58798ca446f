// The package README's Node section covers what the Node helpers do (its examples run in
// readme.test.mjs): each helper in a runnable example, the confirm step in the walk-through,
// every client error code, the mock's answers and the command line.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_ERROR_CODES } from 'lgsp-paygate';

const here = path.dirname(fileURLToPath(import.meta.url));
const readme = fs.readFileSync(path.resolve(here, '..', '..', 'pkg-template', 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```([\w-]*)\n([\s\S]*?)^```$/gm)].map(([, tag, code]) => ({ tag, code }));
const runnable = blocks.filter((b) => b.tag === 'js' || b.tag === 'mjs' || b.tag === 'cjs').map((b) => b.code);

test('each Node helper appears in a runnable example, the walk-through confirms before delivering', () => {
  for (const name of ['createClient', 'createPayment', 'refund', 'getOrderInfo', 'handlePaymentResult', 'confirmPayment', 'startMockGateway', 'failNext']) {
    assert.ok(runnable.some((code) => new RegExp(`\\b${name}\\(`).test(code)), `a runnable example calls ${name}()`);
  }
  const walkThrough = runnable.find((code) => code.includes('node:http') && code.includes('handlePaymentResult('));
  assert.ok(walkThrough, 'a node:http walk-through');
  assert.ok(walkThrough.indexOf('confirmPayment(') > walkThrough.indexOf('handlePaymentResult('), 'it confirms after reading the result');
  for (const framework of ['express', 'fastify']) {
    assert.ok(runnable.some((code) => code.includes(`from "${framework}"`) && code.includes('confirmPayment(')), `a ${framework} recipe with the confirm step`);
  }
});

test('the README says plainly why a verified result is not enough', () => {
  assert.match(readme, /anyone can compute a result checksum|Anyone who knows the field values can compute/i);
  assert.match(readme, /accepted` means the message is intact, not that\s+the gateway sent it/);
});

test('every client error code, gateway code of the mock and CLI command is documented', () => {
  for (const code of CLIENT_ERROR_CODES) assert.ok(readme.includes(`\`${code}\``), `documents ${code}`);
  for (const code of ['NOT_AUTHORIZED', 'PARAM_ERROR', 'ACCOUNT_NOT_EXIST', 'SIGNTURE_WRONG', 'ORDER_EXITS', 'NOT_EXITS', 'FAILED']) {
    assert.ok(readme.includes(`\`${code}\``), `the mock table names ${code}`);
  }
  for (const command of ['checksum', 'verify', 'explain', 'token encode', 'token decode', 'mock']) {
    assert.ok(readme.includes(`npx lgsp-paygate ${command}`), `shows lgsp-paygate ${command}`);
  }
  assert.match(readme, /\*\*0\*\* when all\s+is well, \*\*1\*\* when a checksum does not match, \*\*2\*\* for bad input/);
});
