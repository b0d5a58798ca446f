// schemes() is the scheme table as data: the same one the checksum engine and the page use.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as lib from 'lgsp-paygate';
import reference from './support/reference.cjs';

/** docs/gateway.md, "Messages and where they travel". */
const transport = {
  paygate: { method: 'POST', path: '/paygate' },
  result: { method: 'PUT', path: null },
  refund: { method: 'POST', path: '/refund' },
  lookup: { method: 'POST', path: '/GetOrderInfo' },
};

test('schemes() lists exactly the four schemes with the field orders of docs/gateway.md', () => {
  const list = lib.schemes();
  assert.deepEqual(list.map((s) => s.id).sort(), ['lookup', 'paygate', 'refund', 'result']);
  for (const s of list) {
    const expected = reference.SCHEMES[s.id];
    assert.deepEqual([...s.fields], expected.fields, `${s.id}: pre-image field order`);
    if (expected.prefix === 'secretKey') {
      assert.deepEqual({ ...s.prefix }, { kind: 'secretKey' }, `${s.id}: prefix`);
    } else {
      assert.deepEqual({ ...s.prefix }, { kind: 'literal', value: expected.prefix }, `${s.id}: prefix`);
    }
    assert.equal(s.method, transport[s.id].method, `${s.id}: method`);
    assert.equal(s.path, transport[s.id].path, `${s.id}: path`);
    assert.equal(typeof s.message, 'string', `${s.id}: message`);
    assert.ok(s.message.length > 0, `${s.id}: message is named`);
  }
});

test('schemes() describes every message field, amount as an integer', () => {
  for (const s of lib.schemes()) {
    const names = s.messageFields.map((f) => f.name);
    for (const name of s.fields) {
      assert.ok(names.includes(name), `${s.id}: messageFields has ${name}`);
    }
    for (const f of s.messageFields) {
      assert.ok(f.type === 'string' || f.type === 'integer', `${s.id}.${f.name}: type ${f.type}`);
      assert.equal(typeof f.required, 'boolean', `${s.id}.${f.name}: required`);
      assert.ok(f.description.en.length > 0, `${s.id}.${f.name}: English description`);
      assert.ok(f.description.vi.length > 0, `${s.id}.${f.name}: Vietnamese description`);
    }
    const amount = s.messageFields.find((f) => f.name === 'amount');
    if (s.fields.includes('amount')) assert.equal(amount.type, 'integer', `${s.id}.amount is an integer`);
    for (const name of s.fields) {
      assert.equal(s.messageFields.find((f) => f.name === name).required, true, `${s.id}.${name} is required`);
    }
  }
});

test('schemes() returns a fresh copy each call', () => {
  const first = lib.schemes();
  first[0].fields.push('tampered');
  assert.ok(!lib.schemes()[0].fields.includes('tampered'), 'a caller cannot change the table');
});
