// Boundary abuse from JavaScript, as property tests through the installed package: whatever a
// caller passes (lone surrogates, 1 MB strings, deep nesting, __proto__ keys, 1e21, NaN, -0,
// BigInt, Symbols, throwing getters, frozen objects, proxies), every call returns a result or
// throws an Error with a documented string `code`: never a wasm trap, never a bare TypeError.
// And the next normal call still works.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as lib from 'lgsp-paygate';
import vectors from './support/vectors.cjs';
import samples from './support/samples.cjs';
import reference from './support/reference.cjs';
import contract from './support/contract.cjs';

const CODES = new Set([
  'UNKNOWN_SCHEME', 'MISSING_FIELD', 'MISSING_SECRET', 'INVALID_FIELD', 'INVALID_ARGUMENT',
  'INVALID_JSON', 'INVALID_TOKEN', 'INVALID_MESSAGE', 'INPUT_TOO_LARGE',
]);
const RUNS = Number(process.env.LGSP_ABUSE_RUNS ?? 400);
const SECRET = samples.credentials.secretKey;

// ---------------------------------------------------------------------------------------------
// What every call must do

/** Runs fn: its result, or the coded Error it threw (anything else fails the test). */
function outcome(fn, label) {
  try {
    return { value: fn() };
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${label}: wasm trap: ${e && e.message}`);
    assert.ok(e instanceof Error, `${label}: threw a non-Error ${typeof e}: ${safeString(e)}`);
    assert.equal(typeof e.code, 'string', `${label}: Error without a code: ${e.name}: ${e.message}`);
    assert.ok(CODES.has(e.code), `${label}: undocumented code ${e.code}: ${e.message}`);
    assert.ok(e.message.length > 0, `${label}: empty message`);
    if (contract.CORE_SAYS.has(e.code)) contract.assertSaid(e, label);
    return { error: e };
  }
}

function safeString(v) {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

const lookupCase = vectors.simpleValidCase('lookup');
/** A normal call, checked against the vector: it must work after any abuse. */
function canary(label) {
  const sum = lib.checksum('lookup', lookupCase.fields, lookupCase.secretKey);
  assert.equal(sum, lookupCase.checksum, `${label}: the next normal checksum() call is wrong`);
  assert.equal(lib.verify('lookup', { ...lookupCase.fields, checksum: sum }, lookupCase.secretKey), true, `${label}: next verify()`);
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const MB = 1 << 20;
const bigStrings = [
  'x'.repeat(MB),
  'thanh toán tiền điện thoại '.repeat(MB / 32),
  'a'.repeat(MB - 1) + '\uD800',
  '{"a":"' + 'b'.repeat(MB) + '"}',
];

function throwingGetter(base, key, thrown) {
  return Object.defineProperty({ ...base }, key, { enumerable: true, get() { throw thrown; } });
}

function nested(depth, leaf = 'x') {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function nestedArray(depth) {
  let v = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function hugeSparseArray() {
  const a = [];
  a.length = 2 ** 32 - 1;
  return a;
}

const revoked = () => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
};

/** Scalars and exotic objects that cannot be read as JSON, or only just. */
const specials = [
  NaN, -0, 0, Infinity, -Infinity, 1e21, -1e21, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1.5, -1, Number.MAX_VALUE, Number.MIN_VALUE,
  0n, 40000n, -1n, 2n ** 63n, 2n ** 64n, -(2n ** 63n) - 1n,
  Symbol('s'), Symbol.iterator, () => 1, class K {}, undefined, null, true, false,
  '', '\uD800', 'a\uDC00b', '\uDBFF\uDFFF', '\u0000', '\uFEFF', '\u202E', 'thanh toa\u0301n',
  new Date(0), /re/g, new Map([[1, 2]]), new Set([1]), new Uint8Array(4), Buffer.from('x'), new ArrayBuffer(8),
  Promise.resolve(1), new Error('e'), new WeakMap(), Object.create(null), new String('s'), new Number(5), Object(1n), Object(Symbol('b')),
  [], [1, 'a', null], [, , 1], { length: 3 }, globalThis, Math,
];

/** Builds a hostile value from a valid one (so wrappers still carry sensible members). */
const wrappers = {
  frozen: (v) => Object.freeze(clone(v)),
  sealed: (v) => Object.seal(clone(v)),
  nullProto: (v) => Object.assign(Object.create(null), v),
  protoKey: (v) => JSON.parse(JSON.stringify({ ...plain(v), __proto__x: 1 }).replace('"__proto__x"', '"__proto__"')),
  protoPolluting: (v) => JSON.parse(JSON.stringify({ __proto__x: { orderId: 'polluted', checksum: '0' }, ...plain(v) }).replace('"__proto__x"', '"__proto__"')),
  constructorKeys: (v) => ({ ...plain(v), constructor: 'c', prototype: { x: 1 }, toString: 's', valueOf: 1, hasOwnProperty: 'h' }),
  inherited: (v) => Object.create(plain(v)),
  nonEnumerable: (v) => Object.defineProperties({}, Object.fromEntries(Object.entries(plain(v)).map(([k, x]) => [k, { value: x, enumerable: false }]))),
  symbolKeys: (v) => ({ ...plain(v), [Symbol('k')]: 'x', [Symbol.toPrimitive]: () => 'p' }),
  transparentProxy: (v) => new Proxy(clone(v), {}),
  lyingProxy: (v) => new Proxy(clone(v), { get: (t, k) => (typeof k === 'string' ? 'lie' : t[k]) }),
  throwingGetProxy: (v) => new Proxy(clone(v), { get() { throw new Error('trap get'); } }),
  throwingKeysProxy: (v) => new Proxy(clone(v), { ownKeys() { throw new Error('trap ownKeys'); } }),
  throwingDescriptorProxy: (v) => new Proxy(clone(v), { getOwnPropertyDescriptor() { throw new Error('trap gOPD'); } }),
  throwingNonErrorProxy: (v) => new Proxy(clone(v), { get() { throw 'a string'; } }), // eslint-disable-line no-throw-literal
  revokedProxy: () => revoked(),
  arrayProxy: () => new Proxy([1, 2], { get: (t, k) => (k === 'length' ? 2 ** 32 - 1 : t[k]) }),
  hugeSparseArray: () => hugeSparseArray(),
  throwingGetter: (v) => throwingGetter(plain(v), Object.keys(plain(v))[0] ?? 'k', new Error('getter')),
  throwingGetterNonError: (v) => throwingGetter(plain(v), Object.keys(plain(v))[0] ?? 'k', Symbol('thrown')),
  deepObject: () => nested(10_000),
  deepArray: () => nestedArray(10_000),
  deepJsonText: () => '['.repeat(100_000) + ']'.repeat(100_000),
  bigString: (v, i) => bigStrings[i % bigStrings.length],
  toJSON: (v) => ({ ...plain(v), toJSON() { throw new Error('toJSON'); } }),
};

function plain(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

/** A shallow copy of an object or array argument; a fresh object in place of anything else. */
function clone(v) {
  if (v === null || typeof v !== 'object') return {};
  return Array.isArray(v) ? [...v] : { ...v };
}

/** Text of any code points, lone surrogate halves included (fast-check's 'binary' unit has none). */
const anyUnit = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
);
const anyText = (maxLength) => fc.string({ unit: anyUnit, maxLength });

const hostileScalar = fc.oneof(
  fc.constantFrom(...specials),
  anyText(40),
  fc.double(),
  fc.bigInt(),
  fc.integer(),
  fc.anything({ maxDepth: 3, withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true, withDate: true, stringUnit: anyUnit }),
);

/** How a value reads in a report (fast-check's stringify throws on a boxed Symbol). */
function describe(v) {
  try {
    return fc.stringify(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/** Labels a value for fast-check's counterexample report. */
function named(name, make) {
  return Object.assign(make, { [fc.toStringMethod]: () => name });
}

/** Walking these takes seconds even when refused early enough: tested once each, below. */
const SLOW = new Set(['hugeSparseArray', 'arrayProxy']);

/** A hostile value: a scalar, or a wrapper applied to the valid value it replaces. */
const hostile = fc.oneof(
  { weight: 3, arbitrary: hostileScalar.map((s) => named(`value ${describe(s)}`, () => s)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...Object.keys(wrappers).filter((n) => !SLOW.has(n))), fc.nat())
      .map(([name, i]) => named(name, (valid) => wrappers[name](valid, i))),
  },
);

// ---------------------------------------------------------------------------------------------
// Every export, with valid arguments to corrupt

const fields = { ...lookupCase.fields };
const paygate = vectors.simpleValidCase('paygate');
const result = vectors.simpleValidCase('result');
const creds = samples.credentials;
const tokenCreds = { accessKey: 'a', secretKey: SECRET, appName: 'app', partnerCode: 'p', partnerCodeCus: 'c' };
const token = lib.encodeAuthorization(tokenCreds);
const responseBody = { error_code: 'SUCCESSFUL', error_message: 'Thành công', data: samples.lookupResponseData };

/** [name, valid arguments]; the call is lib[name](...args). */
const calls = [
  ['checksum', ['lookup', fields, lookupCase.secretKey, { uppercase: true }]],
  ['preimage', ['lookup', fields, lookupCase.secretKey, { revealSecret: false }]],
  ['verify', ['lookup', { ...fields, checksum: lookupCase.checksum }, lookupCase.secretKey]],
  ['validate', ['paygate', { ...paygate.fields, checksum: paygate.checksum }]],
  ['buildPaygateRequest', [samples.order, creds]],
  ['buildRefundRequest', [samples.refund, creds]],
  ['buildLookupRequest', [samples.lookup, creds]],
  ['parsePaymentResult', [{ ...result.fields, checksum: result.checksum }]],
  ['paymentResultReply', [true, 'ok']],
  ['parseGatewayResponse', ['lookup', responseBody]],
  ['encodeAuthorization', [tokenCreds]],
  ['decodeAuthorization', [token]],
  ['detectScheme', [{ ...paygate.fields }]],
  ['parseLoose', ['{"orderId": "SBN_100012", “amount”: 40000,}']],
  ['explain', ['paygate', { ...paygate.fields, checksum: paygate.checksum }, paygate.secretKey, { revealSecret: false }]],
  ['diagnose', ['paygate', { ...paygate.fields, checksum: paygate.checksum.replace(/^./, '0') }, paygate.secretKey]],
  ['comparePreimage', ['lookup', fields, lookupCase.secretKey, lookupCase.preimage, { revealSecret: false }]],
  ['schemes', []],
  ['analyse', ['verdict', JSON.stringify({ ...paygate.fields, checksum: paygate.checksum }), 'auto', 'refund', paygate.secretKey, paygate.preimage, { revealSecret: false }]],
];

for (const [name] of calls) {
  test(`${name} is exported`, () => assert.equal(typeof lib[name], 'function'));
}

/** Where a hostile value goes: an argument, a member of an object argument, or a key. */
const placement = fc.oneof(
  fc.record({ kind: fc.constant('argument'), index: fc.nat(4) }),
  fc.record({ kind: fc.constant('member'), index: fc.nat(4), member: fc.nat(20) }),
  fc.record({ kind: fc.constant('newMember'), index: fc.nat(4), key: fc.oneof(anyText(12), fc.constantFrom('__proto__', 'constructor', 'prototype', 'checksum', 'secretKey', '')) }),
  fc.record({ kind: fc.constant('key'), index: fc.nat(4), key: anyText(12) }),
);

function corrupt(args, where, make) {
  const out = [...args];
  const i = where.index % Math.max(out.length + 1, 1);
  const target = out[i];
  const isObject = target !== null && typeof target === 'object';
  if (where.kind === 'argument' || !isObject) {
    out[i] = make(target);
  } else if (where.kind === 'member') {
    const keys = Object.keys(target);
    const key = keys[where.member % Math.max(keys.length, 1)] ?? 'x';
    out[i] = { ...target, [key]: make(target[key]) };
  } else if (where.kind === 'newMember') {
    const copy = { ...target };
    Object.defineProperty(copy, where.key, { value: make(undefined), enumerable: true, configurable: true, writable: true });
    out[i] = copy;
  } else {
    out[i] = { ...target, [where.key]: target[Object.keys(target)[0]] };
  }
  return out;
}

test('every export returns or throws a coded Error for hostile arguments, and the next call works', { timeout: 240_000 }, () => {
  fc.assert(
    fc.property(fc.constantFrom(...calls), placement, hostile, ([name, args], where, make) => {
      const label = `${name} with a hostile ${where.kind}`;
      const corrupted = corrupt(args, where, make);
      outcome(() => lib[name](...corrupted), label);
      canary(label);
    }),
    { numRuns: RUNS * 4 },
  );
});

// ---------------------------------------------------------------------------------------------
// The checksum agrees with itself whichever way it is computed

const SCHEME_FIELDS = reference.SCHEMES;

/** A field value: mostly fine, sometimes not a string or integer, sometimes not own or enumerable. */
const fieldValue = fc.oneof(
  { weight: 6, arbitrary: anyText(20) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...specials) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }) },
  { weight: 1, arbitrary: fc.double() },
);
const memberStyle = fc.constantFrom('own', 'own', 'own', 'own', 'inherited', 'nonEnumerable', 'getter', 'missing');

function fieldsObject(names, values, styles) {
  const proto = {};
  const obj = Object.create(proto);
  names.forEach((n, i) => {
    const v = values[i];
    switch (styles[i]) {
      case 'inherited': proto[n] = v; break;
      case 'nonEnumerable': Object.defineProperty(obj, n, { value: v, enumerable: false }); break;
      case 'getter': Object.defineProperty(obj, n, { get: () => v, enumerable: true }); break;
      case 'missing': break;
      default: obj[n] = v;
    }
  });
  return obj;
}

const schemeInput = fc.constantFrom(...Object.keys(SCHEME_FIELDS)).chain((scheme) => {
  const names = SCHEME_FIELDS[scheme].fields;
  return fc.record({
    scheme: fc.constant(scheme),
    values: fc.array(fieldValue, { minLength: names.length, maxLength: names.length }),
    styles: fc.array(memberStyle, { minLength: names.length, maxLength: names.length }),
    secret: fc.oneof(fc.constant(SECRET), anyText(8), fc.constant(null)),
    uppercase: fc.boolean(),
  });
});

/** What a JSON reader of the same object sees: own enumerable members only. */
function readable(obj) {
  return Object.fromEntries(Object.keys(obj).map((k) => [k, obj[k]]));
}

test('checksum, verify and explain agree on any fields object, and with node:crypto on plain ones', { timeout: 240_000 }, () => {
  fc.assert(
    fc.property(schemeInput, ({ scheme, values, styles, secret, uppercase }) => {
      const names = SCHEME_FIELDS[scheme].fields;
      const obj = fieldsObject(names, values, styles);
      const label = `${scheme} ${JSON.stringify(styles)}`;
      const sum = outcome(() => lib.checksum(scheme, obj, secret, { uppercase }), `checksum ${label}`);
      const explained = outcome(() => lib.explain(scheme, obj, secret, { revealSecret: true }), `explain ${label}`);
      if ('value' in sum) {
        assert.match(sum.value, uppercase ? /^[0-9A-F]{64}$/ : /^[0-9a-f]{64}$/, label);
        assert.ok('value' in explained, `${label}: checksum worked, explain threw ${explained.error?.code}`);
        assert.equal(explained.value.digest, sum.value.toLowerCase(), `${label}: explain's digest differs from checksum()`);
        const message = { ...readable(obj), checksum: ` ${sum.value}\n` };
        assert.equal(lib.verify(scheme, message, secret), true, `${label}: verify refused checksum()'s own value`);
        const plainValues = names.every((n, i) => styles[i] === 'own' && (typeof values[i] === 'string' || Number.isSafeInteger(values[i])));
        const wellFormed = plainValues && values.every((v) => typeof v !== 'string' || v.isWellFormed());
        if (wellFormed && (secret !== null || SCHEME_FIELDS[scheme].prefix !== 'secretKey')) {
          assert.equal(sum.value.toLowerCase(), reference.referenceChecksum(scheme, obj, secret), `${label}: differs from node:crypto`);
        }
      } else if ('value' in explained) {
        assert.equal(explained.value.digest, null, `${label}: checksum threw ${sum.error.code} (${sum.error.message}) but explain has a digest`);
      }
      canary(label);
    }),
    { numRuns: RUNS * 2 },
  );
});

