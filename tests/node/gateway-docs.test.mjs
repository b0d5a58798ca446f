// What the English pages say about the gateway round trips (their examples run in
// docs-code.test.mjs): each Node helper in a runnable example, the confirm step in the package
// README's handler, the mock's answers, the command line; and that the pages say only what the
// guide or the package backs: docs/gateway.md lists the guide's contradictions as rows, and no
// page states as the gateway's what the guide does not say.
import test from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT_ERROR_CODES } from 'lgsp-paygate';
import { englishPages, fencedBlocks, read } from './support/docs.mjs';

const pages = englishPages();
const all = pages.map((p) => p.text).join('\n');
const runnable = pages.flatMap((p) => fencedBlocks(p.text)).filter((b) => ['js', 'mjs', 'cjs'].includes(b.tag)).map((b) => b.code);

test('each Node helper appears in a runnable example, the package README\'s handler confirms before recording', () => {
  for (const name of ['createClient', 'createPayment', 'refund', 'getOrderInfo', 'handlePaymentResult', 'confirmPayment', 'startMockGateway', 'failNext', 'settle', 'complete']) {
    assert.ok(runnable.some((code) => new RegExp(`\\b${name}\\(`).test(code)), `a runnable example calls ${name}()`);
  }
  const readme = fencedBlocks(read('pkg-template/README.md')).map((b) => b.code);
  const handler = readme.find((code) => code.includes('node:http') && code.includes('handlePaymentResult('));
  assert.ok(handler, 'the package README has a node:http handler');
  assert.ok(handler.indexOf('confirmPayment(') > handler.indexOf('handlePaymentResult('), 'it confirms after reading the result');
  assert.match(handler, /deliveryKey/, 'it records once per deliveryKey');
  for (const framework of ['express', 'fastify']) {
    assert.ok(runnable.some((code) => code.includes(`from "${framework}"`) && code.includes('confirmPayment(')), `a ${framework} recipe with the confirm step`);
  }
});

test('the pages say plainly why a verified result is not enough', () => {
  const results = read('docs/receiving-results.md');
  assert.match(results, /Anyone\s+who knows the field values can compute a checksum/);
  assert.match(results, /proves the fields were not changed on the way; it does \*\*not\*\* prove the gateway sent it/);
});

test('every client error code, gateway code of the mock and CLI command is documented', () => {
  const api = read('docs/api.md');
  for (const code of CLIENT_ERROR_CODES) assert.ok(api.includes(`\`${code}\``), `docs/api.md documents ${code}`);
  for (const code of ['NOT_AUTHORIZED', 'PARAM_ERROR', 'ACCOUNT_NOT_EXIST', 'SIGNTURE_WRONG', 'ORDER_EXITS', 'NOT_EXITS', 'FAILED']) {
    assert.ok(api.includes(`\`${code}\``), `the mock's table names ${code}`);
  }
  for (const command of ['checksum', 'verify', 'explain', 'token encode', 'token decode', 'mock', 'conformance']) {
    assert.ok(all.includes(`npx lgsp-paygate ${command}`), `shows lgsp-paygate ${command}`);
  }
  assert.match(api, /\*\*0\*\* when all is well, \*\*1\*\* when a checksum does not match, \*\*2\*\* for bad\s+input/);
});

test('docs/gateway.md lists the guide\'s contradictions, each with a reading and what the package accepts', () => {
  const gateway = read('docs/gateway.md');
  const section = gateway.slice(gateway.indexOf('\n## Where the guide contradicts itself\n'));
  const rows = section.split('\n').filter((line) => /^\| <a id="c\d+"><\/a>C\d+ \|/.test(line));
  assert.ok(rows.length >= 20, `${rows.length} rows`);
  rows.forEach((row, i) => {
    const cells = row.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    assert.equal(cells.length, 5, `row ${i + 1} has five cells:\n${row}`);
    assert.equal(cells[0], `<a id="c${i + 1}"></a>C${i + 1}`, 'rows are numbered in order');
    for (const cell of cells) assert.ok(cell.length > 0, `row C${i + 1} has an empty cell`);
  });
  for (const place of ['resultObject', 'returlURL', 'Method.GET', '" payDate"', 'check-sum', '" FAILED"', '"data":"null"', 'ordeInfo']) {
    assert.ok(section.includes(place), `the contradictions name ${place}`);
  }
});

test('no page states as the gateway\'s what its guide does not say', () => {
  for (const { name, text } of pages) {
    assert.doesNotMatch(text, /resends? (a|the) result until/i, `${name}: the guide says nothing of resending`);
    assert.doesNotMatch(text, /(it )?retries when your answer is late/i, `${name}: the guide says nothing of retries`);
    assert.doesNotMatch(text, /citizen cancell?ed/i, `${name}: the guide gives no meaning to errorCode 24`);
    assert.doesNotMatch(text, /behaves like the gateway/i, `${name}: the mock is not the gateway`);
    assert.doesNotMatch(text, /SPEC\.md|is the specification/, `${name}: no specification outside the repository`);
  }
});
