import { buildLookupRequest, validate, type Credentials, type Scheme, type ValidationReport } from "lgsp-paygate";

const credentials: Credentials = { partnerCode: "000.00.18.H29", accessKey: "f53abff0", secretKey: process.env.LGSP_SECRET_KEY ?? "" };
const { json } = buildLookupRequest({ transactionNo: "835651612", orderId: "050720190008" }, credentials);

const scheme: Scheme = "lookup"; // "paygate" | "result" | "refund" | "lookup"
const report: ValidationReport = validate(scheme, JSON.parse(json));
