// diagnose through the packed package, over tests/vectors/diagnoses.json (checksums computed by
// tests/vectors/generate.py with Python's hashlib and hmac): every planted mistake, alone or two
// at once, is found with its fields, a fix per mistake and changes said in words; a matching
// checksum and an unrelated one give no finding; the secret never shows.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as lib from 'lgsp-paygate';
import vectors from './support/vectors.cjs';

const { cases } = JSON.parse(fs.readFileSync(path.join(vectors.VECTORS_DIR, 'diagnoses.json'), 'utf8'));
const sorted = (xs) => [...xs].sort();

test('every diagnosis vector', () => {
  assert.ok(cases.length >= 40, 'the vectors cover the carried-over conventions');
  for (const c of cases) {
    const d = lib.diagnose(c.scheme, c.message, c.secretKey);
    const shown = JSON.stringify(d);
    if (c.secretKey && c.secretKey.trim().length > 8) assert.ok(!shown.includes(c.secretKey.trim()), `${c.id}: shows the secret`);
    if (c.expect === 'match') {
      assert.ok(d.matches && d.findings.length === 0, c.id);
      continue;
    }
    if (c.expect === 'none') {
      assert.ok(!d.matches && d.findings.length === 0 && !d.exhausted && d.pairsTried, `${c.id}: ${shown}`);
      continue;
    }
    const want = sorted(c.expect.codes ?? [c.expect.code]);
    const hit = d.findings.find((f) => JSON.stringify(sorted(f.codes)) === JSON.stringify(want));
    assert.ok(hit, `${c.id}: ${want} not among ${d.findings.map((f) => f.codes.join('+'))}`);
    assert.equal(hit.code, hit.codes[0], c.id);
    assert.deepEqual(sorted(hit.changes.map((x) => x.field)), sorted(c.expect.fields), `${c.id}: changed fields`);
    assert.deepEqual(hit.fixes.map((f) => f.code), hit.codes, `${c.id}: one fix per mistake`);
    for (const x of hit.changes) {
      assert.ok(x.note.en && x.note.vi && !x.note.en.includes('(absent)'), `${c.id}: ${x.note.en}`);
      if (x.field === 'secretKey' || x.field === 'prefix') assert.ok(x.from === null && x.to === null, c.id);
    }
    if (want.length > 1) assert.match(hit.description.en, /^Two mistakes at once/, c.id);
    // A URL-encoding finding names the call(s) to drop, in both languages, in what it says and its fix.
    for (const call of c.expect.mentions ?? []) {
      const fix = hit.fixes.find((f) => f.code === 'URL_ENCODED');
      for (const said of [hit.description.en, hit.description.vi, fix.advice.en, fix.advice.vi]) assert.ok(said.includes(call), `${c.id}: ${call} in ${said}`);
    }
    assert.ok(d.tried <= d.budget.variants && d.hashedBytes <= d.budget.bytes + 1024, c.id);
  }
});

test('NFC against NFD: the code points and the fix in four languages', () => {
  const c = cases.find((x) => x.id === 'nfd-hashed');
  const f = lib.diagnose(c.scheme, c.message, c.secretKey).findings.find((x) => x.code === 'NFD');
  const diff = f.changes[0].difference;
  const [from, to] = [[...diff.from], [...diff.to]];
  assert.equal(diff.fromCodePoints, from.map((ch) => `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' '));
  assert.equal(diff.to.normalize('NFC'), diff.from);
  assert.ok(to.length > from.length, 'the NFD side has the combining marks');
  const code = Object.fromEntries(f.fixes[0].snippets.map((s) => [s.language, s.code]));
  assert.equal(code.javascript, 's.normalize("NFC")');
  assert.equal(code.java, 'Normalizer.normalize(s, Normalizer.Form.NFC)');
  assert.equal(code.csharp, 's.Normalize(NormalizationForm.FormC)');
  assert.match(code.php, /^Normalizer::normalize/);
});

test('a payment result: no word about a secret key, in findings or the summary', () => {
  for (const c of cases.filter((x) => x.scheme === 'result' && x.secretKey === null)) {
    const d = lib.diagnose(c.scheme, c.message, null);
    const said = JSON.stringify([d.summary, d.findings.map((f) => [f.description, f.fixes, f.changes])]);
    assert.ok(!/secret key|secretKey|khóa bí mật/.test(said), `${c.id}: ${said}`);
  }
  const unexplained = cases.find((x) => x.expect === 'none');
  const result = lib.diagnose('result', { ...cases.find((x) => x.id === 'prefix-missing').message, checksum: unexplained.message.checksum }, null);
  assert.ok(result.findings.length === 0 && !/secret/.test(result.summary.en), result.summary.en);
});
