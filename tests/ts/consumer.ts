// A strict TypeScript consumer of the installed package. It is only type-checked (tsc --noEmit),
// once as CommonJS and once as an ES module, so both .d.ts entry points must describe the API
// precisely: a declaration that falls back to `any` fails the NotAny checks below.
import {
  buildLookupRequest,
  buildPaygateRequest,
  buildRefundRequest,
  checksum,
  decodeAuthorization,
  encodeAuthorization,
  parseGatewayResponse,
  parsePaymentResult,
  paymentResultReply,
  preimage,
  schemes,
  validate,
  verify,
} from "lgsp-paygate";
import type { Credentials, FieldValue, Problem, Scheme, SchemeInfo, ValidationReport } from "lgsp-paygate";
import { comparePreimage, diagnose } from "lgsp-paygate";
import type { FindingCode } from "lgsp-paygate";
import type { Equal, NotAny } from "./type-assert.js";


const schemeIsExact: Equal<Scheme, "paygate" | "result" | "refund" | "lookup"> = true;
const fieldValueIsExact: Equal<FieldValue, string | number> = true;

const credentials: Credentials = {
  partnerCode: "000.00.18.H29",
  accessKey: "f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d",
  secretKey: "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4",
};

// Low-level checksums.
const lookupFields: Record<string, FieldValue> = {
  partnerCode: credentials.partnerCode,
  accessKey: credentials.accessKey,
  transactionNo: "835651612",
  orderId: "050720190008",
};
const scheme: Scheme = "lookup";
const digest: string = checksum(scheme, lookupFields, credentials.secretKey);
const upper: string = checksum("lookup", lookupFields, credentials.secretKey, { uppercase: true });
const masked: string = preimage("lookup", lookupFields, credentials.secretKey);
const revealed: string = preimage("lookup", lookupFields, credentials.secretKey, { revealSecret: true });
const resultDigest: string = checksum("result", { paygate: "momo", amount: 40000 }, null);
const verified: boolean = verify("lookup", { ...lookupFields, checksum: digest }, credentials.secretKey);

// @ts-expect-error "pay" is not a scheme id
checksum("pay", lookupFields, credentials.secretKey);

// The scheme table.
const table: SchemeInfo[] = schemes();
const ids: Scheme[] = table.map((s) => s.id);
const firstFields: string[] | undefined = table[0]?.fields;
for (const s of table) {
  const method: "POST" | "PUT" = s.method;
  const route: string | null = s.path;
  const head: string = s.prefix.kind === "literal" ? s.prefix.value : "secretKey";
  for (const f of s.messageFields) {
    const kind: "string" | "integer" = f.type;
    const required: boolean = f.required;
    const text: string = f.description.en + f.description.vi + f.name;
    void [kind, required, text];
  }
  void [method, route, head];
}

// Validation as data.
const report: ValidationReport = validate("paygate", { amount: 0 });
const firstProblem: Problem | undefined = report.errors[0];
const valid: boolean = report.valid;
const problems: string[] = [...report.errors, ...report.warnings].map((p) => `${p.path} ${p.code} ${p.message}`);

// Builders.
const paygate = buildPaygateRequest(
  {
    orderId: "SBN_100012",
    amount: 40000,
    orderInfo: "thanh toan tien dien thoai",
    requestCode: "12357851",
    serviceCode: "hcm_dichvucong",
    returnUrl: "https://dichvucong.example.gov.vn/lgsp/return",
    ipAddress: "120.72.114.122",
    accountCode: "payment_test",
  },
  credentials,
);
const paygateJson: string = paygate.json;
const paygateChecksum: string = paygate.body.checksum;
const paygateAmount: number = paygate.body.amount;
const paygateWarnings: string[] = paygate.warnings.map((p) => p.path);

const refund = buildRefundRequest(
  { transactionNo: "835651612", orderId: "050720190008", requestCode: "1590278921647", amount: 10000, orderInfo: "Nội dung" },
  { ...credentials, appName: "hcm_sso_admin", partnerCodeCus: "000.00.18.H29" },
);
const refundType: string = refund.body.transactionType;

const lookup = buildLookupRequest({ transactionNo: "835651612", orderId: "050720190008" }, credentials);
const lookupJson: string = lookup.json;

