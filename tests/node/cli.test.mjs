// The lgsp-paygate command as npm installs it (node_modules/.bin): exit status 0 / 1 / 2 for ok /
// mismatch / bad input, output for good, mismatched and malformed input, and the secret key kept
// out of argv, output and errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checksum, encodeAuthorization, handlePaymentResult } from 'lgsp-paygate';
import { unitCredentials } from './support/loopback.mjs';
import reference from './support/reference.cjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '..', '..', 'node_modules', '.bin', 'lgsp-paygate');
const SECRET = unitCredentials.secretKey;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lgsp-cli-'));
test.after(() => fs.rmSync(work, { recursive: true, force: true }));

const lookupFields = { partnerCode: '000.00.18.H29', accessKey: 'f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b', transactionNo: '835651612', orderId: '050720190008' };
const lookupDigest = reference.referenceChecksum('lookup', lookupFields, SECRET);
const good = JSON.stringify({ ...lookupFields, checksum: lookupDigest });
const mismatched = JSON.stringify({ ...lookupFields, accessKey: ` ${lookupFields.accessKey}`, checksum: lookupDigest });

/** Runs the CLI with `input` on stdin and LGSP_SECRET in its environment; secrets must not show. */
function cli(args, input = '', env = {}) {
  const run = spawnSync(bin, args, {
    input,
    encoding: 'utf8',
    timeout: 15_000,
    env: { ...process.env, LGSP_SECRET: SECRET, ...env },
  });
  assert.equal(run.error, undefined, `spawn ${bin}: ${run.error}`);
  for (const stream of [run.stdout, run.stderr]) {
    assert.ok(!stream.includes(SECRET), `lgsp-paygate ${args.join(' ')} printed the secret key`);
  }
  return run;
}

function file(name, text) {
  const target = path.join(work, name);
  fs.writeFileSync(target, text);
  return target;
}

test('the bin is installed and prints its usage', () => {
  const run = cli(['--help']);
  assert.equal(run.status, 0);
  for (const command of ['checksum', 'verify', 'explain', 'token encode', 'token decode', 'mock', '--secret-env']) {
    assert.ok(run.stdout.includes(command), `usage names ${command}`);
  }
});

test('checksum: the digest on stdout, exit 0; from a file or stdin', () => {
  const fromStdin = cli(['checksum', 'lookup', '--secret-env', 'LGSP_SECRET'], JSON.stringify(lookupFields));
  assert.equal(fromStdin.status, 0, fromStdin.stderr);
  assert.equal(fromStdin.stdout, `${lookupDigest}\n`);
  const fromFile = cli(['checksum', 'lookup', file('lookup.json', JSON.stringify(lookupFields)), '--secret-env', 'LGSP_SECRET', '--uppercase']);
  assert.equal(fromFile.stdout, `${lookupDigest.toUpperCase()}\n`);
  const result = { paygate: 'momo', payTransId: '1258485', orderId: 'SBN_100012', amount: 40000, orderInfo: 'x', payDate: '20191212161254', errorCode: '00', type: 'Pay' };
  const noSecretNeeded = cli(['checksum', 'result'], JSON.stringify(result));
  assert.equal(noSecretNeeded.stdout.trim(), checksum('result', result, null));
});

