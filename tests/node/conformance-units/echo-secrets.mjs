// A --start or --create command for the kit's tests that prints the secret key of its
// environment and the Authorization token made from it in every encoding of support/hostile.mjs,
// with terminal controls and bidi marks between them, then exits with the status given as its
// argument (the kit shows a failed command's last output).
import { encodeAuthorization } from 'lgsp-paygate';
import { ENCODINGS } from '../support/hostile.mjs';

const env = process.env;
const token = encodeAuthorization({
  accessKey: env.LGSP_ACCESS_KEY,
  secretKey: env.LGSP_SECRET_KEY,
  appName: env.LGSP_APP_NAME,
  partnerCode: env.LGSP_PARTNER_CODE,
  partnerCodeCus: env.LGSP_PARTNER_CODE_CUS,
});
const lines = [];
for (const [name, encode] of Object.entries(ENCODINGS)) {
  lines.push(`\u001b[2J${name}: ${encode(env.LGSP_SECRET_KEY)}`, `\u202etoken ${name}: ${encode(token)}\r`);
}
process.stdout.write(lines.join('\n'));
process.stderr.write(`\nAuthorization: ${token}\n`);
process.exitCode = Number(process.argv[2] ?? 1);
