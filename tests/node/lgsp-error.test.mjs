// LgspError and isLgspError: every error the package throws, the core's (made inside
// WebAssembly) and the Node helpers', is recognised by both; nothing else is; the codes the
// guard knows are exactly the codes the declarations name.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  buildPaygateRequest, checksum, confirmPayment, createClient, decodeAuthorization, isLgspError, parsePaymentResult,
  runConformance, startMockGateway, verify, CLIENT_ERROR_CODES, LGSP_ERROR_CODES, LgspError, MAX_INPUT_LENGTH,
} from 'lgsp-paygate';
import { deadPort, unitCredentials } from './support/loopback.mjs';

const require = createRequire(import.meta.url);
/** The guide's test token (§3.1): its secret key is published. */
const GUIDE_TEST_TOKEN = 'ewogICJBY2Nlc3NLZXkiOiIwNGVlZWM5NWJhMzI0YWEzOTQ1YmVkOTUwZjc5YTNkOCIsCiAgIlNlY3JldEtleSI6Ik1EUmxaV1ZqT1RWaVlUTXlOR0ZoTXprME5XSXRaV1E1TlRCbU56bGhNMlE0IiwKICAiQXBwTmFtZSI6ImhjbV9zc29fYWRtaW4iLAogICJQYXJ0bmVyQ29kZSI6ImhjbV90ZXN0X3NzbyIsCiAgIlBhcnRuZXJDb2RlQ3VzIjoiaGNtX3Rlc3Rfc3NvIgp9';
const lookup = { partnerCode: '000.00.18.H29', accessKey: 'f53abff08e64', transactionNo: '835651612', orderId: '050720190008' };
const order = { orderId: 'SBN_1', amount: 40000, orderInfo: 'x', requestCode: '1', serviceCode: 'hcm_dichvucong',
  returnUrl: 'https://example.gov.vn/return', ipAddress: '120.72.114.122', accountCode: 'payment_test' };

function thrown(call) {
  try {
    call();
  } catch (error) {
    return error;
  }
  assert.fail('expected a throw');
}

async function rejected(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

/** Every .d.ts file of the installed package. */
function declarationFiles(dir = path.dirname(require.resolve('lgsp-paygate/package.json'))) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : declarationFiles(full);
    return /\.d\.[cm]?ts$/.test(entry.name) ? [full] : [];
  });
}

/** A union of string literals the installed declarations define: `export type NAME = | "A" | "B";`. */
function declaredUnion(name) {
  const pattern = new RegExp(`export type ${name} =([^;]+);`);
  for (const file of declarationFiles()) {
    const found = pattern.exec(fs.readFileSync(file, 'utf8'));
    if (found) return [...found[1].matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]);
  }
  return assert.fail(`no declaration of ${name}`);
}

test('the guard knows exactly the codes the declarations name, core codes first', () => {
  const core = declaredUnion('ErrorCode');
  const client = declaredUnion('ClientErrorCode');
  assert.deepEqual([...LGSP_ERROR_CODES], [...core, ...client, ...declaredUnion('SetupErrorCode')]);
  assert.deepEqual([...CLIENT_ERROR_CODES], client);
  assert.ok(Object.isFrozen(LGSP_ERROR_CODES));
});

