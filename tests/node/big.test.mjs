// Big input through the packed package: a 200 KB value and a 1 MB body go through explain,
// diagnose, validate, parseLoose, detectScheme and comparePreimage without a recursion or size
// limit tripping, and the answers are right (digests from node:crypto). Correctness only: the
// speed of these is measured by `make bench`, never asserted here.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as lib from 'lgsp-paygate';

const SECRET = 'k3y-for-big-input';
const base = {
  partnerCode: '000.00.18.H29', accessKey: 'f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d', orderId: 'SBN_100012',
  orderInfo: 'x', requestCode: '12357851', amount: 40000, serviceCode: 'hcm_dichvucong',
  returnUrl: 'http://paydate.com.vn/return', ipAddress: '120.72.114.122', accountCode: 'payment_test',
};
const order = ['partnerCode', 'accessKey', 'orderId', 'orderInfo', 'requestCode', 'amount', 'serviceCode', 'returnUrl', 'ipAddress', 'accountCode'];
const preimage = (m) => SECRET + order.map((k) => String(m[k])).join('');
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

for (const [label, info] of [
  ['a 200 KB value', 'Thanh toán tiền điện \u200b '.repeat(200_000 / 28)],
  ['a 1 MB body', 'ệ'.repeat(350_000)],
]) {
  test(`${label}: every debugger function answers`, () => {
    const m = { ...base, orderInfo: info };
    const text = JSON.stringify({ ...m, checksum: sha256(preimage(m)) });
    assert.ok(Buffer.byteLength(text) > (label.includes('MB') ? 1_000_000 : 200_000));

    const e = lib.explain('paygate', text, SECRET);
    assert.equal(e.digest, sha256(preimage(m)));
    assert.equal(e.matches, true);
    assert.equal(e.steps[4].length, Buffer.byteLength(info));

    const d = lib.diagnose('paygate', text, SECRET);
    assert.ok(d.matches && d.findings.length === 0);
    const wrong = lib.diagnose('paygate', { ...m, checksum: sha256(preimage({ ...m, requestCode: ' 12357851' })) }, SECRET);
    assert.ok(wrong.findings.some((f) => f.code === 'FIELDS_SWAPPED' || f.code === 'TRIMMED') || wrong.exhausted, JSON.stringify(wrong.summary));
    if (wrong.exhausted) assert.match(wrong.summary.en, /stopped after \d+ pre-images/);

    assert.equal(lib.validate('paygate', text).errors.length, 0);
    assert.equal(lib.detectScheme(text), 'paygate');

    const loose = lib.parseLoose(text.replace(/"(\w+)":/g, '$1:'));
    assert.equal(loose.message.orderInfo, info);
    assert.equal(loose.defects.filter((x) => x.code === 'UNQUOTED_KEY').length, 11);
    assert.ok(loose.defects.every((x) => x.line === 1));

    const c = lib.comparePreimage('paygate', m, SECRET, `${preimage(m)}!`);
    assert.equal(c.firstDifference.offset, Buffer.byteLength(preimage(m)));
    assert.ok(c.firstDifference.actual.hex.length < 200, 'the window stays short');
  });
}

test('a megabyte of defects: every line and column right', () => {
  const lines = ['{'];
  for (let k = 0, size = 0; size < 1 << 20; k++) {
    lines.push(`${' '.repeat(k % 5)}key${k}: 'v${k}',`);
    size += lines[lines.length - 1].length + 1;
  }
  const text = `${lines.join('\n')}\n}`;
  const keys = lib.parseLoose(text).defects.filter((x) => x.code === 'UNQUOTED_KEY');
  assert.equal(keys.length, lines.length - 1);
  keys.forEach((x, k) => {
    assert.equal(x.line, k + 2, x.path);
    assert.equal(x.column, (k % 5) + 1, x.path);
  });
});
