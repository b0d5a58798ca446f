import type { GatewayResponse, LgspPaygateError } from "./lgsp_paygate.js";

/** Codes the gateway client adds to the core's: one per way a request can fail. */
export type ClientErrorCode =
  | "NETWORK_ERROR" | "TIMEOUT" | "RESPONSE_TOO_LARGE" | "HTTP_ERROR" | "INVALID_RESPONSE" | "GATEWAY_ERROR";

/** Every ClientErrorCode, for switch exhaustiveness checks and docs. */
export declare const CLIENT_ERROR_CODES: readonly ClientErrorCode[];

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
 * What a client call rejects with: the core's errors for invalid input (INVALID_MESSAGE with
 * `problems`, MISSING_SECRET, ...; thrown before any request) or one of the client's own.
 */
export type GatewayClientError =
  | LgspPaygateError
  | GatewayNetworkError
  | GatewayTimeoutError
  | GatewayResponseTooLargeError
  | GatewayHttpError
  | GatewayInvalidResponseError
  | GatewayRefusedError;
