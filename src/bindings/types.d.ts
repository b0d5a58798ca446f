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
  | "ALIAS_CONFLICT" | "NOT_ALLOWED" | "UNKNOWN_CODE" | "MISMATCH" | "NOT_PAID" | "REFUNDED" | "NOT_A_PAYMENT";

/**
 * What a problem, a repair or an error says, as data. `message` is the sentence in English (as it
 * always was); `params` holds the values it quotes, by name: field and key names, values from the
 * input (quoted ones cut to 40 characters, then "…"), numbers, and the ids of words each language
 * says its own way ("string", "nonInteger", "paymentResult"…, never the English); `text` is the
 * sentence in English and Vietnamese, both rendered from them by the core. Match on `code` and
 * `params`, show `text`. (Findings say theirs in `description`, their values being `changes`.)
 */
export interface Said {
  message: string;
  params: Record<string, string | number>;
  text: Description;
}

/** One problem: where (the field or key), what (a stable code), and what it says. */
export interface Problem extends Said { path: string; code: ProblemCode }

/** Every problem of a message at once: errors make it invalid, warnings do not. */
export interface ValidationReport { valid: boolean; errors: Problem[]; warnings: Problem[] }

/** Codes of the `Error`s this package throws (the `code` property). */
export type ErrorCode =
  | "UNKNOWN_SCHEME" | "MISSING_FIELD" | "MISSING_SECRET" | "INVALID_FIELD" | "INVALID_ARGUMENT"
  | "INVALID_JSON" | "INVALID_TOKEN" | "INVALID_MESSAGE"
  | "INPUT_TOO_LARGE" | "CORE_FAILED" | "NOT_INITIALIZED" | "UNSUPPORTED_RUNTIME";

/**
 * The `Error` this package throws. Those the core makes (and INPUT_TOO_LARGE) also say it as
 * data, as problems do: `params`, and `text` (`text.en` is the `message`).
 */
