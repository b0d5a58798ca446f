// Secrets stay secret: a secret key (and the Authorization token that carries it) fed through
// every path of the package (results, reports, errors, explain without revealSecret, diagnose,
// the Node client and mock gateway, the CLI) never shows up, as text or as its bytes in hex,
// in anything a caller would print or log. Where the caller asks for it (revealSecret), it does,
// which shows the checks can see it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import * as lib from 'lgsp-paygate';
import vectors from './support/vectors.cjs';
import samples from './support/samples.cjs';

const require = createRequire(import.meta.url);

/** An ASCII secret and a Vietnamese one (masked per UTF-8 byte, not per character). */
const SECRETS = ['canary-S3cr3t-7f1d9b2e-do-not-print', 'Khóa-bí-mật-Đặc-Biệt-2024-xyz'];

const hex = (text) => Buffer.from(text, 'utf8').toString('hex');
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');

/** Every form a leaked secret could take in output: itself, its bytes in hex (joined or in pairs). */
function forms(secret) {
  const h = hex(secret);
  return [secret, h, h.match(/../g).join(' ')];
}

/** Everything a caller could print about a value: JSON, util.inspect, and for errors the message and stack. */
function shown(value) {
  const parts = [util.inspect(value, { depth: 20, showHidden: true, maxStringLength: Infinity, maxArrayLength: Infinity })];
  try {
    parts.push(JSON.stringify(value));
  } catch {
    // Not JSON-serializable: util.inspect covers it.
  }
  if (value instanceof Error) {
    parts.push(String(value), value.message, String(value.stack), JSON.stringify(value, Object.getOwnPropertyNames(value)));
  }
  return parts.join('\n');
}

/** `secrets`: the secret key first, then what carries it (the token). */
function assertHidden(value, secrets, label) {
  const text = (typeof value === 'string' ? value : shown(value)).toLowerCase();
  secrets.forEach((secret, i) => {
    const what = i === 0 ? 'the secret key' : 'the Authorization token';
    for (const form of forms(secret)) {
      assert.ok(!text.includes(form.toLowerCase()), `${label}: shows ${what}${form === secret ? '' : ' in hex'}`);
    }
  });
}

/** The call's result or thrown error, which must be the package's coded Error. */
function settle(fn, label) {
  try {
    return fn();
  } catch (e) {
    assert.equal(typeof e?.code, 'string', `${label}: threw something without a code: ${e}`);
    return e;
  }
}

const paygate = vectors.simpleValidCase('paygate');
const lookup = vectors.simpleValidCase('lookup');
const resultCase = vectors.simpleValidCase('result');
const order = samples.order;
const without = (object, key) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== key));

