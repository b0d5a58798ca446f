import { validate } from "lgsp-paygate";

// The guide's lookup example: payTransId for transactionNo, no checksum; plus a stray space.
const report = validate("lookup", {
  partnerCode: "000.00.18.H29",
  accessKey: " f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b",
  payTransId: "835651612",
  orderId: "050720190008",
});
console.log(report.valid); // false
for (const p of [...report.errors, ...report.warnings]) console.log(`${p.path}: ${p.code}`);
// checksum: MISSING_FIELD
// payTransId: ALIAS
// accessKey: WHITESPACE