// What the gateway sends back.
const result = parsePaymentResult('{"paygate":"momo"}');
const accepted: boolean = result.accepted && result.valid && result.checksumValid && !result.paid;
const paidOrder: string | undefined = result.result?.orderId;
const reply: string = result.reply;
const ack: string = paymentResultReply(true) + paymentResultReply(false, "Sai số tiền");

const response = parseGatewayResponse("lookup", { error_code: "SUCCESSFUL", error_message: "", data: null });
const ok: boolean = response.ok && response.known;
const code: string = response.errorCode + response.errorMessage + response.description.en + response.description.vi;
const url: string | null = response.url;
const amount: number | null | undefined = response.order?.amount;
const amountText: string | null | undefined = response.order?.amountText;

// @ts-expect-error a payment result is not a gateway response kind
parseGatewayResponse("result", "{}");

// Authorization tokens.
const token: string = encodeAuthorization({
  accessKey: "04eeec95ba324aa3945bed950f79a3d8",
  secretKey: credentials.secretKey,
  appName: "hcm_sso_admin",
  partnerCode: "hcm_test_sso",
  partnerCodeCus: "hcm_test_sso",
});
const decoded = decodeAuthorization(token);
const decodedSecret: string = decoded.secretKey;
const decodedApp: string = decoded.appName + decoded.accessKey + decoded.partnerCode + decoded.partnerCodeCus;

// Thrown errors carry a string code.
try {
  checksum("lookup", {}, null);
} catch (e: unknown) {
  const errorCode: unknown = e instanceof Error && "code" in e ? e.code : undefined;
  void errorCode;
}

// No export may be typed as `any`.
const precise: [
  NotAny<Parameters<typeof checksum>[0]>,
  NotAny<Parameters<typeof checksum>[1]>,
  NotAny<ReturnType<typeof schemes>>,
  NotAny<Parameters<typeof validate>[0]>,
  NotAny<ReturnType<typeof validate>>,
  NotAny<Parameters<typeof buildPaygateRequest>[0]>,
  NotAny<Parameters<typeof buildPaygateRequest>[1]>,
  NotAny<ReturnType<typeof buildPaygateRequest>>,
  NotAny<ReturnType<typeof buildRefundRequest>>,
  NotAny<ReturnType<typeof buildLookupRequest>>,
  NotAny<ReturnType<typeof parsePaymentResult>>,
  NotAny<ReturnType<typeof parseGatewayResponse>>,
  NotAny<Parameters<typeof parseGatewayResponse>[0]>,
  NotAny<Parameters<typeof encodeAuthorization>[0]>,
  NotAny<ReturnType<typeof decodeAuthorization>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

export const used = [
  schemeIsExact, fieldValueIsExact, digest, upper, masked, revealed, resultDigest, verified, ids, firstFields,
  valid, problems, firstProblem, paygateJson, paygateChecksum, paygateAmount, paygateWarnings, refundType, lookupJson,
  accepted, paidOrder, reply, ack, ok, code, url, amount, amountText, decodedSecret, decodedApp, precise,
];

// The debugger's pre-image comparison and diagnosis, typed precisely.
const comparison = comparePreimage("lookup", { partnerCode: "P" }, "k", { hex: "00" }, { revealSecret: false });
const differsAt: number | undefined = comparison.firstDifference?.offset;
const differsIn: string | null | undefined = comparison.firstDifference?.field;
const theirCodePoints: string | null | undefined = comparison.firstDifference?.actual.codePoints;
const diagnosis = diagnose("lookup", "{}", "k");
const mistakes: FindingCode[] = diagnosis.findings.flatMap((f) => f.codes);
const fixLanguages: ("javascript" | "java" | "csharp" | "php")[] = diagnosis.findings.flatMap((f) =>
  f.fixes.flatMap((fix) => fix.snippets.map((s) => s.language)),
);
const notes: string[] = diagnosis.findings.flatMap((f) => f.changes.map((c) => c.note.vi));
const budget: number = diagnosis.budget.variants + diagnosis.hashedBytes;
const debuggerNotAny: [NotAny<typeof comparison>, NotAny<typeof diagnosis>] = [true, true];
export const usedByTheDebugger = [differsAt, differsIn, theirCodePoints, mistakes, fixLanguages, notes, budget, debuggerNotAny];