for (const secret of SECRETS) {
  const at = (label) => `${label} [secret ${JSON.stringify(secret)}]`;
  const credentials = { ...samples.credentials, secretKey: secret };
  const fields = { ...paygate.fields };
  const signed = { ...fields, checksum: lib.checksum('paygate', fields, secret) };
  const wrong = { ...fields, checksum: '0'.repeat(64) };

  test(at('checksum, preimage and verify: results and errors'), () => {
    const calls = {
      'checksum': () => lib.checksum('paygate', fields, secret),
      'checksum upper': () => lib.checksum('paygate', fields, secret, { uppercase: true }),
      'checksum missing field': () => lib.checksum('paygate', without(fields, 'orderId'), secret),
      'checksum invalid field': () => lib.checksum('paygate', { ...fields, amount: { n: 1 } }, secret),
      'checksum NaN': () => lib.checksum('paygate', { ...fields, amount: NaN }, secret),
      'checksum unknown scheme': () => lib.checksum('paygates', fields, secret),
      'checksum bad options': () => lib.checksum('paygate', fields, secret, { uppercase: 'yes' }),
      'preimage masked': () => lib.preimage('paygate', fields, secret),
      'preimage missing field': () => lib.preimage('paygate', without(fields, 'amount'), secret),
      'verify good': () => lib.verify('paygate', signed, secret),
      'verify wrong': () => lib.verify('paygate', wrong, secret),
      'verify no checksum': () => lib.verify('paygate', fields, secret),
      'verify checksum not a string': () => lib.verify('paygate', { ...fields, checksum: 7 }, secret),
      'verify secret with spaces': () => lib.verify('paygate', signed, ` ${secret}\n`),
    };
    for (const [label, call] of Object.entries(calls)) assertHidden(settle(call, label), [secret], at(label));
    assert.ok(lib.preimage('paygate', fields, secret, { revealSecret: true }).includes(secret), 'revealSecret shows it');
  });

  test(at('validate, explain and diagnose: reports'), () => {
    const trimmedSigned = { ...fields, checksum: lib.checksum('paygate', fields, secret) };
    // Signed by senders who left the secret out, or put it where PAYHCM1.0 belongs.
    const noSecretSigned = { ...fields, checksum: sha256(lib.preimage('paygate', fields, secret, { revealSecret: true }).slice(secret.length)) };
    const resultPreimage = lib.preimage('result', resultCase.fields, null);
    const resultWithSecret = { ...resultCase.fields, checksum: sha256(secret + resultPreimage.slice('PAYHCM1.0'.length)) };
    const calls = {
      'validate': () => lib.validate('paygate', signed),
      'validate with the secret as a member': () => lib.validate('paygate', { ...signed, secretKey: secret }),
      'validate text with the secret as a member': () => lib.validate('paygate', JSON.stringify({ ...wrong, secretKey: secret })),
      'explain': () => lib.explain('paygate', signed, secret),
      'explain wrong': () => lib.explain('paygate', wrong, secret, { revealSecret: false }),
      'explain secret with spaces': () => lib.explain('paygate', signed, `\t${secret} `),
      'explain incomplete': () => lib.explain('paygate', without(wrong, 'orderInfo'), secret),
      'explain with the secret as a member': () => lib.explain('paygate', { ...wrong, secretKey: secret }, secret),
      'explain result scheme': () => lib.explain('result', { ...resultCase.fields, checksum: resultCase.checksum }, secret),
      'diagnose match': () => lib.diagnose('paygate', signed, secret),
      'diagnose wrong': () => lib.diagnose('paygate', wrong, secret),
      'diagnose secret trimmed': () => lib.diagnose('paygate', trimmedSigned, ` ${secret} `),
      'diagnose no secret in pre-image': () => lib.diagnose('paygate', noSecretSigned, secret),
      'diagnose secret as prefix': () => lib.diagnose('result', resultWithSecret, secret),
      'diagnose incomplete': () => lib.diagnose('paygate', without(wrong, 'amount'), secret),
      'diagnose unknown scheme': () => lib.diagnose('paygatee', wrong, secret),
      'detectScheme': () => lib.detectScheme({ ...signed, secretKey: secret }),
      'comparePreimage equal': () => lib.comparePreimage('paygate', signed, secret, lib.preimage('paygate', fields, secret, { revealSecret: true })),
      'comparePreimage other secret': () => lib.comparePreimage('paygate', signed, secret, `x${secret}${lib.preimage('paygate', fields, secret, { revealSecret: true })}`),
      'comparePreimage secret at the end': () => lib.comparePreimage('paygate', signed, secret, `${lib.preimage('paygate', fields, '')}${secret}`),
      'comparePreimage hex': () => lib.comparePreimage('paygate', signed, secret, { hex: hex(`${secret}\n`) }),
    };
    for (const [label, call] of Object.entries(calls)) assertHidden(settle(call, label), [secret], at(label));
    // The findings that talk about the secret are made, so their text was checked above.
    const found = (scheme, message, key) => lib.diagnose(scheme, message, key).findings.map((f) => f.code);
    assert.ok(found('paygate', trimmedSigned, ` ${secret} `).includes('SECRET_TRIMMED'), 'SECRET_TRIMMED');
    assert.ok(found('paygate', noSecretSigned, secret).includes('SECRET_MISSING'), 'SECRET_MISSING');
    assert.ok(found('result', resultWithSecret, secret).includes('SECRET_AS_PREFIX'), 'SECRET_AS_PREFIX');
    const revealed = JSON.stringify(lib.explain('paygate', signed, secret, { revealSecret: true }));
    assert.ok(revealed.includes(secret) && revealed.includes(hex(secret)), 'revealSecret shows the secret and its bytes');
  });

  test(at('builders: bodies, warnings and INVALID_MESSAGE errors'), () => {
    const calls = {
      'buildPaygateRequest': () => lib.buildPaygateRequest(order, credentials),
      'buildPaygateRequest secret with spaces': () => lib.buildPaygateRequest(order, { ...credentials, secretKey: ` ${secret}` }),
      'buildPaygateRequest invalid order': () => lib.buildPaygateRequest({ ...order, amount: 0, returnUrl: 'nope' }, credentials),
      'buildPaygateRequest secret in the order': () => lib.buildPaygateRequest({ ...order, secretKey: secret }, credentials),
      'buildPaygateRequest secret under a misspelt key': () => lib.buildPaygateRequest(order, { ...without(credentials, 'secretKey'), secretkey: secret }),
      'buildPaygateRequest secret not a string': () => lib.buildPaygateRequest(order, { ...credentials, secretKey: [secret] }),
      'buildRefundRequest': () => lib.buildRefundRequest(samples.refund, credentials),
      'buildRefundRequest invalid': () => lib.buildRefundRequest({ ...samples.refund, transactionType: '99', amount: -5 }, credentials),
      'buildLookupRequest': () => lib.buildLookupRequest(samples.lookup, credentials),
      'buildLookupRequest invalid': () => lib.buildLookupRequest({ orderId: ' x' }, credentials),
    };
    for (const [label, call] of Object.entries(calls)) assertHidden(settle(call, label), [secret], at(label));
  });

  test(at('Authorization tokens: encode and decode errors show neither the secret nor the token'), () => {
    const tokenCreds = { accessKey: 'a1', secretKey: secret, appName: 'app', partnerCode: 'p', partnerCodeCus: 'p' };
    const token = lib.encodeAuthorization(tokenCreds);
    const json = JSON.stringify({ AccessKey: 'a1', SecretKey: secret, AppName: 'app', PartnerCode: 'p', PartnerCodeCus: 'p' });
    const calls = {
      'encode missing appName': () => lib.encodeAuthorization(without(tokenCreds, 'appName')),
      'encode unknown key': () => lib.encodeAuthorization({ ...tokenCreds, secret }),
      'encode number field': () => lib.encodeAuthorization({ ...tokenCreds, partnerCode: 5 }),
      'decode truncated': () => lib.decodeAuthorization(token.slice(0, -5)),
      'decode with a bad character': () => lib.decodeAuthorization(token.slice(0, 20) + '%' + token.slice(21)),
      'decode without AccessKey': () => lib.decodeAuthorization(base64(json.replace('"AccessKey"', '"Access"'))),
      'decode SecretKey not a string': () => lib.decodeAuthorization(base64(json.replace(JSON.stringify(secret), `[${JSON.stringify(secret)}]`))),
      'decode broken JSON': () => lib.decodeAuthorization(base64(json.slice(0, -1))),
      'decode not UTF-8': () => lib.decodeAuthorization(Buffer.concat([Buffer.from(json.slice(0, -2)), Buffer.from([0xff, 0x7d])]).toString('base64')),
    };
    for (const [label, call] of Object.entries(calls)) assertHidden(settle(call, label), [secret, token], at(label));
  });
}