export interface LgspPaygateError extends Error {
  code: ErrorCode;
  params?: Record<string, string | number>;
  text?: Description;
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

/**
 * The fields of a lookup request: the transaction as `transactionNo` (the guide's table),
 * `payTransId` (its example) or both with one value; the request carries it under both.
 */
export type LookupOrder =
  | { transactionNo: string; payTransId?: string; orderId: string }
  | { payTransId: string; transactionNo?: string; orderId: string };

/** Payment request body, `POST /paygate`. */
export interface PaygateRequest extends PaygateOrder { partnerCode: string; accessKey: string; checksum: string }

/** Refund request body, `POST /refund`. */
export interface RefundRequest {
  partnerCode: string; accessKey: string; transactionNo: string; requestCode: string; amount: number;
  orderId: string; orderInfo: string; transactionType: string; checksum: string;
}

/**
 * Lookup request body, `POST /GetOrderInfo`: the transaction under both names the guide gives it,
 * one value; the checksum covers `transactionNo`.
 */
export interface LookupRequest {
  partnerCode: string; accessKey: string; transactionNo: string; payTransId: string; orderId: string; checksum: string;
}

/** A built request: the body, the exact JSON text to send, and the warnings. */
export interface BuiltRequest<T> { body: T; json: string; warnings: Problem[] }

/** The payment result the gateway PUTs to the unit's returnUrl. */
export interface PaymentResult {
  paygate: string; payTransId: string; orderId: string; amount: number; orderInfo: string;
  payDate: string; errorCode: string; type: string; checksum: string;
}

interface PaymentResultReportBase {
  errors: Problem[];
  warnings: Problem[];
  /** The JSON text to answer the gateway with. */
  reply: string;
}

/**
 * Well-formed, with a matching checksum, claiming a payment: errorCode "00" and type "Pay" (any
 * casing, white space around them allowed, as the guide's example writes " 00"): confirm, then deliver.
 */
export interface PaidResultReport extends PaymentResultReportBase {
  valid: true; checksumValid: true; accepted: true; paid: true; result: PaymentResult;
}

/** Well-formed, with a matching checksum, but not a payment (a failed one, errorCode other than "00"). */
export interface UnpaidResultReport extends PaymentResultReportBase {
  valid: true; checksumValid: true; accepted: true; paid: false; result: PaymentResult;
}

/** Not accepted: `errors` says why; `result` is there when the fields were well-formed. */
export interface RejectedResultReport extends PaymentResultReportBase {
  valid: boolean; checksumValid: boolean; accepted: false; paid: false; result: PaymentResult | null;
}

/**
 * What a payment result body says. `accepted` means well-formed with a matching checksum; the
 * `result` checksum has no secret in it, so it proves integrity, not origin: confirm with a
 * lookup before delivering anything. `if (report.accepted)` or `if (report.paid)` narrows
 * `result` to a `PaymentResult`.
 */
export type PaymentResultReport = PaidResultReport | UnpaidResultReport | RejectedResultReport;

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

/**
 * The pre-image fields of each scheme, as `checksum` and `preimage` read them. The package's own
 * messages (`PaygateRequest`, `PaymentResult`, `RefundRequest`, `LookupRequest`) fit their scheme.
 */
export interface SchemeFields {
  paygate: {
    partnerCode: FieldValue; accessKey: FieldValue; orderId: FieldValue; orderInfo: FieldValue; requestCode: FieldValue;
    amount: FieldValue; serviceCode: FieldValue; returnUrl: FieldValue; ipAddress: FieldValue; accountCode: FieldValue;
  };
  result: {
    paygate: FieldValue; orderId: FieldValue; amount: FieldValue; payDate: FieldValue; type: FieldValue;
    orderInfo: FieldValue; payTransId: FieldValue; errorCode: FieldValue;
  };
  refund: {
    partnerCode: FieldValue; accessKey: FieldValue; transactionNo: FieldValue; orderId: FieldValue; requestCode: FieldValue;
    amount: FieldValue; transactionType: FieldValue; orderInfo: FieldValue;
  };
  lookup: { partnerCode: FieldValue; accessKey: FieldValue; transactionNo: FieldValue; orderId: FieldValue };
}

/**
 * What `checksum` and `preimage` take: the scheme's fields (any object type that has them, the
 * package's message interfaces included), or a record built at run time (a missing field then
 * throws MISSING_FIELD).
 */
export type FieldsOf<S extends Scheme> = SchemeFields[S] | Readonly<Record<string, FieldValue>>;

/** The checksum of `fields` under `scheme`: 64 hex digits, lower case unless `uppercase`. Throws MISSING_FIELD, MISSING_SECRET, INVALID_FIELD. */
export function checksum<S extends Scheme>(scheme: S, fields: FieldsOf<S>, secretKey?: string | null, options?: { uppercase?: boolean }): string;
/** The pre-image of `fields` under `scheme`; the secret key's bytes show as `*` unless `revealSecret`. */
export function preimage<S extends Scheme>(scheme: S, fields: FieldsOf<S>, secretKey?: string | null, options?: { revealSecret?: boolean }): string;
/**
 * Whether `message` (any object: a message as received, or one of the package's message types)
 * carries the right `checksum` (case and surrounding white space of the received hex ignored;
 * constant-time).
 */
export function verify(scheme: Scheme, message: object, secretKey?: string | null): boolean;
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

/**
 * Kinds of defect `parseLoose` repairs (or, for UNREADABLE, reports). The last ones name how a
 * paste was read: a raw HTTP request, header lines, a curl command (its ignored options), an
 * Authorization header kept apart, a Content-Type the body disagrees with, form fields, a Java
 * toString() dump (a number guessed), a log line's prefix, a message inside the pasted object or
 * inside a string, URL-encoded JSON.
 */
export type DefectCode =
  | "BOM" | "SMART_QUOTES" | "SINGLE_QUOTES" | "UNQUOTED_KEY" | "TRAILING_COMMA" | "MISSING_COMMA" | "COMMENT"
  | "NONSTANDARD_WHITESPACE" | "CONTROL_IN_STRING" | "KEY_WHITESPACE" | "KEY_ALIAS" | "DUPLICATE_KEY"
  | "TRAILING_TEXT" | "UNREADABLE"
  | "HTTP_REQUEST" | "HEADER_LINES" | "CURL_COMMAND" | "AUTHORIZATION" | "IGNORED_OPTIONS" | "CONTENT_TYPE"
  | "FORM_FIELDS" | "JAVA_TO_STRING" | "NUMBER_GUESSED" | "LOG_PREFIX" | "BODY_IN_MEMBER" | "BODY_IN_STRING"
  | "URL_ENCODED_BODY";

/** One repair made while reading a body, with its place (1-based line and column), and what it says. */
export interface Defect extends Said { code: DefectCode; path: string | null; line: number | null; column: number | null }

/**
 * The Authorization header pasted with a body: its token (a secret: put it where credentials go,
 * never in a URL or a log) and the text that carried it, from `line`:`column` to
 * `endLine`:`endColumn` (1-based, in characters, the end excluded), to take out of the paste.
 */
export interface PastedAuthorization { token: string; line: number; column: number; endLine: number; endColumn: number }

/** A paste read tolerantly: the object (or null), every repair it took, and its Authorization header apart. */
export interface LooseParse { message: Record<string, unknown> | null; defects: Defect[]; authorization: PastedAuthorization | null }

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
  /** `value`, `visible` and `hex` were cut to the debugger page's limits (analyse() only). */
  cut?: true;
}

