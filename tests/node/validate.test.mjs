// validate() returns every problem as data: {valid, errors, warnings} of {path, code, message}.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as lib from 'lgsp-paygate';
import samples from './support/samples.cjs';
import reference from './support/reference.cjs';
import contract from './support/contract.cjs';

const { problemsAt, assertProblemShape } = contract;
const { credentials } = samples;
const signed = (scheme, fields) => ({ ...fields, checksum: reference.referenceChecksum(scheme, fields, credentials.secretKey) });

/** One correct message per scheme, signed with node:crypto. */
const messages = {
  paygate: signed('paygate', { partnerCode: credentials.partnerCode, accessKey: credentials.accessKey, ...samples.order }),
  result: signed('result', samples.paymentResult),
  refund: signed('refund', { partnerCode: credentials.partnerCode, accessKey: credentials.accessKey, transactionType: '02', ...samples.refund }),
  lookup: signed('lookup', { partnerCode: credentials.partnerCode, accessKey: credentials.accessKey, ...samples.lookup }),
};

function report(scheme, message) {
  const r = lib.validate(scheme, message);
  assert.equal(typeof r.valid, 'boolean', 'valid is a boolean');
  assertProblemShape(r.errors, 'errors');
  assertProblemShape(r.warnings, 'warnings');
  assert.equal(r.valid, r.errors.length === 0, 'valid is true exactly when there is no error');
  return r;
}

const describe = (list) => JSON.stringify(list.map((p) => `${p.path}: ${p.code}`));

function assertErrorAt(scheme, message, name) {
  const r = report(scheme, message);
  assert.equal(r.valid, false, `${scheme}: invalid when ${name} is wrong`);
  assert.ok(problemsAt(r.errors, name).length > 0, `${scheme}: an error at ${name}; errors were ${describe(r.errors)}`);
  return r;
}

function assertWarningAt(scheme, message, name) {
  const r = report(scheme, message);
  assert.ok(problemsAt(r.warnings, name).length > 0, `${scheme}: a warning at ${name}; warnings were ${describe(r.warnings)}`);
  assert.equal(problemsAt(r.errors, name).length, 0, `${scheme}: no error at ${name}; errors were ${describe(r.errors)}`);
  return r;
}

test('a correct message of every scheme is valid', () => {
  for (const [scheme, message] of Object.entries(messages)) {
    const r = report(scheme, message);
    assert.deepEqual(r.errors, [], `${scheme}: no errors`);
    assert.equal(r.valid, true, `${scheme}: valid`);
  }
});

test('a missing field is an error at its path', () => {
  for (const [scheme, message] of Object.entries(messages)) {
    for (const name of reference.SCHEMES[scheme].fields) {
      const copy = { ...message };
      delete copy[name];
      assertErrorAt(scheme, copy, name);
    }
  }
});

test('amount must be a positive integer a JavaScript number holds exactly', () => {
  for (const amount of [0, 1.5, -5, 2 ** 53, 2 ** 60, '40.000', '40,000']) {
    for (const scheme of ['paygate', 'result', 'refund']) {
      assertErrorAt(scheme, { ...messages[scheme], amount }, 'amount');
    }
  }
  for (const amount of [1, 40000, Number.MAX_SAFE_INTEGER]) {
    const r = report('paygate', { ...messages.paygate, amount });
    assert.equal(problemsAt(r.errors, 'amount').length, 0, `amount ${amount} is accepted; errors were ${describe(r.errors)}`);
  }
});

test('a NaN or infinite amount cannot be JSON: validate throws INVALID_ARGUMENT naming it', () => {
  for (const amount of [NaN, Infinity, -Infinity]) {
    for (const scheme of ['paygate', 'result', 'refund']) {
      assert.throws(
        () => lib.validate(scheme, { ...messages[scheme], amount }),
        (err) => err instanceof Error && err.code === 'INVALID_ARGUMENT' && err.path === 'message.amount',
        `${scheme}: amount ${amount}`,
      );
      assert.equal(lib.validate(scheme, messages[scheme]).valid, true, `${scheme}: the next call still works`);
    }
  }
});

test('returnUrl must be an absolute http(s) URL', () => {
  assertErrorAt('paygate', { ...messages.paygate, returnUrl: 'ftp://x' }, 'returnUrl');
  assertErrorAt('paygate', { ...messages.paygate, returnUrl: '/return' }, 'returnUrl');
});

test('ipAddress must be an IP address', () => {
  assertErrorAt('paygate', { ...messages.paygate, ipAddress: '999.1.1.1' }, 'ipAddress');
  assertErrorAt('paygate', { ...messages.paygate, ipAddress: 'localhost' }, 'ipAddress');
});

test('payDate must be a real yyyyMMddHHmmss time', () => {
  assertErrorAt('result', { ...messages.result, payDate: '20191332000000' }, 'payDate');
  assertErrorAt('result', { ...messages.result, payDate: '2019-12-12 16:12:54' }, 'payDate');
});

test('type "pay" is a casing warning, not an error', () => {
  assertWarningAt('result', { ...messages.result, type: 'pay' }, 'type');
  const refundType = report('result', { ...messages.result, type: 'Refund' });
  assert.equal(problemsAt(refundType.warnings, 'type').length, 0, 'type "Refund" has no warning');
});

test('a leading or trailing space in a value is a warning', () => {
  assertWarningAt('paygate', { ...messages.paygate, accessKey: ' ' + credentials.accessKey }, 'accessKey');
  assertWarningAt('paygate', { ...messages.paygate, accountCode: 'payment_test ' }, 'accountCode');
  assertWarningAt('result', { ...messages.result, errorCode: ' 00' }, 'errorCode');
});

test('lookup with payTransId instead of transactionNo: a warning, no missing-field error', () => {
  const { transactionNo, ...rest } = messages.lookup;
  const r = report('lookup', { ...rest, payTransId: transactionNo });
  assert.ok(problemsAt(r.warnings, 'payTransId').length + problemsAt(r.warnings, 'transactionNo').length > 0,
    `a warning names the alias; warnings were ${describe(r.warnings)}`);
  assert.equal(problemsAt(r.errors, 'transactionNo').length, 0, `no missing transactionNo; errors were ${describe(r.errors)}`);
  assert.equal(problemsAt(r.errors, 'payTransId').length, 0, `no error at payTransId; errors were ${describe(r.errors)}`);
});

test('an unknown key is a warning', () => {
  assertWarningAt('lookup', { ...messages.lookup, customerName: 'Nguyễn Văn A' }, 'customerName');
});

test('a message that is not an object is reported, not thrown', () => {
  for (const message of [null, 42, true, []]) {
    const r = report('lookup', message);
    assert.equal(r.valid, false, `validate(lookup, ${JSON.stringify(message)}) is invalid`);
    assert.ok(r.errors.length > 0, `validate(lookup, ${JSON.stringify(message)}) reports an error`);
  }
});