// verify compares the 32 digest bytes in constant time (src/checksum.rs, `matches`, with
// subtle::ConstantTimeEq); what it compares must not depend on how the received hex is written.
test('verify ignores the case and the surrounding white space of the received hex, and nothing else', () => {
  const space = fc.array(fc.constantFrom(' ', '\t', '\n', '\r', '\r\n'), { maxLength: 3 }).map((xs) => xs.join(''));
  fc.assert(
    fc.property(schemeInput, fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), space, space, fc.integer({ min: 1, max: 63 }), ({ scheme, values, secret }, upper, before, after, at) => {
      const names = SCHEME_FIELDS[scheme].fields;
      const obj = Object.fromEntries(names.map((n, i) => [n, typeof values[i] === 'string' && values[i].isWellFormed() ? values[i] : String(i)]));
      const key = secret?.isWellFormed() ? secret : 'k';
      const sum = lib.checksum(scheme, obj, key);
      const written = [...sum].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
      assert.equal(lib.verify(scheme, { ...obj, checksum: before + written + after }, key), true, `${JSON.stringify(before + written + after)}`);
      const other = written.slice(0, at) + (written[at].toLowerCase() === 'a' ? 'b' : 'a') + written.slice(at + 1);
      assert.equal(lib.verify(scheme, { ...obj, checksum: before + other + after }, key), false, 'one hex digit changed');
      assert.equal(lib.verify(scheme, { ...obj, checksum: written.slice(0, at) + ' ' + written.slice(at) }, key), false, 'white space inside');
      assert.equal(lib.verify(scheme, { ...obj, checksum: written.slice(0, 63) }, key), false, '63 digits');
    }),
    { numRuns: RUNS },
  );
});

