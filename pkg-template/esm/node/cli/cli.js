#!/usr/bin/env node
// lgsp-paygate: checksums, verification, explanations and tokens from the terminal, and the mock
// gateway. Input is JSON from a file or stdin; the secret key comes from an environment variable
// or a prompt, never from the command line. Exit status: 0 ok, 1 checksum mismatch, 2 bad input.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import * as core from '../../index.js';
import { startMockGateway } from '../mock/server.js';
import { formatExplanation, formatDiagnosis, formatDefects, formatComparison, problemLine, mask } from './format.js';
import { DEFAULT_MAX_BYTES } from '../../gateway/body-limits.js';
import { VERSION } from './version.js';

const OK = 0;
const MISMATCH = 1;
const BAD_INPUT = 2;
const DEFAULT_MOCK_PORT = 8090;
/** The largest input read, from a file or stdin: 1 MiB. A larger one is refused (exit 2) unread. */
const MAX_INPUT_BYTES = DEFAULT_MAX_BYTES;

const USAGE = `usage: lgsp-paygate <command> [options]

commands
  checksum [SCHEME] [FILE]   print the checksum of the message in FILE
  verify [SCHEME] [FILE]     check the message's checksum: exit 0 if it matches, 1 if not
  explain [SCHEME] [FILE]    every step of the checksum, byte by byte
  token encode [FILE]        the Authorization token for the credentials in FILE
  token decode [FILE]        the credentials a token carries (secret key masked)
  mock                       run the mock gateway on 127.0.0.1
  conformance                grade a unit's backend by playing the gateway against it
                             (lgsp-paygate conformance --help)

  SCHEME is paygate, result, refund or lookup; without it the message's keys tell.
  FILE is a JSON file; "-" or none reads stdin. Input over 1 MiB is refused (exit 2).

options
  --secret-env NAME    read the secret key from the environment variable NAME; without it
                       you are prompted when stdin is a terminal (never pass it as an argument)
  --loose              read bodies as they arrive in the wild (typographic quotes, check-sum,
                       trailing commas...), listing every repair
  --uppercase          checksum: upper-case hex
  --hex                explain: each segment's bytes in hex
  --json               explain: the explanation as JSON
  --compare FILE       explain: compare the pre-image your code hashed (the text in FILE; one
                       final newline is not compared) with the expected one: exit 1 if they differ
  --reveal-secret      explain, token decode: show the secret key instead of '*'
  --token-env NAME     token decode: read the token from the environment variable NAME
  --port N             mock: port on 127.0.0.1 (default ${DEFAULT_MOCK_PORT}; 0 picks a free one)
  --credentials FILE   mock: JSON with partnerCode, accessKey, and optionally appName
                       ("lgsp_paygate_mock") and partnerCodeCus (partnerCode) (secretKey from
                       --secret-env); without it, throwaway ones are made up

exit status: 0 ok, 1 checksum mismatch, 2 bad input (over 1 MiB included) or usage`;

const OPTIONS = {
  'secret-env': { type: 'string' },
  'token-env': { type: 'string' },
  loose: { type: 'boolean' },
  uppercase: { type: 'boolean' },
  hex: { type: 'boolean' },
  json: { type: 'boolean' },
  compare: { type: 'string' },
  'reveal-secret': { type: 'boolean' },
  port: { type: 'string' },
  credentials: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

/** Bad input or usage: printed as "lgsp-paygate: <message>", exit status 2. */
class BadInput extends Error {}

/**
 * Control characters other than tab and newline (C0, DEL, C1) and bidirectional overrides, as
 * \uXXXX: text echoed from the input cannot move the cursor, clear the screen or reorder a line.
 */
function printable(text) {
  return String(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// A reader that went away (`lgsp-paygate explain ... | head -1`) is not an error: the rest of the
// output is dropped and the command ends with the status it would have had, never with EPIPE.
let stdoutClosed = false;
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});
process.stderr.on('error', () => {});

const out = (text) => {
  if (!stdoutClosed) process.stdout.write(`${printable(text)}\n`);
};
const note = (text) => process.stderr.write(`${printable(text)}\n`);

const tooLarge = () => new BadInput(`the input is over ${MAX_INPUT_BYTES} bytes (1 MiB): refused`);

// Input bytes are read as handlePaymentResult reads a body given as bytes: UTF-8, a leading
// byte-order mark skipped, anything that is not UTF-8 refused rather than repaired.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeInput(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BadInput('the input is not UTF-8 text');
  }
}

