// Strict code over the package's own types, type-checked (never run) as CommonJS and as an ES
// module: the functions take the package's message interfaces, and results narrow on their
// flags. Each `@ts-expect-error` proves a narrowing or a refusal: tsc fails if the line compiles.
import {
  buildLookupRequest,
  checksum,
  diagnose,
  explain,
  parsePaymentResult,
  preimage,
  verify,
} from "lgsp-paygate";
import type {
  Credentials,
  Explanation,
  FieldsOf,
  LookupRequest,
  PaygateRequest,
  PaymentResult,
  PaymentResultReport,
  RefundRequest,
  Scheme,
} from "lgsp-paygate";

declare const secretKey: string;
declare const paygateRequest: PaygateRequest;
declare const refundRequest: RefundRequest;
declare const lookupRequest: LookupRequest;
declare const paymentResult: PaymentResult;

// The package's interfaces, which have no index signature, fit their scheme.
const digests: string[] = [
  checksum("paygate", paygateRequest, secretKey),
  checksum("refund", refundRequest, secretKey),
  checksum("lookup", lookupRequest, secretKey, { uppercase: true }),
  checksum("result", paymentResult, null),
  preimage("lookup", lookupRequest, secretKey),
  preimage("result", paymentResult, null, { revealSecret: true }),
];
const verified: boolean[] = [
  verify("paygate", paygateRequest, secretKey),
  verify("refund", refundRequest, secretKey),
  verify("lookup", lookupRequest, secretKey),
  verify("result", paymentResult, null),
];
const explained: Explanation[] = [explain("lookup", lookupRequest, secretKey), explain("result", paymentResult)];
const diagnosed: boolean = diagnose("result", paymentResult).matches;

// A built request's body goes straight back in.
const credentials: Credentials = { partnerCode: "000.00.18.H29", accessKey: "f53abff0", secretKey };
const built = buildLookupRequest({ transactionNo: "835651612", orderId: "050720190008" }, credentials);
const rebuilt: boolean = verify("lookup", built.body, secretKey) && checksum("lookup", built.body, secretKey) === built.body.checksum;

// So does a unit's own interface with the scheme's fields, and a record built at run time.
interface StoredLookup { partnerCode: string; accessKey: string; transactionNo: string; orderId: string; savedAt: Date }
declare const stored: StoredLookup;
const fromStore: string = checksum("lookup", stored, secretKey);
const dynamic: Record<string, string | number> = Object.fromEntries([["orderId", "050720190008"]]);
const fromRecord: string = checksum("lookup", dynamic, secretKey);
const anyScheme: Scheme = "paygate";
const fields: FieldsOf<"paygate"> = paygateRequest;
const bySchemeVariable: string = checksum(anyScheme, fields, secretKey);

// An interface whose field cannot be hashed is refused.
interface BadLookup { partnerCode: string; accessKey: string; transactionNo: boolean; orderId: string }
declare const badLookup: BadLookup;
// @ts-expect-error transactionNo is a boolean
checksum("lookup", badLookup, secretKey);
// @ts-expect-error a payment result is not a lookup: transactionNo and partnerCode are missing
checksum("lookup", paymentResult, secretKey);

// parsePaymentResult: accepted and paid narrow `result`.
declare const body: string;
const report: PaymentResultReport = parsePaymentResult(body);
// @ts-expect-error before narrowing, result may be null
report.result.orderId;
if (report.paid) {
  const paid: PaymentResult = report.result;
  const accepted: true = report.accepted;
  void [paid, accepted];
}
if (report.accepted) {
  const amount: number = report.result.amount;
  const intact: true = report.checksumValid && report.valid;
  void [amount, intact];
} else {
  // @ts-expect-error a rejected report is never paid
  const paid: true = report.paid;
  const maybe: PaymentResult | null = report.result;
  void [paid, maybe];
}

// explain: a digest means a complete pre-image.
const e = explain("lookup", lookupRequest, secretKey);
// @ts-expect-error before narrowing, digest may be null
const digestTooSoon: string = e.digest;
if (e.digest !== null) {
  const pre: string = e.preimage;
  const bytes: number = e.byteLength;
  const upper: string = e.digestUpper;
  const matches: boolean | null = e.matches;
  void [pre, bytes, upper, matches];
} else {
  const missing: null = e.preimage;
  const why: string[] = e.errors.map((p) => `${p.path}: ${p.code}`);
  void [missing, why];
}

export const strictUsed = [digests, verified, explained, diagnosed, rebuilt, fromStore, fromRecord, bySchemeVariable, digestTooSoon];
