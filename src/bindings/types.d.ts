/** A checksum scheme of the gateway. */
export type Scheme = "paygate" | "result" | "refund" | "lookup";

/** A field value as hashed: a string exactly as given, an integer as its base-10 digits. */
export type FieldValue = string | number;

/** English and Vietnamese text. */
export interface Description { en: string; vi: string }

/** One field of a scheme's message. */
export interface FieldInfo {
  name: string;
  type: "string" | "integer";
  required: boolean;
  description: Description;
}

/** One scheme of the table: the message it signs and its pre-image order. */
export interface SchemeInfo {
  id: Scheme;
  message: string;
  method: "POST" | "PUT";
  /** Gateway path; `null` for the result the gateway sends to the unit's returnUrl. */
  path: string | null;
  prefix: { kind: "secretKey" } | { kind: "literal"; value: string };
  /** Pre-image fields in order, the prefix excluded. */
  fields: string[];
  /** Every message field, `checksum` last. */
  messageFields: FieldInfo[];
}

/** Stable codes of validation problems. */
export type ProblemCode =
  | "NOT_AN_OBJECT" | "MISSING_FIELD" | "MISSING_SECRET" | "WRONG_TYPE" | "EMPTY_VALUE" | "AMOUNT_NOT_INTEGER"
  | "AMOUNT_NOT_POSITIVE" | "AMOUNT_TOO_LARGE" | "INVALID_URL" | "INVALID_IP_ADDRESS" | "INVALID_PAY_DATE"
  | "INVALID_TYPE" | "TYPE_CASING" | "UNDOCUMENTED_TRANSACTION_TYPE" | "INVALID_CHECKSUM" | "CHECKSUM_MISMATCH"
  | "WHITESPACE" | "CONTROL_CHARACTER" | "INVISIBLE_CHARACTER" | "NOT_NFC" | "SMART_QUOTES" | "UNKNOWN_KEY" | "ALIAS"
  | "NOT_ALLOWED" | "UNKNOWN_CODE" | "MISMATCH" | "NOT_PAID" | "REFUNDED";

/** One problem: where (the field or key), what (a stable code), and in words. */
export interface Problem { path: string; code: ProblemCode; message: string }

/** Every problem of a message at once: errors make it invalid, warnings do not. */
export interface ValidationReport { valid: boolean; errors: Problem[]; warnings: Problem[] }

/** Codes of the `Error`s this package throws (the `code` property). */
export type ErrorCode =
  | "UNKNOWN_SCHEME" | "MISSING_FIELD" | "MISSING_SECRET" | "INVALID_FIELD" | "INVALID_ARGUMENT"
  | "INVALID_JSON" | "INVALID_TOKEN" | "INVALID_MESSAGE"
  | "INPUT_TOO_LARGE" | "CORE_FAILED" | "NOT_INITIALIZED" | "UNSUPPORTED_RUNTIME";

/** The `Error` this package throws. */
export interface LgspPaygateError extends Error {
  code: ErrorCode;
  /** The argument or field at fault, when there is one. */
  path?: string;
  /** The validation problems behind an `INVALID_MESSAGE`. */
  problems?: Problem[];
}

/** The credentials a unit signs requests with. The secret key never leaves the process. */
export interface Credentials {
  partnerCode: string;
  accessKey: string;
  secretKey: string;
  appName?: string;
  partnerCodeCus?: string;
}

/** What an `Authorization` token carries. */
export interface AuthorizationCredentials {
  accessKey: string;
  secretKey: string;
  appName: string;
  partnerCode: string;
  partnerCodeCus: string;
}

/** The order fields of a payment request. */
export interface PaygateOrder {
  orderId: string;
  amount: number;
  orderInfo: string;
  requestCode: string;
  serviceCode: string;
  returnUrl: string;
  ipAddress: string;
  accountCode: string;
}

/** The fields of a refund request; `transactionType` defaults to "02" (full refund). */
export interface RefundOrder {
  transactionNo: string;
  orderId: string;
  requestCode: string;
  amount: number;
  orderInfo: string;
  transactionType?: string;
}

/** The fields of a lookup request. */
export interface LookupOrder { transactionNo: string; orderId: string }

/** Payment request body, `POST /paygate`. */
export interface PaygateRequest extends PaygateOrder { partnerCode: string; accessKey: string; checksum: string }

/** Refund request body, `POST /refund`. */
export interface RefundRequest {
  partnerCode: string; accessKey: string; transactionNo: string; requestCode: string; amount: number;
  orderId: string; orderInfo: string; transactionType: string; checksum: string;
}