async function readStdin() {
  if (process.stdin.isTTY) throw new BadInput('no input: give a FILE or pipe JSON to stdin');
  const chunks = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += chunk.length;
    if (size > MAX_INPUT_BYTES) {
      process.stdin.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return decodeInput(Buffer.concat(chunks, size));
}

/** At most MAX_INPUT_BYTES of a file's bytes, or TooLarge: a device such as /dev/zero is read no further. */
function readFileLimited(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isFile() && stat.size > MAX_INPUT_BYTES) throw tooLarge();
    const buffer = Buffer.alloc(MAX_INPUT_BYTES + 1);
    let size = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, size, buffer.length - size, null);
      if (n === 0) break;
      size += n;
      if (size > MAX_INPUT_BYTES) throw tooLarge();
    }
    return buffer.subarray(0, size);
  } finally {
    fs.closeSync(fd);
  }
}

/** The input text. The path is not repeated in messages: it may be a mistyped secret. */
async function readInput(file) {
  if (file === undefined || file === '-') return readStdin();
  let bytes;
  try {
    bytes = readFileLimited(file);
  } catch (error) {
    if (error instanceof BadInput) throw error;
    throw new BadInput(`cannot read the input file (${error.code ?? error.name})`);
  }
  return decodeInput(bytes);
}