test('verify: 0 when it matches, 1 with a diagnosis when not, 2 for malformed input', () => {
  const ok = cli(['verify', 'lookup', '--secret-env', 'LGSP_SECRET'], good);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^ok: the lookup checksum matches/);

  const detected = cli(['verify', '--secret-env', 'LGSP_SECRET'], good);
  assert.equal(detected.status, 0, detected.stderr);
  assert.match(detected.stderr, /scheme: lookup/);

  const bad = cli(['verify', 'lookup', '--secret-env', 'LGSP_SECRET'], mismatched);
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stdout, /^mismatch/);
  assert.match(bad.stdout, new RegExp(`received\\s+${lookupDigest}`));
  assert.match(bad.stdout, /TRIMMED/, 'the diagnosis names the stray space');
  assert.match(bad.stderr, /WHITESPACE/);

  for (const [label, input, args] of [
    ['not JSON', '{"partnerCode": ', ['lookup']],
    ['a missing field', JSON.stringify({ partnerCode: 'p', checksum: lookupDigest }), ['lookup']],
    ['no checksum', JSON.stringify(lookupFields), ['lookup']],
    ['an unknown scheme', good, ['pay', '-']],
  ]) {
    const run = cli(['verify', ...args, '--secret-env', 'LGSP_SECRET'], input);
    assert.equal(run.status, 2, `${label}: exit 2\n${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /^lgsp-paygate: /, `${label}: says why`);
  }
});

test('the secret key comes from the environment or a prompt, never argv', () => {
  const unset = cli(['verify', 'lookup', '--secret-env', 'NO_SUCH_VARIABLE'], good);
  assert.equal(unset.status, 2);
  assert.match(unset.stderr, /named by --secret-env is not set/);
  assert.doesNotMatch(unset.stderr, /NO_SUCH_VARIABLE/, "the name is not echoed: a secret pasted there would be");
  const none = cli(['verify', 'lookup'], good);
  assert.equal(none.status, 2, 'no terminal to prompt on');
  assert.match(none.stderr, /--secret-env/);
  const argv = cli(['verify', 'lookup', `--secret=${SECRET}`], good);
  assert.equal(argv.status, 2, 'there is no --secret option');
});

test('explain: the step table, the secret masked, exit 1 on a mismatch', () => {
  const run = cli(['explain', 'lookup', '--secret-env', 'LGSP_SECRET', '--hex'], mismatched);
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stdout.split('\n');
  for (const [index, name] of ['secretKey', 'partnerCode', 'accessKey', 'transactionNo', 'orderId'].entries()) {
    assert.ok(lines.some((l) => new RegExp(`^${index}\\s+${name}\\s`).test(l)), `a row for ${name}:\n${run.stdout}`);
  }
  assert.match(run.stdout, /·f53abff0/, 'the leading space made visible');
  assert.match(run.stdout, /hex 30 30 30 2e/, 'bytes in hex');
  assert.match(run.stdout, /masked/);
  assert.match(run.stdout, /result\s+MISMATCH/);

  const json = cli(['explain', 'lookup', '--secret-env', 'LGSP_SECRET', '--json'], good);
  assert.equal(json.status, 0);
  const e = JSON.parse(json.stdout);
  assert.equal(e.digest, lookupDigest);
  assert.equal(e.matches, true);

  const incomplete = cli(['explain', 'lookup', '--secret-env', 'LGSP_SECRET'], JSON.stringify({ partnerCode: 'p' }));
  assert.equal(incomplete.status, 2);
  assert.match(incomplete.stdout, /cannot compute the checksum/);
});

test('explain --compare: the first differing byte, the secret masked, exit 1 when they differ', () => {
  // The pre-image built here by concatenation, independently of the package.
  const expected = SECRET + lookupFields.partnerCode + lookupFields.accessKey + lookupFields.transactionNo + lookupFields.orderId;
  const same = cli(['explain', 'lookup', '--secret-env', 'LGSP_SECRET', '--compare', file('same.txt', `${expected}\n`)], good);
  assert.equal(same.status, 0, same.stderr);
  assert.match(same.stdout, /byte for byte/);
  assert.match(same.stderr, /final newline/);
  const offset = Buffer.byteLength(SECRET + lookupFields.partnerCode + lookupFields.accessKey) + 3;
  const changed = `${expected.slice(0, offset)}X${expected.slice(offset + 1)}`;
  const differs = cli(['explain', 'lookup', '--secret-env', 'LGSP_SECRET', '--compare', file('changed.txt', changed)], good);
  assert.equal(differs.status, 1, differs.stderr);
  assert.match(differs.stdout, new RegExp(`from byte ${offset}, in transactionNo \\(its byte 3\\)`));
  assert.match(differs.stdout, /\[X\]/);
  const json = cli(['explain', 'lookup', '--secret-env', 'LGSP_SECRET', '--json', '--compare', file('changed.txt', changed)], good);
  assert.equal(JSON.parse(json.stdout).firstDifference.offset, offset);
  const secretWrong = cli(['explain', 'lookup', '--secret-env', 'LGSP_SECRET', '--compare', file('secret.txt', `x${expected.slice(1)}`)], good);
  assert.equal(secretWrong.status, 1);
  assert.match(secretWrong.stdout, /inside the secret key/);
  assert.ok(!secretWrong.stdout.includes(SECRET.slice(1, 12)), 'the rest of the secret is masked');
  const missing = cli(['explain', 'lookup', '--secret-env', 'LGSP_SECRET', '--compare', path.join(work, 'nope.txt')], good);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--compare file/);
});

test('a diagnosis on the terminal: the secret key said in words, never null -> null', () => {
  // Signed without the secret key: SHA-256 of the fields alone, computed here with node:crypto.
  const fieldsOnly = lookupFields.partnerCode + lookupFields.accessKey + lookupFields.transactionNo + lookupFields.orderId;
  const unsigned = JSON.stringify({ ...lookupFields, checksum: createHash('sha256').update(fieldsOnly, 'utf8').digest('hex') });
  const run = cli(['verify', 'lookup', '--secret-env', 'LGSP_SECRET'], unsigned);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /SECRET_MISSING/);
  assert.match(run.stdout, /The secret key: left out of the pre-image\./);
  assert.match(run.stdout, /fix: /);
  assert.doesNotMatch(run.stdout, /null -> null/);
});

test('--loose reads the guide\'s result example and names each repair', () => {
  const guide = '{ "paygate": "momo", "payTransId": "1258485", "orderId”: "SBN_100012", "amount": 40000, "orderInfo": "x",\n'
    + ' " payDate": "20191212161254", "errorCode": "00", "type": "Pay", "check-sum": "0000000000000000000000000000000000000000000000000000000000000000", }';
  const strict = cli(['verify', 'result'], guide);
  assert.equal(strict.status, 2);
  assert.match(strict.stderr, /--loose would read it/);
  const loose = cli(['verify', 'result', '--loose'], guide);
  assert.equal(loose.status, 1, loose.stderr);
  for (const code of ['SMART_QUOTES', 'KEY_WHITESPACE', 'KEY_ALIAS', 'TRAILING_COMMA']) assert.match(loose.stderr, new RegExp(code));
});

test('token encode and decode: the secret masked unless asked, INVALID_TOKEN is exit 2', () => {
  const { secretKey, ...rest } = unitCredentials;
  const encoded = cli(['token', 'encode', '--secret-env', 'LGSP_SECRET'], JSON.stringify(rest));
  assert.equal(encoded.status, 0, encoded.stderr);
  assert.equal(encoded.stdout.trim(), encodeAuthorization(unitCredentials));

  const decoded = cli(['token', 'decode', '--token-env', 'LGSP_TOKEN'], '', { LGSP_TOKEN: encoded.stdout.trim() });
  assert.equal(decoded.status, 0, decoded.stderr);
  const shown = JSON.parse(decoded.stdout);
  assert.equal(shown.appName, unitCredentials.appName);
  assert.equal(shown.secretKey, '*'.repeat(Buffer.byteLength(SECRET)));

  const invalid = cli(['token', 'decode'], 'not-a-token');
  assert.equal(invalid.status, 2);
  assert.match(invalid.stderr, /INVALID_TOKEN/);
});

/**
 * Runs the CLI with its stdout a pipe whose reading end is closed before anything is written, as
 * when `head -1` has already exited: every write the CLI makes meets EPIPE.
 */
function cliIntoClosedPipe(args, input) {
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LGSP_SECRET: SECRET } });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lgsp-paygate ${args.join(' ')} did not end with its reader gone`));
    }, 15_000);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