// ---------------------------------------------------------------------------------------------
// The Node-only modules: gateway client and mock gateway

const SECRET = SECRETS[1];
const clientCredentials = { ...samples.credentials, secretKey: SECRET, appName: 'app', partnerCodeCus: 'cus' };

test('the gateway client never shows the secret key or its token, even when the gateway echoes them', { skip: typeof lib.createClient !== 'function' && 'no createClient in this build' }, async () => {
  const token = lib.encodeAuthorization({ accessKey: clientCredentials.accessKey, secretKey: SECRET, appName: 'app', partnerCode: clientCredentials.partnerCode, partnerCodeCus: 'cus' });
  // A gateway that echoes what it was sent (headers, so the Authorization token, and the body) in
  // its error message and data, as debugging endpoints do.
  const echo = (status) => async (url, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers ?? {}).entries());
    const body = JSON.stringify({ error_code: status === 200 ? 'SIGNTURE_WRONG' : undefined, error_message: JSON.stringify(headers), data: { headers, sent: String(init?.body) } });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  };
  for (const status of [200, 500]) {
    const client = lib.createClient({ environment: { baseUrl: 'http://127.0.0.1:9' }, credentials: clientCredentials, fetch: echo(status) });
    assertHidden(client, [SECRET, token], `util.inspect(client)`);
    for (const [label, call] of [
      ['createPayment', () => client.createPayment(order)],
      ['refund', () => client.refund(samples.refund)],
      ['getOrderInfo', () => client.getOrderInfo(samples.lookup)],
      ['createPayment invalid order', () => client.createPayment({ ...order, amount: -1 })],
    ]) {
      const error = await call().then(() => null, (e) => e);
      assert.ok(error, `${label} (HTTP ${status}) must reject`);
      assertHidden(error, [SECRET, token], `${label} rejection (HTTP ${status})`);
    }
  }
  const refused = (() => {
    try {
      return lib.createClient({ environment: 'nowhere', credentials: { ...clientCredentials, authorization: token.slice(3) } });
    } catch (e) {
      return e;
    }
  })();
  assertHidden(refused, [SECRET, token], 'createClient with bad options');
});

test('the mock gateway logs no secret', { skip: typeof lib.startMockGateway !== 'function' && 'no startMockGateway in this build' }, async () => {
  const lines = [];
  const mock = await lib.startMockGateway({ port: 0, credentials: clientCredentials, log: (line) => lines.push(line) });
  try {
    const client = lib.createClient({ environment: { baseUrl: mock.url }, credentials: clientCredentials });
    const created = await client.createPayment({ ...order, returnUrl: 'http://127.0.0.1:9/return' });
    assertHidden(created, [SECRET], 'createPayment result');
    const wrongKey = lib.createClient({ environment: { baseUrl: mock.url }, credentials: { ...clientCredentials, secretKey: `${SECRET}-wrong` } });
    const refused = await wrongKey.createPayment({ ...order, orderId: 'SBN_2', returnUrl: 'http://127.0.0.1:9/return' }).then(() => null, (e) => e);
    assertHidden(refused, [SECRET], 'a refused request');
    await client.getOrderInfo({ transactionNo: '1', orderId: order.orderId }).catch((e) => e);
  } finally {
    await mock.close();
  }
  assert.ok(lines.length > 0, 'the mock logged its requests');
  assertHidden(lines.join('\n'), [SECRET, `${SECRET}-wrong`], 'mock log');
});

