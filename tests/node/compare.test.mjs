// comparePreimage through the packed package: every valid vector's pre-image (computed by
// tests/vectors/generate.py, not by the crate) compares equal, and one changed byte in each
// place of it is found at its offset, in the field the vector's own scheme order puts it,
// with the secret never shown unless revealed.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as lib from 'lgsp-paygate';
import vectors from './support/vectors.cjs';

const { checksums } = JSON.parse(JSON.stringify({ checksums: vectors.checksums }));
const valid = checksums.cases.filter((c) => c.result === 'valid');

/** The byte ranges of each part of a vector's pre-image, from its scheme order in the JSON file. */
function parts(c) {
  const s = checksums.schemes[c.scheme];
  const out = [];
  let at = 0;
  const push = (name, text) => {
    const len = Buffer.byteLength(text, 'utf8');
    out.push({ name, start: at, end: at + len });
    at += len;
  };
  if (s.prefix.kind === 'secretKey') push('secretKey', c.secretKey);
  else push('prefix', s.prefix.value);
  for (const f of s.fields) push(f, String(c.fields[f]));
  return out;
}

const secretOf = (c) => (checksums.schemes[c.scheme].prefix.kind === 'secretKey' ? c.secretKey : null);

test('every valid vector pre-image compares equal, as text and as hex', () => {
  for (const c of valid) {
    const r = lib.comparePreimage(c.scheme, c.fields, secretOf(c), c.preimage);
    assert.equal(r.equal, true, c.id);
    assert.equal(r.firstDifference, null, c.id);
    assert.equal(r.expectedLength, Buffer.byteLength(c.preimage), c.id);
    const h = lib.comparePreimage(c.scheme, JSON.stringify(c.fields), secretOf(c), { hex: c.preimageHex });
    assert.equal(h.equal, true, `${c.id} (hex)`);
  }
});

test('one changed byte is found at its offset, in its field', () => {
  for (const c of valid) {
    const bytes = Buffer.from(c.preimage, 'utf8');
    for (const part of parts(c)) {
      if (part.start === part.end) continue;
      for (const offset of new Set([part.start, part.end - 1])) {
        const changed = Buffer.from(bytes);
        changed[offset] ^= 0x01;
        const r = lib.comparePreimage(c.scheme, c.fields, secretOf(c), { hex: changed.toString('hex') });
        const label = `${c.id} byte ${offset} (${part.name})`;
        assert.equal(r.equal, false, label);
        assert.equal(r.firstDifference.offset, offset, label);
        assert.equal(r.firstDifference.field, part.name, label);
        assert.equal(r.firstDifference.fieldOffset, offset - part.start, label);
        if (part.name === 'secretKey') {
          assert.equal(r.firstDifference.expected.byte, '**', label);
          assert.equal(r.firstDifference.actual.byte, '**', label);
        } else {
          assert.equal(r.firstDifference.expected.byte, bytes.subarray(offset, offset + 1).toString('hex'), label);
          assert.equal(r.firstDifference.actual.byte, changed.subarray(offset, offset + 1).toString('hex'), label);
        }
      }
    }
  }
});

test('NFD against NFC: the characters and their code points, in English and Vietnamese', () => {
  const c = valid.find((v) => v.id === 'paygate-nfc-vietnamese');
  const nfd = c.preimage.normalize('NFD');
  const r = lib.comparePreimage(c.scheme, c.fields, c.secretKey, nfd);
  const d = r.firstDifference;
  const [a, b] = [Buffer.from(c.preimage), Buffer.from(nfd)];
  let offset = 0;
  while (a[offset] === b[offset]) offset += 1;
  assert.equal(d.offset, offset);
  assert.equal(d.field, parts(c).find((p) => p.start <= offset && offset < p.end).name);
  const expected = [...Buffer.from(c.preimage).subarray(d.offset).toString()][0];
  assert.equal(d.expected.character, expected);
  assert.equal(d.expected.codePoints, `U+${expected.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  assert.equal(d.actual.character, expected.normalize('NFD')[0]);
  for (const text of [r.summary.en, r.summary.vi]) {
    assert.ok(text.includes(d.expected.codePoints) && text.includes(d.actual.codePoints) && text.includes('orderInfo'), text);
  }
});

test('the secret is masked on both sides, wherever theirs holds it, unless revealed', () => {
  const c = valid.find((v) => v.id === 'lookup-non-ascii-secret');
  const theirs = `${c.secretKey}\n${c.preimage.slice(c.secretKey.length)}${c.secretKey}`;
  const r = lib.comparePreimage(c.scheme, c.fields, c.secretKey, theirs);
  const text = JSON.stringify(r);
  const hex = Buffer.from(c.secretKey).toString('hex');
  assert.ok(!text.includes(c.secretKey), text);
  assert.ok(!text.replaceAll(' ', '').includes(hex.slice(0, 8)), text);
  assert.equal(r.firstDifference.field, 'partnerCode');
  assert.equal(r.firstDifference.actual.character, '\n');
  const revealed = lib.comparePreimage(c.scheme, c.fields, c.secretKey, theirs, { revealSecret: true });
  assert.ok(JSON.stringify(revealed).includes([...c.secretKey].slice(-3).join('')));
});

test('bad arguments throw coded errors naming them', () => {
  const c = valid[0];
  for (const [theirs, path] of [[5, 'theirs'], [{ hex: 'abc' }, 'theirs.hex'], [{ hex: 'zz' }, 'theirs.hex'], [{ text: 'x' }, 'theirs.text']]) {
    assert.throws(() => lib.comparePreimage(c.scheme, c.fields, c.secretKey, theirs), (e) => e.code === 'INVALID_ARGUMENT' && e.path === path, JSON.stringify(theirs));
  }
  assert.throws(() => lib.comparePreimage(c.scheme, c.fields, c.secretKey, 'x', { reveal: true }), (e) => e.code === 'INVALID_ARGUMENT');
  assert.throws(() => lib.comparePreimage('paygate', c.fields, null, 'x'), (e) => e.code === 'MISSING_SECRET');
});

test('bytes past the expected end are placed after the last field, in English and Vietnamese', () => {
  for (const c of valid) {
    const last = parts(c).at(-1);
    for (const extra of [' ', '\n']) {
      const r = lib.comparePreimage(c.scheme, c.fields, secretOf(c), c.preimage + extra);
      const d = r.firstDifference;
      assert.equal(d.offset, Buffer.byteLength(c.preimage, 'utf8'), c.id);
      assert.deepEqual([d.field, d.fieldOffset, d.pastEnd], [last.name, last.end - last.start, true], c.id);
      assert.ok(r.summary.en.includes(`after ${last.name}`), r.summary.en);
      assert.ok(r.summary.vi.includes(`sau trường ${last.name}`), r.summary.vi);
    }
    assert.equal(lib.comparePreimage(c.scheme, c.fields, secretOf(c), c.preimage.slice(0, -1)).firstDifference.pastEnd, false, c.id);
  }
});