interface ExplanationBase {
  scheme: Scheme;
  steps: ExplainStep[];
  /** The message's `checksum` exactly as given, or null. */
  received: string | null;
  valid: boolean;
  warnings: Problem[];
}

/** Every segment was there: the pre-image and its digest. */
export interface CompleteExplanation extends ExplanationBase {
  preimage: string;
  preimageHex: string;
  byteLength: number;
  digest: string;
  digestUpper: string;
  /** Whether `received` names `digest`; null when the message has no checksum. */
  matches: boolean | null;
  /** Empty. */
  errors: Problem[];
}

/** A segment is missing or unreadable: no digest, and `errors` says what stops it. */
export interface IncompleteExplanation extends ExplanationBase {
  preimage: null;
  preimageHex: null;
  byteLength: null;
  digest: null;
  digestUpper: null;
  matches: null;
  /** What stops the digest: a missing field or secret, a value that is neither string nor integer. */
  errors: Problem[];
}

/** A checksum explained step by step; `if (e.digest !== null)` narrows to the complete one. */
export type Explanation = CompleteExplanation | IncompleteExplanation;

/** Kinds of mistake `diagnose` recognises. */
export type FindingCode =
  | "TRIMMED" | "NFC" | "NFD" | "TYPE_CASING" | "AMOUNT_FORMAT" | "ALIAS_USED" | "FIELDS_SWAPPED" | "FIELD_MISSING"
  | "UPPERCASE_VALUE" | "LOWERCASE_VALUE" | "SECRET_TRIMMED" | "SECRET_MISSING" | "PREFIX_MISSING" | "SECRET_AS_PREFIX"
  | "OTHER_SCHEME"
  | "HMAC" | "SECRET_AT_END" | "SEPARATOR" | "KEY_VALUE_JOINED" | "FIELDS_SORTED" | "URL_ENCODED" | "ACCENTS_STRIPPED"
  | "NON_ASCII_AS_QUESTION_MARK" | "PAYGOV_ORDER" | "HEX_LEADING_ZEROS_DROPPED" | "DIGEST_MD5" | "DIGEST_SHA512"
  | "DIGEST_BASE64" | "JSON_BODY_HASHED" | "SECRET_BASE64_DECODED" | "SECRET_TRAILING_NEWLINE" | "RESULT_WITHOUT_TYPE";

/** The first characters where two values part (a base character with its combining marks), as code points. */
export interface CharDifference {
  /** Character index (from 0) in the message's value. */
  index: number;
  from: string;
  to: string;
  /** e.g. "U+1EC7". */
  fromCodePoints: string;
  /** e.g. "U+0065 U+0323 U+0302". */
  toCodePoints: string;
}