// ---------------------------------------------------------------------------------------------
// The command-line tool

function cliPath() {
  const manifestPath = require.resolve('lgsp-paygate/package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['lgsp-paygate'];
  return bin ? path.join(path.dirname(manifestPath), bin) : null;
}

const cli = cliPath();

test('the CLI prints no secret: checksum, verify, explain, token and every error', { skip: !cli && 'the package has no CLI' }, () => {
  const token = lib.encodeAuthorization({ accessKey: 'a1', secretKey: SECRET, appName: 'app', partnerCode: 'p', partnerCodeCus: 'c' });
  const env = { ...process.env, LGSP_TEST_SECRET: SECRET, LGSP_TEST_SECRET_SPACED: ` ${SECRET} `, LGSP_TEST_TOKEN: token };
  const fields = { ...paygate.fields };
  const message = { ...fields, checksum: lib.checksum('paygate', fields, SECRET) };
  const wrong = { ...fields, checksum: '0'.repeat(64) };
  const broken = JSON.stringify(wrong).replaceAll('"orderId"', '“orderId”').replace('}', ',}');
  const run = (args, input) => {
    const r = spawnSync(process.execPath, [cli, ...args], { input, env, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.error, undefined, `lgsp-paygate ${args.join(' ')}: ${r.error}`);
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  };
  const runs = [
    [['checksum', 'paygate', '--secret-env', 'LGSP_TEST_SECRET'], JSON.stringify(fields)],
    [['checksum', '--secret-env', 'LGSP_TEST_SECRET', '--uppercase'], JSON.stringify(fields)],
    [['checksum', 'paygate', '--secret-env', 'LGSP_TEST_SECRET'], JSON.stringify(without(fields, 'orderId'))],
    [['checksum', 'paygate', '--secret-env', 'LGSP_TEST_SECRET'], '{"not json'],
    [['verify', 'paygate', '--secret-env', 'LGSP_TEST_SECRET'], JSON.stringify(message)],
    [['verify', 'paygate', '--secret-env', 'LGSP_TEST_SECRET'], JSON.stringify(wrong)],
    [['verify', 'paygate', '--secret-env', 'LGSP_TEST_SECRET_SPACED'], JSON.stringify(message)],
    [['explain', 'paygate', '--secret-env', 'LGSP_TEST_SECRET'], JSON.stringify(wrong)],
    [['explain', 'paygate', '--secret-env', 'LGSP_TEST_SECRET', '--hex'], JSON.stringify(message)],
    [['explain', 'paygate', '--secret-env', 'LGSP_TEST_SECRET', '--json'], JSON.stringify(message)],
    [['explain', 'paygate', '--secret-env', 'LGSP_TEST_SECRET_SPACED', '--hex'], JSON.stringify(message)],
    [['explain', 'paygate', '--secret-env', 'LGSP_TEST_SECRET', '--loose'], broken],
    [['token', 'decode', '--token-env', 'LGSP_TEST_TOKEN'], ''],
    [['token', 'decode'], token.slice(0, -6)],
    [['token', 'encode', '--secret-env', 'LGSP_TEST_SECRET'], JSON.stringify({ accessKey: 'a1', appName: 'app', partnerCode: 'p' })],
    // A secret typed where an option or a file name goes.
    [['checksum', 'paygate', `--${SECRET}`], JSON.stringify(fields)],
    [['checksum', 'paygate', SECRET], ''],
    [['explain', 'paygate', '--secret-env', SECRET], JSON.stringify(fields)],
  ];
  for (const [args, input] of runs) {
    const { status, output } = run(args, input);
    assert.ok(status !== null, `lgsp-paygate ${args.join(' ')} was killed`);
    assertHidden(output, [SECRET], `lgsp-paygate ${args.map((a) => a.replace(SECRET, '<secret>')).join(' ')} (exit ${status})`);
  }
  const tokenCheck = run(['token', 'decode', '--token-env', 'LGSP_TEST_TOKEN'], '');
  assert.equal(tokenCheck.status, 0, 'token decode works');
  assert.ok(run(['explain', 'paygate', '--secret-env', 'LGSP_TEST_SECRET', '--reveal-secret'], JSON.stringify(message)).output.includes(SECRET), 'explain --reveal-secret shows it');
});
