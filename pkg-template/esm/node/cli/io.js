// The command line's input and output: what it reads (a file or stdin, at most 1 MiB, UTF-8), the
// secret key (an environment variable or a hidden prompt, never an argument), and what it prints
// (control and bidi characters escaped; a reader that went away is not an error).
import fs from 'node:fs';
import { DEFAULT_MAX_BYTES } from '../../gateway/body-limits.js';
import { escapeControls } from '../../gateway/redact.js';

/** The largest input read, from a file or stdin: 1 MiB. A larger one is refused (exit 2) unread. */
const MAX_INPUT_BYTES = DEFAULT_MAX_BYTES;

/** Bad input or usage: printed as "lgsp-paygate: <message>", exit status 2. */
class BadInput extends Error {}

/**
 * Control, bidi and invisible characters but tab and newline, as \uXXXX: text echoed from the
 * input cannot move the cursor, clear the screen or reorder a line.
 */
function printable(text) {
  return escapeControls(String(text), { keep: '\n\t' });
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

export { BadInput, MAX_INPUT_BYTES, out, note, readInput, readJson, secretKey };