/** What the sender hashed instead, for one field; the secret key and the prefix are only said in words. */
export interface FindingChange {
  /** "secretKey", "prefix" or a message field. */
  field: string;
  /** The message's value; null for the secret key or the prefix. */
  from: string | null;
  /** What was hashed; null when left out, or for the secret key or the prefix. */
  to: string | null;
  /** The change in words. */
  note: Description;
  /** Where `from` and `to` part, as code points (null when one of them is null). */
  difference: CharDifference | null;
  /** The full size of `from` / `to` when analyse() cut it to the debugger page's limit. */
  fromSize?: { chars: number; bytes: number };
  toSize?: { chars: number; bytes: number };
}

/** How to fix one mistake: advice, and the line to write per language. */
export interface FindingFix {
  code: FindingCode;
  advice: Description;
  snippets: { language: "javascript" | "java" | "csharp" | "php"; code: string }[];
}

/** One explanation that reproduces the received checksum: one mistake, or two at once. */
export interface Finding {
  /** The first of `codes`. */
  code: FindingCode;
  /** Every mistake it takes together: one or two. */
  codes: FindingCode[];
  description: Description;
  scheme: Scheme;
  changes: FindingChange[];
  /** One per code. */
  fixes: FindingFix[];
}

/** Why a received checksum does not match. */
export interface Diagnosis {
  scheme: Scheme;
  received: string | null;
  computed: string | null;
  matches: boolean;
  findings: Finding[];
  /** Pre-images hashed. */
  tried: number;
  /** Bytes hashed. */
  hashedBytes: number;
  /** The search's bounds. */
  budget: { variants: number; bytes: number };
  /** Two mistakes at once were tried (no single one fitted). */
  pairsTried: boolean;
  /** The search stopped at its budget before trying everything (the summary says so). */
  exhausted: boolean;
  summary: Description;
}

/** Which scheme a message (object or JSON text) most likely belongs to, by its keys, or null. */
export function detectScheme(message: object | string): Scheme | null;
/**
 * Read what an integrator pastes as the message it carries, naming every repair: JSON as it
 * arrives in the wild (typographic quotes, `check-sum`, trailing commas…), form fields, a raw
 * HTTP request, a curl command (bash or Windows cmd quoting), a log line, a Java toString() dump.
 * An Authorization header pasted with it is returned apart, in `authorization`.
 */
export function parseLoose(text: string): LooseParse;
/** Every step of the checksum of `message` (object or JSON text); the secret is masked unless `revealSecret`. */
export function explain(scheme: Scheme, message: object | string, secretKey?: string | null, options?: { revealSecret?: boolean }): Explanation;
/** When the message's checksum does not match: every likely mistake that reproduces it (bounded search). */
export function diagnose(scheme: Scheme, message: object | string, secretKey?: string | null): Diagnosis;
/** One side of the first difference between two pre-images: the byte, its character, a short window around it. */
export interface PreimageSide {
  /** The byte at the offset as two hex digits ("**" when masked); null past the end. */
  byte: string | null;
  /** The character that byte belongs to; null past the end, when masked, or when the bytes are not UTF-8. */
  character: string | null;
  /** That character as code points, e.g. "U+1EC7". */
  codePoints: string | null;
  /** Byte offset where the window starts. */
  windowStart: number;
  /** The window's bytes as hex pairs ("**" per masked byte). */
  hex: string;
  /** The window before the character, after it, and the character, made visible ('*' per masked byte, U+FFFD per byte that is not UTF-8). */
  before: string;
  at: string;
  after: string;
}

/** Where two pre-images first part. */
export interface PreimageDifference {
  /** Byte offset (from 0) of the first differing byte. */
  offset: number;
  /** The part of the expected pre-image it falls in: "secretKey", "prefix" or a field name; past the expected end, the last part (the one the extra bytes follow). */
  field: string | null;
  /** The offset inside that part (its length when past the end). */
  fieldOffset: number | null;
  /** Their pre-image goes on past the expected end: the extra bytes follow `field` (a trailing space after the last value, say). */
  pastEnd: boolean;
  expected: PreimageSide;
  actual: PreimageSide;
}