test('non-JSON numbers in a field: 1e21, NaN, Infinity and unsafe integers are refused, -0 is 0, BigInt in range is an integer', () => {
  const base = { ...paygate.fields };
  const at = (amount) => outcome(() => lib.checksum('paygate', { ...base, amount }, paygate.secretKey), `amount ${String(amount)}`);
  for (const amount of [NaN, Infinity, -Infinity]) assert.equal(at(amount).error?.code, 'INVALID_ARGUMENT', `amount ${amount}`);
  for (const amount of [1e21, 2 ** 53, 1.5]) assert.ok(at(amount).error, `amount ${amount} must not be hashed as some text`);
  assert.equal(at(-0).value, at(0).value, '-0 hashes as 0');
  assert.equal(at(BigInt(base.amount)).value, paygate.checksum, 'a BigInt amount hashes as its digits');
  assert.equal(at(2n ** 64n).error?.code, 'INVALID_ARGUMENT', 'a BigInt beyond 64 bits');
  assert.equal(at(Symbol('s')).error?.code, 'INVALID_ARGUMENT', 'a Symbol');
  canary('numbers');
});

test('lone surrogates are refused with INVALID_ARGUMENT wherever text goes in', () => {
  const lone = 'thanh\uD800toan';
  const cases = [
    ['checksum field', () => lib.checksum('lookup', { ...fields, orderId: lone }, lookupCase.secretKey)],
    ['checksum secret', () => lib.checksum('lookup', fields, lone)],
    ['validate text', () => lib.validate('lookup', `{"orderId": "${lone}"}`)],
    ['parseLoose', () => lib.parseLoose(lone)],
    ['decodeAuthorization', () => lib.decodeAuthorization(lone)],
    ['scheme', () => lib.checksum(lone, fields, lookupCase.secretKey)],
  ];
  for (const [label, call] of cases) {
    assert.equal(outcome(call, label).error?.code, 'INVALID_ARGUMENT', label);
    canary(label);
  }
  // A received checksum that cannot be read cannot match either: refused or false.
  const received = outcome(() => lib.verify('lookup', { ...fields, checksum: lone }, lookupCase.secretKey), 'verify received');
  assert.ok(received.value === false || received.error?.code === 'INVALID_ARGUMENT', 'verify of a lone-surrogate checksum');
});

