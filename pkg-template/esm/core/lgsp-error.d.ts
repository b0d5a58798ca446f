import type { Description, ErrorCode, GatewayResponse, LgspPaygateError, Problem } from "./functions.js";

/** Codes the gateway client adds to the core's: one per way a request can fail. */
export type ClientErrorCode =
  | "NETWORK_ERROR" | "TIMEOUT" | "RESPONSE_TOO_LARGE" | "HTTP_ERROR" | "INVALID_RESPONSE" | "GATEWAY_ERROR";

/** Every ClientErrorCode, for switch exhaustiveness checks and docs. */
export declare const CLIENT_ERROR_CODES: readonly ClientErrorCode[];

/** Codes of a setup that cannot work, found before anything is sent or graded. */
export type SetupErrorCode = "PUBLISHED_SECRET" | "UNIT_UNREACHABLE";

/** Which request failed. */
export type Endpoint = "paygate" | "refund" | "lookup";

/** The gateway's error codes, wire spellings kept; other values pass through as strings. */
export type GatewayErrorCode =
  | "FAILED" | "PARAM_ERROR" | "SIGNTURE_WRONG" | "ORDER_EXITS" | "NOT_EXITS" | "NOT_AUTHORIZED" | "ACCOUNT_NOT_EXIST"
  | (string & {});

interface ClientErrorBase extends Error {
  name: "LgspPaygateError";
  endpoint: Endpoint;
  /** The endpoint URL (never carries credentials). */
  url: string;
  /**
   * createPayment only: whether the gateway may hold the order all the same (no answer, an
   * unreadable one, a 5xx, ORDER_EXITS). Never send that orderId again: a new attempt takes a new
   * orderId, and a late result for this one is still confirmed.
   */
  maybeCreated?: boolean;
}

/** The request got no HTTP answer: refused, reset, DNS, TLS. `cause` is fetch's error (names, codes and redacted messages). */
export interface GatewayNetworkError extends ClientErrorBase { code: "NETWORK_ERROR"; cause: unknown }
/** No complete answer within `timeoutMs`. */
export interface GatewayTimeoutError extends ClientErrorBase { code: "TIMEOUT" }
/** An answer over `maxResponseBytes` (decoded bytes); reading stopped there. */
export interface GatewayResponseTooLargeError extends ClientErrorBase { code: "RESPONSE_TOO_LARGE"; maxResponseBytes: number }
/** An answer with a status other than 2xx (redirects are not followed). `body` is an excerpt. */
export interface GatewayHttpError extends ClientErrorBase { code: "HTTP_ERROR"; status: number; body: string }
/** A 2xx answer that is not a gateway response, or lacks what a SUCCESSFUL one must carry. */
export interface GatewayInvalidResponseError extends ClientErrorBase {
  code: "INVALID_RESPONSE"; status: number; body?: string; response?: GatewayResponse; cause?: unknown;
}
/** The gateway answered an error_code other than SUCCESSFUL: `gatewayCode` is that code. */
export interface GatewayRefusedError extends ClientErrorBase {
  code: "GATEWAY_ERROR"; status: number; gatewayCode: GatewayErrorCode; response: GatewayResponse;
}

/**
 * createClient for the production gateway was given a secret key the gateway's integration guide
 * publishes (as `credentials.secretKey` or inside `credentials.authorization`); nothing was sent.
 */
export interface PublishedSecretError extends Error {
  name: "LgspPaygateError";
  code: "PUBLISHED_SECRET";
  path: "credentials.secretKey" | "credentials.authorization";
}

/** runConformance found nothing answering HTTP at `returnUrl` within `waitMs`. */
export interface UnitUnreachableError extends Error {
  name: "LgspPaygateError";
  code: "UNIT_UNREACHABLE";
  path: "returnUrl";
}

/**
 * Any error this package throws, as a union on `code`: the core's (INVALID_MESSAGE with
 * `problems`, MISSING_SECRET, ...) and the gateway client's. `switch (error.code)` narrows it.
 */
export type AnyLgspError =
  | LgspPaygateError
  | GatewayNetworkError
  | GatewayTimeoutError
  | GatewayResponseTooLargeError
  | GatewayHttpError
  | GatewayInvalidResponseError
  | GatewayRefusedError
  | PublishedSecretError
  | UnitUnreachableError;

/**
 * What a client call rejects with: the core's errors for invalid input (thrown before any
 * request) or one of the client's own.
 */
export type GatewayClientError = AnyLgspError;

/** Every code an error of this package can carry: the core's, the client's and a setup's. */
export type LgspErrorCode = ErrorCode | ClientErrorCode | SetupErrorCode;

/** Every LgspErrorCode, core codes first. */
export declare const LGSP_ERROR_CODES: readonly LgspErrorCode[];

/** What `new LgspError(code, message, properties)` copies onto the error (`cause` as the standard cause). */
export interface LgspErrorProperties {
  path?: string;
  problems?: Problem[];
  cause?: unknown;
  [key: string]: unknown;
}

/**
 * The error this package throws. The core's errors are made inside WebAssembly, so
 * `instanceof LgspError` checks the same as `isLgspError`: an `Error` named "LgspPaygateError"
 * with a known `code`; it narrows to AnyLgspError (TypeScript 5.3 or later).
 */
export declare class LgspError extends Error {
  static [Symbol.hasInstance](value: unknown): value is AnyLgspError;
  constructor(code: LgspErrorCode, message: string, properties?: LgspErrorProperties);
  name: "LgspPaygateError";
  code: LgspErrorCode;
  /** The argument or field at fault, when there is one. */
  path?: string;
  /** The validation problems behind an `INVALID_MESSAGE`. */
  problems?: Problem[];
  /** What it says as data, when the core made it (and for INPUT_TOO_LARGE): the values it quotes. */
  params?: Record<string, string | number>;
  /** The message in English (`text.en`, the `message`) and Vietnamese. */
  text?: Description;
}

/**
 * Whether `value` is an error this package threw (core or client): in a `catch`, narrows
 * `unknown` to AnyLgspError, whose `code` then narrows each kind. Never throws.
 */
export declare function isLgspError(value: unknown): value is AnyLgspError;