/** Lookup request body, `POST /GetOrderInfo`. */
export interface LookupRequest { partnerCode: string; accessKey: string; transactionNo: string; orderId: string; checksum: string }

/** A built request: the body, the exact JSON text to send, and the warnings. */
export interface BuiltRequest<T> { body: T; json: string; warnings: Problem[] }

/** The payment result the gateway PUTs to the unit's returnUrl. */
export interface PaymentResult {
  paygate: string; payTransId: string; orderId: string; amount: number; orderInfo: string;
  payDate: string; errorCode: string; type: string; checksum: string;
}

/**
 * What a payment result body says. `accepted` means well-formed with a matching checksum; the
 * `result` checksum has no secret in it, so it proves integrity, not origin: confirm with a
 * lookup before delivering anything.
 */
export interface PaymentResultReport {
  valid: boolean;
  checksumValid: boolean;
  accepted: boolean;
  paid: boolean;
  result: PaymentResult | null;
  errors: Problem[];
  warnings: Problem[];
  /** The JSON text to answer the gateway with. */
  reply: string;
}

/** A transaction as the lookup response describes it; `amount` is read from the wire's string. */
export interface OrderInfo {
  amount: number | null;
  amountText: string | null;
  partnerCode?: string; orderId?: string; serviceCode?: string; payTransId?: string; orderInfo?: string;
  errorCode?: string; paygate?: string; type?: string; payDate?: string; transactionNo?: string; requestCode?: string;
  [key: string]: unknown;
}

/** Which request a gateway response answers. */
export type ResponseKind = "paygate" | "refund" | "lookup";

/** A parsed gateway response; `errorCode` keeps the wire spelling (`SIGNTURE_WRONG`, `ORDER_EXITS`, `NOT_EXITS`). */
export interface GatewayResponse {
  kind: ResponseKind;
  errorCode: string;
  ok: boolean;
  known: boolean;
  description: Description;
  errorMessage: string;
  url: string | null;
  order: OrderInfo | null;
  data: unknown;
  warnings: Problem[];
}

/** The checksum of `fields` under `scheme`: 64 hex digits, lower case unless `uppercase`. Throws MISSING_FIELD, MISSING_SECRET, INVALID_FIELD. */
export function checksum(scheme: Scheme, fields: Record<string, FieldValue>, secretKey?: string | null, options?: { uppercase?: boolean }): string;
/** The pre-image of `fields` under `scheme`; the secret key's bytes show as `*` unless `revealSecret`. */
export function preimage(scheme: Scheme, fields: Record<string, FieldValue>, secretKey?: string | null, options?: { revealSecret?: boolean }): string;
/** Whether `message` carries the right `checksum` (case and surrounding white space of the received hex ignored; constant-time). */
export function verify(scheme: Scheme, message: Record<string, unknown>, secretKey?: string | null): boolean;
/** The scheme table, for UIs and docs. */
export function schemes(): SchemeInfo[];
/** Every problem of `message` (an object, or JSON text) as a message of `scheme`. */
export function validate(scheme: Scheme, message: unknown): ValidationReport;
/** Validate the order, fill partnerCode, accessKey and checksum; throws INVALID_MESSAGE with `problems`. */
export function buildPaygateRequest(order: PaygateOrder, credentials: Credentials): BuiltRequest<PaygateRequest>;
/** Validate the refund, fill partnerCode, accessKey and checksum; throws INVALID_MESSAGE with `problems`. */
export function buildRefundRequest(refund: RefundOrder, credentials: Credentials): BuiltRequest<RefundRequest>;
/** Validate the lookup, fill partnerCode, accessKey and checksum; throws INVALID_MESSAGE with `problems`. */
export function buildLookupRequest(lookup: LookupOrder, credentials: Credentials): BuiltRequest<LookupRequest>;
/** Parse (JSON text or object), validate and verify a payment result; throws INVALID_JSON only. */
export function parsePaymentResult(body: string | object): PaymentResultReport;
/** The unit's answer to the gateway, `{"error_code":"SUCCESSFUL"|"FAILED","error_message":...}`. */
export function paymentResultReply(accepted: boolean, message?: string | null): string;
/** Parse a gateway response (JSON text or object). */
export function parseGatewayResponse(kind: ResponseKind, body: string | object): GatewayResponse;
/** The `Authorization` header value for these credentials (it carries the secret key: keep it secret). */
export function encodeAuthorization(credentials: AuthorizationCredentials): string;
/** The credentials an `Authorization` token carries; throws INVALID_TOKEN. */
export function decodeAuthorization(token: string): AuthorizationCredentials;