test('1 MB strings go through every text entry point', { timeout: 120_000 }, () => {
  const big = 'thanh toán tiền điện thoại '.repeat(MB / 32);
  const order = { ...paygate.fields, orderInfo: big };
  const sum = lib.checksum('paygate', order, paygate.secretKey);
  assert.equal(sum, reference.referenceChecksum('paygate', order, paygate.secretKey), '1 MB orderInfo checksum');
  assert.equal(lib.verify('paygate', { ...order, checksum: sum.toUpperCase() }, paygate.secretKey), true);
  const text = JSON.stringify({ ...order, checksum: sum });
  const timed = [
    ['validate', () => lib.validate('paygate', text)],
    ['explain', () => lib.explain('paygate', text, paygate.secretKey)],
    ['diagnose', () => lib.diagnose('paygate', { ...order, checksum: sum.replace(/^./, (c) => (c === '0' ? '1' : '0')) }, paygate.secretKey)],
    ['parseLoose', () => lib.parseLoose(text.replaceAll('"', '“'))],
    ['parsePaymentResult', () => lib.parsePaymentResult(text)],
    ['parseGatewayResponse', () => lib.parseGatewayResponse('paygate', JSON.stringify({ error_code: big, data: { url: big } }))],
    ['decodeAuthorization', () => lib.decodeAuthorization(Buffer.from(big).toString('base64'))],
    ['detectScheme', () => lib.detectScheme(text)],
  ];
  for (const [label, call] of timed) {
    const start = performance.now();
    outcome(call, `${label} of 1 MB`);
    const ms = performance.now() - start;
    assert.ok(ms < 10_000, `${label} of 1 MB took ${ms.toFixed(0)} ms`);
    canary(label);
  }
});