/** The pre-image the integrator's code hashed, compared with the expected one. */
export interface PreimageComparison {
  scheme: Scheme;
  equal: boolean;
  expectedLength: number;
  actualLength: number;
  /** null when equal. */
  firstDifference: PreimageDifference | null;
  summary: Description;
}

/**
 * Compare `theirs` — the text the integrator's code hashed, or `{ hex }` (its bytes; white space
 * between digits allowed) — with the pre-image of `message` under `scheme`. The secret key's bytes
 * are masked on both sides (and wherever theirs holds it) unless `revealSecret`.
 */
export function comparePreimage(scheme: Scheme, message: object | string, secretKey: string | null | undefined, theirs: string | { hex: string }, options?: { revealSecret?: boolean }): PreimageComparison;
/** Bytes of WebAssembly linear memory this module holds (it only grows): a diagnostic for leak checks. */
export function wasmMemoryBytes(): number;

/**
 * Which name the gateway's record gave the transaction: `payTransId` (the guide's example),
 * `transactionNo` (its table), or `both` with one value; null when it names none, or two that differ.
 */
export type TransactionKey = "payTransId" | "transactionNo" | "both";

/** Whether the gateway's record of a transaction confirms a payment result. */
export interface ConfirmationCheck { confirmed: boolean; problems: Problem[]; transactionKey: TransactionKey | null }
/**
 * Compare a payment result (`parsePaymentResult(body).result`) with the transaction a lookup
 * returned (`parseGatewayResponse("lookup", body).order`): same orderId, transaction (the record's
 * payTransId or transactionNo, or both when they agree) and amount, the record's errorCode exactly
 * "00", type Pay in any casing (refunded, other, empty or missing: not confirmed).
 * The result checksum has no secret, so deliver nothing before this.
 */
export function compareWithLookup(result: PaymentResult, order: OrderInfo): ConfirmationCheck;
/**
 * The name `compareWithLookup` had before 0.2, easily confused with `confirmPayment` (which asks
 * the gateway first): kept as an alias until 1.0.
 * @deprecated Use `compareWithLookup`.
 */
export function confirmPaymentResult(result: PaymentResult, order: OrderInfo): ConfirmationCheck;

/** What one lane of the debugger page draws. */
export interface Analysis {
  part: "verdict" | "diagnosis";
  /**
   * The repairs made to read the body (verdict, pasted body only), the first `limits.defects` of
   * `defectCount`, and the Authorization header pasted with it (its token handed back to the caller).
   */
  parsed: { readable: boolean; defects: Defect[]; defectCount: number; authorization: PastedAuthorization | null } | null;
  scheme: Scheme | null;
  /** How the scheme was picked: named, detected from the keys, not detected (the fallback), or nothing read. */
  how: "chosen" | "detected" | "undetected" | "none";
  readable: boolean;
  /** The message's partnerCode and accessKey, when strings (never the secret key). */
  credentials: { partnerCode?: string; accessKey?: string } | null;
  /** Verdict: the explanation, long values cut (`preimageCut`, steps' `cut`). */
  explanation?: Explanation & { preimageCut?: true };
  compare?: PreimageComparison;
  compareError?: Said & { code: ErrorCode; path: string | null };
  /** Diagnosis, when the checksum does not match: long quoted values cut (`fromSize`, `toSize`). */
  diagnosis?: Diagnosis;
  /** Why nothing could be explained or diagnosed (an unknown scheme, say). */
  error?: Said & { code: ErrorCode; path: string | null };
}

/**
 * What the debugger page shows for one body, in one call per lane: `input` (text, read as
 * parseLoose reads it, or the message a form made) read, the scheme picked (`scheme`, or "auto"
 * or null to detect it from the keys, else `fallbackScheme`, "paygate" by default), then the
 * explanation and the comparison with `theirs` (`part` "verdict") or the diagnosis ("diagnosis"),
 * each long value cut to what the page shows.
 */
export function analyse(
  part: "verdict" | "diagnosis",
  input: string | object,
  scheme?: Scheme | "auto" | null,
  fallbackScheme?: Scheme | null,
  secretKey?: string | null,
  theirs?: string | { hex: string } | null,
  options?: { revealSecret?: boolean },
): Analysis;