function readJson(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadInput(`${what} is not JSON`);
  }
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question) {
  return new Promise((resolve, reject) => {
    const { stdin } = process;
    let value = '';
    const finish = (error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new BadInput('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
      return undefined;
    };
    process.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The secret key: --secret-env NAME, else a hidden prompt when stdin is a terminal not used for input. */
async function secretKey(values, inputFromStdin, required) {
  const name = values['secret-env'];
  if (name !== undefined) {
    const value = process.env[name];
    // The name is not echoed: a secret pasted where the name belongs would be printed.
    if (value === undefined || value === '') throw new BadInput('the environment variable named by --secret-env is not set or empty');
    return value;
  }
  if (process.stdin.isTTY && !inputFromStdin) {
    const value = await promptHidden('secret key: ');
    if (value !== '') return value;
  }
  if (required) throw new BadInput('no secret key: pass --secret-env NAME (or run in a terminal to be prompted)');
  return null;
}

function schemeIds() {
  return core.schemes().map((s) => s.id);
}

/** [scheme or null, file] from the positionals after the command. */
function schemeAndFile(args) {
  if (args.length > 2) throw new BadInput(`too many arguments; see lgsp-paygate --help`);
  if (args.length === 2 || schemeIds().includes(args[0])) {
    if (!schemeIds().includes(args[0])) throw new BadInput(`unknown scheme ${JSON.stringify(args[0])}: expected ${schemeIds().join(', ')}`);
    return [args[0], args[1]];
  }
  return [null, args[0]];
}

/** The message for the core: the text as is (so the core sees 40000.0 as written), or read loosely. */
function messageOf(text, loose) {
  if (!loose) return text;
  const parsed = core.parseLoose(text);
  if (parsed.defects.length > 0) note(`read loosely, with ${parsed.defects.length} repair(s):\n${formatDefects(parsed.defects)}`);
  if (parsed.message === null) throw new BadInput('nothing could be read from the input');
  return parsed.message;
}

/** When strict JSON fails, says what --loose would repair. */
function looseHint(text) {
  try {
    const parsed = core.parseLoose(text);
    if (parsed.message !== null && parsed.defects.length > 0) {
      return `\n--loose would read it with these repairs:\n${formatDefects(parsed.defects)}`;
    }
  } catch {
    // no hint
  }
  return '';
}

async function explained(command, args, values) {
  const [named, file] = schemeAndFile(args);
  const text = await readInput(file);
  const message = messageOf(text, values.loose);
  let scheme = named;
  try {
    scheme ??= core.detectScheme(message);
  } catch (error) {
    if (error.code === 'INVALID_JSON') throw new BadInput(`${error.message}${looseHint(text)}`);
    throw error;
  }
  if (scheme === null) throw new BadInput(`cannot tell the scheme from the message's keys: name it (${schemeIds().join(', ')})`);
  if (named === null) note(`scheme: ${scheme} (from the message's keys)`);
  const info = core.schemes().find((s) => s.id === scheme);
  const needsSecret = info.prefix.kind === 'secretKey';
  const secret = needsSecret ? await secretKey(values, file === undefined || file === '-', command !== 'explain') : null;
  let explanation;
  try {
    explanation = core.explain(scheme, message, secret, { revealSecret: values['reveal-secret'] === true && command === 'explain' });
  } catch (error) {
    if (error.code === 'INVALID_JSON') throw new BadInput(`${error.message}${looseHint(text)}`);
    throw error;
  }
  return { scheme, info, message, secret, explanation };
}

function diagnosis(scheme, message, secret) {
  return formatDiagnosis(core.diagnose(scheme, message, secret));
}

async function runChecksum(args, values) {
  const { explanation: e } = await explained('checksum', args, values);
  for (const w of e.warnings) note(`warning: ${problemLine(w)}`);
  if (e.digest === null) throw new BadInput(`cannot compute the checksum:\n${e.errors.map((p) => `  ${problemLine(p)}`).join('\n')}`);
  out(values.uppercase ? e.digestUpper : e.digest);
  return OK;
}

async function runVerify(args, values) {
  const { scheme, message, secret, explanation: e } = await explained('verify', args, values);
  for (const w of e.warnings) note(`warning: ${problemLine(w)}`);
  if (e.digest === null) throw new BadInput(`cannot compute the checksum:\n${e.errors.map((p) => `  ${problemLine(p)}`).join('\n')}`);
  if (e.received === null) throw new BadInput('the message has no checksum to verify');
  if (e.matches) {
    out(`ok: the ${scheme} checksum matches`);
    return OK;
  }
  out(`mismatch: the ${scheme} checksum does not match\nreceived   ${e.received}\ncomputed   ${e.digest}\n${diagnosis(scheme, message, secret)}`);
  out('run `lgsp-paygate explain` on the same input to see every step');
  return MISMATCH;
}

/** The text in FILE, without the one final newline an editor adds (said on stderr). */
function comparedText(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new BadInput(`cannot read the --compare file (${error.code || error.message})`);
  }
  const ending = /\r?\n$/.exec(text);
  if (ending) note(`compare: the final ${ending[0] === '\n' ? 'newline' : 'CR LF'} of the --compare file is not compared`);
  return ending ? text.slice(0, ending.index) : text;
}

async function runExplain(args, values) {
  if (values.compare !== undefined) return runCompare(args, values);
  const { scheme, info, message, secret, explanation: e } = await explained('explain', args, values);
  if (values.json) out(JSON.stringify(e, null, 2));
  else out(formatExplanation(e, { schemeInfo: info, hex: values.hex === true, revealed: values['reveal-secret'] === true }));
  if (e.digest === null) return BAD_INPUT;
  if (e.matches === false) {
    if (!values.json) out(diagnosis(scheme, message, secret));
    return MISMATCH;
  }
  return OK;
}

async function runCompare(args, values) {
  const theirs = comparedText(values.compare);
  const { scheme, message, secret, explanation: e } = await explained('explain', args, values);
  if (e.digest === null) throw new BadInput(`cannot build the expected pre-image:\n${e.errors.map((p) => `  ${problemLine(p)}`).join('\n')}`);
  const revealSecret = values['reveal-secret'] === true;
  const c = core.comparePreimage(scheme, message, secret, theirs, { revealSecret });
  if (values.json) out(JSON.stringify(c, null, 2));
  else out(formatComparison(c));
  return c.equal ? OK : MISMATCH;
}

async function runToken(args, values) {
  const [action, file, ...rest] = args;
  if (rest.length > 0 || (action !== 'encode' && action !== 'decode')) throw new BadInput('usage: lgsp-paygate token encode|decode [FILE]');
  if (action === 'encode') {
    const credentials = readJson(await readInput(file), 'the credentials');
    if (credentials === null || typeof credentials !== 'object' || Array.isArray(credentials)) throw new BadInput('the credentials must be a JSON object');
    const fromStdin = file === undefined || file === '-';
    const secret = typeof credentials.secretKey === 'string' && values['secret-env'] === undefined
      ? credentials.secretKey
      : await secretKey(values, fromStdin, true);
    out(core.encodeAuthorization({ ...credentials, secretKey: secret }));
    return OK;
  }
  let token;
  if (values['token-env'] !== undefined) {
    token = process.env[values['token-env']];
    if (token === undefined || token === '') throw new BadInput('the environment variable named by --token-env is not set or empty');
  } else {
    token = await readInput(file);
  }
  const decoded = core.decodeAuthorization(token.trim());
  const shown = values['reveal-secret'] ? decoded : { ...decoded, secretKey: mask(decoded.secretKey) };
  out(JSON.stringify(shown, null, 2));
  return OK;
}

async function mockCredentials(values) {
  if (values.credentials === undefined) {
    if (values['secret-env'] !== undefined) throw new BadInput('--secret-env needs --credentials FILE for the other fields');
    return undefined;
  }
  const credentials = readJson(await readInput(values.credentials), 'the credentials file');
  if (credentials === null || typeof credentials !== 'object' || Array.isArray(credentials)) throw new BadInput('the credentials must be a JSON object');
  if (values['secret-env'] !== undefined || typeof credentials.secretKey !== 'string') {
    credentials.secretKey = await secretKey(values, false, true);
  }
  return credentials;
}

async function runMock(args, values) {
  if (args.length > 0) throw new BadInput('usage: lgsp-paygate mock [--port N] [--credentials FILE] [--secret-env NAME]');
  const port = values.port === undefined ? DEFAULT_MOCK_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BadInput('--port must be a number from 0 to 65535');
  const given = await mockCredentials(values);
  const mock = await startMockGateway({ port, credentials: given, log: (line) => out(`${new Date().toISOString()} ${line}`) });
  const c = mock.credentials;
  out(`mock LGSP gateway on ${mock.url} (POST /paygate, /refund, /GetOrderInfo)`);
  out(given === undefined ? 'credentials made up for this run (throwaway, not a real key):' : 'credentials:');
  for (const key of ['partnerCode', 'accessKey', 'appName', 'partnerCodeCus']) out(`  ${key.padEnd(15)}${c[key] ?? ''}`);
  out(`  ${'secretKey'.padEnd(15)}${given === undefined ? c.secretKey : `${mask(c.secretKey)} (as given)`}`);
  out(`use environment { baseUrl: "${mock.url}" }; Ctrl-C stops it`);
  await new Promise((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await mock.close();
  return OK;
}

const COMMANDS = { checksum: runChecksum, verify: runVerify, explain: runExplain, token: runToken, mock: runMock };

async function main(argv) {
  // The conformance kit has options of its own, exit status 1 for a failed check, and exits itself.
  if (argv[0] === 'conformance') return (await import('../conformance/cli.js')).run(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs names the offending option; an unknown option may be a secret typed by mistake.
    note(`lgsp-paygate: ${error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 'unknown option' : 'bad arguments'}; see lgsp-paygate --help`);
    return BAD_INPUT;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    out(VERSION);
    return OK;
  }
  const [command, ...args] = positionals;
  if (values.help || command === 'help') {
    out(USAGE);
    return OK;
  }
  const run = COMMANDS[command];
  if (!run) {
    note(`${command === undefined ? 'lgsp-paygate: no command' : 'lgsp-paygate: unknown command'}\n\n${USAGE}`);
    return BAD_INPUT;
  }
  try {
    return await run(args, values);
  } catch (error) {
    if (error instanceof BadInput) {
      note(`lgsp-paygate: ${error.message}`);
      return BAD_INPUT;
    }
    if (error && typeof error.code === 'string' && error.name === 'LgspPaygateError') {
      // The core's errors never carry the secret key or the token.
      note(`lgsp-paygate: ${error.code}: ${error.message}`);
      return BAD_INPUT;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    note(`lgsp-paygate: unexpected error: ${error && error.message}`);
    process.exitCode = BAD_INPUT;
  },
);