test('deep nesting is refused, not a stack overflow', () => {
  for (const [label, value] of [['object', nested(100_000)], ['array', nestedArray(100_000)]]) {
    assert.equal(outcome(() => lib.validate('paygate', value), label).error?.code, 'INVALID_ARGUMENT', label);
    assert.equal(outcome(() => lib.checksum('lookup', { ...fields, orderId: value }, 'k'), label).error?.code, 'INVALID_ARGUMENT', label);
  }
  const text = '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
  assert.equal(outcome(() => lib.validate('paygate', text), 'deep text').error?.code, 'INVALID_JSON');
  assert.equal(outcome(() => lib.parsePaymentResult(text), 'deep text').error?.code, 'INVALID_JSON');
  const loose = outcome(() => lib.parseLoose(text), 'deep loose text');
  assert.equal(loose.value?.message, null, 'parseLoose of over-deep text reads nothing');
  canary('deep');
});

test('__proto__ and constructor keys are plain members: no pollution, no crash', () => {
  const body = JSON.parse(`{"__proto__": {"polluted": 1}, "constructor": "c", ${JSON.stringify(fields).slice(1)}`);
  const sum = lib.checksum('lookup', body, lookupCase.secretKey);
  assert.equal(sum, lookupCase.checksum, 'extra keys are not hashed');
  const report = lib.validate('lookup', body);
  assert.ok(report.warnings.some((p) => p.path === '__proto__'), 'the __proto__ member is reported as an unknown key');
  // Results carry a "__proto__" member as an own member, as JSON.parse does; it never becomes
  // the prototype of the object handed back.
  const loose = lib.parseLoose('{"__proto__": {"polluted": 1}, "orderId": "x"}').message;
  assert.ok([Object.prototype, null].includes(Object.getPrototypeOf(loose)), 'parseLoose: the message\'s prototype was set from the input');
  assert.ok(Object.hasOwn(loose, '__proto__'), 'parseLoose: the "__proto__" member is lost');
  const response = lib.parseGatewayResponse('lookup', '{"error_code":"SUCCESSFUL","data":{"__proto__":{"isAdmin":true},"amount":"5"}}');
  assert.equal(response.order.amount, 5);
  assert.equal(response.data.isAdmin, undefined, 'parseGatewayResponse: data inherits members from the input');
  assert.equal(response.order.isAdmin, undefined, 'parseGatewayResponse: order inherits members from the input');
  assert.equal({}.polluted ?? {}.isAdmin, undefined, 'Object.prototype is untouched');
  canary('proto');
});

