// The commands of the command line but `conformance`: checksum, verify, explain (and
// explain --compare), token, mock. Each takes its positionals and options and resolves with the
// exit status, or throws BadInput.
import fs from 'node:fs';
import * as core from '../../index.js';
import { startMockGateway } from '../mock/server.js';
import { formatExplanation, formatDiagnosis, formatDefects, formatComparison, problemLine, mask } from './format.js';
import { BadInput, note, out, readInput, readJson, secretKey } from './io.js';

const OK = 0;
const MISMATCH = 1;
const BAD_INPUT = 2;
const DEFAULT_MOCK_PORT = 8090;

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

/**
 * The message for the core: the text as is (so the core sees 40000.0 as written), or read
 * loosely, with the Authorization header pasted with it (`{ message, authorization }`).
 */
function messageOf(text, loose) {
  if (!loose) return { message: text, authorization: null };
  const parsed = core.parseLoose(text);
  if (parsed.defects.length > 0) note(`read loosely, with ${parsed.defects.length} repair(s):\n${formatDefects(parsed.defects)}`);
  if (parsed.message === null) throw new BadInput('nothing could be read from the input');
  return { message: parsed.message, authorization: parsed.authorization };
}

/**
 * The secret key an Authorization header pasted with the message carries, as the debugger
 * page's token box reads it; null when there is none or it is no token. Said on stderr, the
 * token and the secret never.
 */
function pastedSecret(authorization, values) {
  if (authorization === null) return null;
  if (values['secret-env'] !== undefined) {
    note('the Authorization header in the input is not used: --secret-env gives the secret key');
    return null;
  }
  try {
    const credentials = core.decodeAuthorization(authorization.token);
    note(`secret key: from the Authorization header in the input (partnerCode ${JSON.stringify(credentials.partnerCode)})`);
    return credentials.secretKey;
  } catch (error) {
    note(`the Authorization header in the input is not a token of this gateway (${error.code ?? 'INVALID_TOKEN'}): not used`);
    return null;
  }
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
  const { message, authorization } = messageOf(text, values.loose);
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
  const pasted = needsSecret ? pastedSecret(authorization, values) : null;
  const secret = needsSecret ? pasted ?? await secretKey(values, file === undefined || file === '-', command !== 'explain') : null;
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

export { COMMANDS, DEFAULT_MOCK_PORT, OK, BAD_INPUT };