test('every core error, made inside WebAssembly, is an LgspError', () => {
  const cases = {
    UNKNOWN_SCHEME: () => checksum('pay', lookup, 'k'),
    MISSING_FIELD: () => checksum('lookup', { ...lookup, orderId: undefined }, 'k'),
    MISSING_SECRET: () => checksum('lookup', lookup, null),
    INVALID_FIELD: () => checksum('lookup', { ...lookup, orderId: true }, 'k'),
    INVALID_ARGUMENT: () => checksum('lookup', { ...lookup, orderId: Number.NaN }, 'k'),
    INVALID_JSON: () => parsePaymentResult('{"paygate":'),
    INVALID_TOKEN: () => decodeAuthorization('not a token'),
    INVALID_MESSAGE: () => buildPaygateRequest({ ...order, amount: 0 }, { partnerCode: 'p', accessKey: 'a', secretKey: 's' }),
    // Refused by the guard around the core, before anything reaches WebAssembly.
    INPUT_TOO_LARGE: () => checksum('lookup', { ...lookup, orderId: 'x'.repeat(MAX_INPUT_LENGTH + 1) }, 'k'),
  };
  // A trap (CORE_FAILED, core-limits.test.mjs), a page before init() (NOT_INITIALIZED) and a
  // Node-only helper elsewhere (UNSUPPORTED_RUNTIME, the consumer matrix) cannot happen here.
  const elsewhere = ['CORE_FAILED', 'NOT_INITIALIZED', 'UNSUPPORTED_RUNTIME'];
  const seen = [];
  for (const [code, call] of Object.entries(cases)) {
    const error = thrown(call);
    assert.equal(error.code, code, `${code}: ${error.message}`);
    assert.ok(error instanceof Error, `${code} is an Error`);
    assert.equal(isLgspError(error), true, `isLgspError(${code})`);
    assert.ok(error instanceof LgspError, `${code} instanceof LgspError`);
    seen.push(code);
  }
  const setup = declaredUnion('SetupErrorCode');
  assert.deepEqual(seen, LGSP_ERROR_CODES.filter((c) => ![...CLIENT_ERROR_CODES, ...elsewhere, ...setup].includes(c)), 'one case per core code');
  assert.equal(verify('lookup', { ...lookup, checksum: '00' }, 'k'), false, 'and the instance keeps working');
});

test('the Node helpers throw real LgspError instances', async () => {
  const badOptions = thrown(() => createClient({ environment: 'staging', credentials: unitCredentials }));
  assert.equal(badOptions.code, 'INVALID_ARGUMENT');
  assert.equal(Object.getPrototypeOf(badOptions), LgspError.prototype);
  assert.equal(badOptions.name, 'LgspPaygateError');
  assert.match(badOptions.stack, /^LgspPaygateError: /);

  const client = createClient({ environment: { baseUrl: `http://127.0.0.1:${await deadPort()}` }, credentials: unitCredentials, timeoutMs: 5000 });
  const network = await rejected(client.getOrderInfo({ transactionNo: '1', orderId: 'SBN_1' }));
  assert.equal(network.code, 'NETWORK_ERROR');
  assert.ok(isLgspError(network) && network instanceof LgspError && network instanceof Error);
  assert.equal(network.endpoint, 'lookup');

  const mock = await startMockGateway({ credentials: unitCredentials });
  try {
    const refused = await rejected(createClient({ environment: { baseUrl: mock.url }, credentials: unitCredentials })
      .getOrderInfo({ transactionNo: '1', orderId: 'SBN_1' }));
    assert.equal(refused.code, 'GATEWAY_ERROR');
    assert.ok(refused instanceof LgspError);
    const misuse = await rejected(confirmPayment(null, client));
    assert.ok(isLgspError(misuse) && misuse.code === 'INVALID_ARGUMENT');
  } finally {
    await mock.close();
  }
});

/** Every .js and .cjs file of the installed package. */
function packageSources(dir = path.dirname(require.resolve('lgsp-paygate/package.json'))) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : packageSources(full);
    return /\.c?js$/.test(entry.name) ? [full] : [];
  });
}

