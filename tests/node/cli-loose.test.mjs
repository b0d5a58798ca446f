// lgsp-paygate --loose over what integrators paste (tests/vectors/pastes.json: raw HTTP
// requests, curl commands as Chrome and Postman write them, log lines, a Java dump, each with and
// without an Authorization header): the message is read and verified against the checksum Python
// computed, each way of reading is named on stderr, the secret key comes from the pasted token
// when there is one, and neither the token nor the secret key is ever printed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vectors from './support/vectors.cjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '..', '..', 'node_modules', '.bin', 'lgsp-paygate');
const pastes = JSON.parse(fs.readFileSync(path.join(vectors.VECTORS_DIR, 'pastes.json'), 'utf8'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lgsp-cli-loose-'));
test.after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs the CLI on `text` (a file); the secret key and any token must not show in its output. */
function cli(args, text, { secret = null, token = null } = {}) {
  const input = path.join(work, 'paste.txt');
  fs.writeFileSync(input, text);
  const run = spawnSync(bin, [...args, input], {
    encoding: 'utf8',
    timeout: 15_000,
    env: { ...process.env, LGSP_SECRET: secret ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.equal(run.error, undefined, `spawn ${bin}: ${run.error}`);
  for (const [label, value] of [['secret key', secret], ['token', token]]) {
    if (value) assert.ok(!run.stdout.includes(value) && !run.stderr.includes(value), `lgsp-paygate ${args.join(' ')} printed the ${label}`);
  }
  return run;
}

test('every paste verifies with --loose; the token in it gives the secret key', () => {
  assert.ok(pastes.cases.length >= 20);
  for (const c of pastes.cases) {
    const secretArgs = c.authorization ? [] : ['--secret-env', 'LGSP_SECRET'];
    const run = cli(['verify', '--loose', ...secretArgs], c.text, { secret: c.secretKey, token: c.authorization });
    assert.equal(run.status, 0, `${c.id}: ${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /^ok: the paygate checksum matches/, c.id);
    for (const code of c.defects) assert.ok(run.stderr.includes(`${code}: `), `${c.id}: ${code} not named in\n${run.stderr}`);
    if (c.authorization) assert.match(run.stderr, /secret key: from the Authorization header in the input \(partnerCode "000\.00\.18\.H29"\)/, c.id);
  }
});

test('the checksum of a pasted curl command is the one Python computed', () => {
  const c = pastes.cases.find((x) => x.id === 'curl-chrome-cmd-authorization');
  const run = cli(['checksum', '--loose'], c.text, { secret: c.secretKey, token: c.authorization });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), pastes.checksum);
});

test('--secret-env wins over a pasted token, and a token that is not one is said, not printed', () => {
  const c = pastes.cases.find((x) => x.id === 'http-raw-authorization');
  const wrong = cli(['verify', '--loose', '--secret-env', 'LGSP_SECRET'], c.text, { secret: 'not-the-secret-key', token: c.authorization });
  assert.equal(wrong.status, 1, wrong.stderr);
  assert.match(wrong.stderr, /not used: --secret-env gives the secret key/);
  const bogus = 'QmVhcmVyIG5vdCBhIHRva2VuIG9mIHRoaXMgZ2F0ZXdheSBhdCBhbGwgZm9yIHN1cmU=';
  const invalid = cli(['verify', '--loose', '--secret-env', 'LGSP_SECRET'], c.text.replace(c.authorization, bogus), { secret: c.secretKey, token: bogus });
  assert.equal(invalid.status, 0, invalid.stderr);
  const noEnv = cli(['verify', '--loose'], c.text.replace(c.authorization, bogus), { token: bogus });
  assert.match(noEnv.stderr, /not a token of this gateway \(INVALID_TOKEN\): not used/);
  assert.equal(noEnv.status, 2, 'no secret key at all is bad input');
});

test('without --loose a paste is not JSON, and --loose is suggested', () => {
  const c = pastes.cases.find((x) => x.id === 'curl-postman');
  const run = cli(['verify', '--secret-env', 'LGSP_SECRET'], c.text, { secret: c.secretKey });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--loose would read it/);
  assert.match(run.stderr, /CURL_COMMAND/);
});