/** Kinds of defect `parseLoose` repairs (or, for UNREADABLE, reports). */
export type DefectCode =
  | "BOM" | "SMART_QUOTES" | "SINGLE_QUOTES" | "UNQUOTED_KEY" | "TRAILING_COMMA" | "MISSING_COMMA" | "COMMENT"
  | "NONSTANDARD_WHITESPACE" | "CONTROL_IN_STRING" | "KEY_WHITESPACE" | "KEY_ALIAS" | "DUPLICATE_KEY"
  | "TRAILING_TEXT" | "UNREADABLE";

/** One repair made while reading a body, with its place (1-based line and column). */
export interface Defect { code: DefectCode; message: string; path: string | null; line: number | null; column: number | null }

/** A body read tolerantly: the object (or null) and every repair it took. */
export interface LooseParse { message: Record<string, unknown> | null; defects: Defect[] }

/** One segment of a pre-image, byte by byte. */
export interface ExplainStep {
  index: number;
  /** "secretKey", "prefix" or the field name. */
  name: string;
  source: "secret" | "literal" | "field";
  present: boolean;
  /** The text hashed ('*' per byte for an unrevealed secret). */
  value: string;
  given: "string" | "integer" | "missing" | "invalid";
  /** The value with spaces (·), tabs (→), NBSP (⍽), zero-width (⟨ZWSP⟩…) and controls (⟨U+XXXX⟩) made visible. */
  visible: string;
  /** UTF-8 bytes as space-separated hex pairs ("**" per byte for an unrevealed secret). */
  hex: string;
  offset: number;
  length: number;
  chars: number;
  warnings: Problem[];
}

/** A checksum explained step by step. */
export interface Explanation {
  scheme: Scheme;
  steps: ExplainStep[];
  preimage: string | null;
  preimageHex: string | null;
  byteLength: number | null;
  digest: string | null;
  digestUpper: string | null;
  received: string | null;
  matches: boolean | null;
  valid: boolean;
  /** What stops the digest: a missing field or secret, a value that is neither string nor integer. */
  errors: Problem[];
  warnings: Problem[];
}

/** Kinds of mistake `diagnose` recognises. */
export type FindingCode =
  | "TRIMMED" | "NFC" | "NFD" | "TYPE_CASING" | "AMOUNT_FORMAT" | "ALIAS_USED" | "FIELDS_SWAPPED" | "FIELD_MISSING"
  | "UPPERCASE_VALUE" | "LOWERCASE_VALUE" | "SECRET_TRIMMED" | "SECRET_MISSING" | "PREFIX_MISSING" | "SECRET_AS_PREFIX"
  | "OTHER_SCHEME";

/** One mistake that reproduces the received checksum, and what the sender must have hashed instead. */
export interface Finding {
  code: FindingCode;
  description: Description;
  scheme: Scheme;
  changes: { field: string; from: string | null; to: string | null }[];
}

/** Why a received checksum does not match. */
export interface Diagnosis {
  scheme: Scheme;
  received: string | null;
  computed: string | null;
  matches: boolean;
  findings: Finding[];
  tried: number;
  exhausted: boolean;
  summary: Description;
}

/** Which scheme a message (object or JSON text) most likely belongs to, by its keys, or null. */
export function detectScheme(message: object | string): Scheme | null;
/** Read a body as it arrives in the wild (typographic quotes, `check-sum`, trailing commas…), naming every repair. */
export function parseLoose(text: string): LooseParse;
/** Every step of the checksum of `message` (object or JSON text); the secret is masked unless `revealSecret`. */
export function explain(scheme: Scheme, message: object | string, secretKey?: string | null, options?: { revealSecret?: boolean }): Explanation;
/** When the message's checksum does not match: every likely mistake that reproduces it (bounded search). */
export function diagnose(scheme: Scheme, message: object | string, secretKey?: string | null): Diagnosis;
/** Bytes of WebAssembly linear memory this module holds (it only grows): a diagnostic for leak checks. */
export function wasmMemoryBytes(): number;

/** Whether the gateway's record of a transaction confirms a payment result. */
export interface ConfirmationCheck { confirmed: boolean; problems: Problem[] }
/**
 * Compare a payment result (`parsePaymentResult(body).result`) with the transaction a lookup
 * returned (`parseGatewayResponse("lookup", body).order`): same orderId, payTransId and amount,
 * errorCode "00", not refunded. The result checksum has no secret, so deliver nothing before this.
 */
export function confirmPaymentResult(result: PaymentResult, order: OrderInfo): ConfirmationCheck;