test('every code the package throws is one the guard knows', async () => {
  // The JavaScript as installed (what users run): each lgspError('CODE', ...), new LgspError('CODE',
  // ...) and failure('CODE', ...) (the client's redacting wrapper). The core's codes are the
  // strings its ErrorCode gives JavaScript (src/error.rs, copied beside the tests).
  const thrownCodes = new Set();
  for (const file of packageSources()) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:lgspError|new LgspError|failure)\(\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g)) thrownCodes.add(m[1]);
  }
  const rust = fs.readFileSync(new URL('../../src/error.rs', import.meta.url), 'utf8');
  const rustCodes = [...rust.matchAll(/ErrorCode::\w+ => "([A-Z_]+)"/g)].map((m) => m[1]);
  assert.ok(rustCodes.length >= 8, 'the core\'s ErrorCode::as_str is read');
  for (const code of ['INVALID_ARGUMENT', 'TIMEOUT', 'UNIT_UNREACHABLE', 'PUBLISHED_SECRET', 'CORE_FAILED', 'INPUT_TOO_LARGE']) {
    assert.ok(thrownCodes.has(code), `the scan finds ${code}`);
  }
  for (const code of [...thrownCodes, ...rustCodes]) {
    assert.ok(LGSP_ERROR_CODES.includes(code), `${code} is thrown but not in LGSP_ERROR_CODES`);
    assert.equal(isLgspError(new LgspError(code, 'x')), true, code);
  }
  // And as thrown: the kit with nothing to grade, a production client with a published secret.
  const unreachable = await rejected(runConformance({ returnUrl: `http://127.0.0.1:${await deadPort()}/r`, createOrder() {}, waitMs: 300 }));
  assert.ok(isLgspError(unreachable) && unreachable instanceof LgspError, unreachable.message);
  assert.deepEqual([unreachable.code, unreachable.path], ['UNIT_UNREACHABLE', 'returnUrl']);
  const published = thrown(() => createClient({ environment: 'production',
    credentials: { ...unitCredentials, secretKey: decodeAuthorization(GUIDE_TEST_TOKEN).secretKey } }));
  assert.ok(isLgspError(published) && published.code === 'PUBLISHED_SECRET');
});

test('new LgspError(code, message, properties) builds what the package throws', () => {
  const cause = new Error('socket hang up');
  const error = new LgspError('HTTP_ERROR', 'POST /paygate: HTTP status 503', { status: 503, body: 'down', cause, ignored: undefined });
  assert.equal(error.name, 'LgspPaygateError');
  assert.equal(error.message, 'POST /paygate: HTTP status 503');
  assert.deepEqual({ code: error.code, status: error.status, body: error.body }, { code: 'HTTP_ERROR', status: 503, body: 'down' });
  assert.equal(error.cause, cause);
  assert.ok(!Object.hasOwn(error, 'ignored'));
  assert.ok(isLgspError(error) && error instanceof LgspError);

  class AppError extends LgspError {}
  const sub = new AppError('TIMEOUT', 'late');
  assert.ok(sub instanceof AppError && sub instanceof LgspError);
  assert.equal(thrown(() => checksum('pay', lookup, 'k')) instanceof AppError, false, 'a subclass keeps the prototype check');
});

test('anything else is not an LgspError, and the guard never throws', () => {
  const named = (name, code) => Object.assign(new Error('x'), { name, code });
  const hostile = new Proxy(new Error('x'), { get() { throw new Error('trap'); } });
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  for (const [label, value] of [
    ['a plain Error', new Error('x')],
    ['a TypeError with a code', Object.assign(new TypeError('x'), { code: 'MISSING_FIELD' })],
    ['the right name with an unknown code', named('LgspPaygateError', 'EPIPE')],
    ['a known code under another name', named('Error', 'MISSING_FIELD')],
    ['a plain object of the right shape', { name: 'LgspPaygateError', code: 'MISSING_FIELD', message: 'x' }],
    ['a string', 'LgspPaygateError'],
    ['null', null],
    ['undefined', undefined],
    ['a throwing proxy', hostile],
    ['a revoked proxy', revocable.proxy],
  ]) {
    assert.equal(isLgspError(value), false, label);
    assert.equal(value instanceof LgspError, false, `${label} instanceof LgspError`);
  }
});

test('require() gets an LgspError and a guard that recognise the same errors', () => {
  const cjs = require('lgsp-paygate');
  const fromEsm = thrown(() => checksum('pay', lookup, 'k'));
  const fromCjs = thrown(() => cjs.checksum('pay', lookup, 'k'));
  for (const error of [fromEsm, fromCjs, new LgspError('TIMEOUT', 'x'), new cjs.LgspError('TIMEOUT', 'x')]) {
    assert.ok(cjs.isLgspError(error) && isLgspError(error));
    assert.ok(error instanceof cjs.LgspError && error instanceof LgspError);
  }
  assert.deepEqual([...cjs.LGSP_ERROR_CODES], [...LGSP_ERROR_CODES]);
});