test('a closed stdout pipe ends quietly, with the status the command would have had', async () => {
  const matching = await cliIntoClosedPipe(['explain', 'lookup', '--secret-env', 'LGSP_SECRET', '--hex'], good);
  assert.deepEqual(matching, { code: 0, signal: null, stderr: '' });
  const mismatch = await cliIntoClosedPipe(['verify', 'lookup', '--secret-env', 'LGSP_SECRET'], mismatched);
  assert.equal(mismatch.code, 1, 'a mismatch is still reported by the exit status');
  assert.doesNotMatch(mismatch.stderr, /EPIPE|Error/);

  // The shell's way: head exits after one line; the pipeline's status is the CLI's (pipefail).
  const input = file('explain-head.json', good);
  const shell = spawnSync('bash', ['-c', 'set -o pipefail; "$0" explain lookup "$1" --secret-env LGSP_SECRET --hex | head -1', bin, input], {
    encoding: 'utf8',
    timeout: 15_000,
    env: { ...process.env, LGSP_SECRET: SECRET },
  });
  assert.equal(shell.status, 0, shell.stderr);
  assert.equal(shell.stdout.split('\n').length, 2, 'one line, as head printed it');
  assert.equal(shell.stderr, '');
});

test('input is read as handlePaymentResult reads bytes: a UTF-8 byte-order mark skipped, other encodings refused', () => {
  const bom = '\uFEFF';
  const withBom = file('lookup-bom.json', `${bom}${JSON.stringify(lookupFields)}`);
  const digest = cli(['checksum', 'lookup', withBom, '--secret-env', 'LGSP_SECRET']);
  assert.equal(digest.status, 0, digest.stderr);
  assert.equal(digest.stdout, `${lookupDigest}\n`);
  assert.equal(cli(['verify', '--secret-env', 'LGSP_SECRET'], `${bom}${good}`).status, 0, 'from stdin too, scheme detected');

  const result = { paygate: 'momo', payTransId: '1258485', orderId: 'SBN_100012', amount: 40000, orderInfo: 'Lệ phí', payDate: '20191212161254', errorCode: '00', type: 'Pay' };
  const body = Buffer.from(`${bom}${JSON.stringify({ ...result, checksum: reference.referenceChecksum('result', result, null) })}`);
  assert.equal(handlePaymentResult(body).accepted, true, 'handlePaymentResult accepts the body');
  assert.equal(cli(['verify', 'result', file('result-bom.json', body)]).status, 0, 'and so does the CLI');

  // Not UTF-8 (Latin-1 "ệ" is not even one byte): refused, never read with replacement characters.
  const latin1 = file('lookup-latin1.json', Buffer.concat([Buffer.from('{"orderInfo":"L'), Buffer.from([0xea]), Buffer.from(' ph\u00ed"}')]));
  const refused = cli(['explain', 'lookup', latin1, '--secret-env', 'LGSP_SECRET']);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /not UTF-8/);
});

test('mock: serves on 127.0.0.1 and stops on SIGTERM', async () => {
  const child = spawn(bin, ['mock', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    let output = '';
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 10_000);
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const found = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
    });
    const answer = await fetch(`${url}/paygate`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(5_000) });
    assert.equal((await answer.json()).error_code, 'NOT_AUTHORIZED');
  } finally {
    child.kill('SIGTERM');
  }
  assert.deepEqual(await exited, { code: 0, signal: null });
});