test('a revoked proxy is refused with INVALID_ARGUMENT, as an argument or a member', () => {
  for (const [label, call] of [
    ['fields', () => lib.checksum('lookup', revoked(), lookupCase.secretKey)],
    ['member', () => lib.checksum('lookup', { ...fields, orderId: revoked() }, lookupCase.secretKey)],
    ['message', () => lib.validate('lookup', revoked())],
    ['body', () => lib.parsePaymentResult(revoked())],
  ]) {
    assert.equal(outcome(call, `revoked proxy ${label}`).error?.code, 'INVALID_ARGUMENT', label);
    canary(label);
  }
});

test('frozen and transparent proxy objects read like the plain object', () => {
  const message = { ...fields, checksum: lookupCase.checksum };
  for (const [label, wrap] of [['frozen', Object.freeze], ['proxy', (o) => new Proxy(o, {})], ['null prototype', (o) => Object.assign(Object.create(null), o)]]) {
    assert.equal(lib.checksum('lookup', wrap({ ...fields }), lookupCase.secretKey), lookupCase.checksum, label);
    assert.equal(lib.verify('lookup', wrap({ ...message }), lookupCase.secretKey), true, label);
    assert.deepEqual(lib.validate('lookup', wrap({ ...message })), lib.validate('lookup', message), label);
  }
});

test('an array claiming 2^32-1 elements is refused or read quickly, not walked until memory runs out', { timeout: 120_000 }, () => {
  for (const [label, make] of [['sparse array', hugeSparseArray], ['array proxy', wrappers.arrayProxy]]) {
    const start = performance.now();
    outcome(() => lib.validate('lookup', { ...fields, orderId: make() }), label);
    const ms = performance.now() - start;
    assert.ok(ms < 5_000, `${label} took ${ms.toFixed(0)} ms`);
    canary(label);
  }
});
