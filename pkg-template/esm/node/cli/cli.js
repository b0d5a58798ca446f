#!/usr/bin/env node
// lgsp-paygate: checksums, verification, explanations and tokens from the terminal, and the mock
// gateway. Input is JSON from a file or stdin; the secret key comes from an environment variable
// or a prompt, never from the command line. Exit status: 0 ok, 1 checksum mismatch, 2 bad input.
import { parseArgs } from 'node:util';
import { BAD_INPUT, COMMANDS, DEFAULT_MOCK_PORT, OK } from './commands.js';
import { BadInput, note, out } from './io.js';
import { VERSION } from './version.js';

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
  --loose              read what you paste, listing every repair: JSON as it arrives in the
                       wild (typographic quotes, check-sum, trailing commas...), form fields,
                       a raw HTTP request, a curl command, a log line, a Java toString() dump;
                       an Authorization header in it gives the secret key (never printed)
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
