import type {
  Credentials, GatewayResponse, LookupOrder, LookupRequest, OrderInfo, PaygateOrder, PaygateRequest, Problem,
  RefundOrder, RefundRequest,
} from "../core/functions.js";

/** The gateway's environments, or your own base URL (a mock, a proxy). */
export type Environment = "test" | "production" | { baseUrl: string };

/** Base URLs of the named environments. */
export declare const ENVIRONMENTS: { readonly test: string; readonly production: string };

/**
 * Credentials for signing and for the Authorization header. The header is encoded from these
 * (so appName and partnerCodeCus are needed), unless `authorization` gives the token as issued.
 */
export type ClientCredentials =
  | (Credentials & { appName: string; partnerCodeCus: string; authorization?: undefined })
  | (Credentials & { authorization: string });

/** The global fetch's type where one is declared (DOM or Node types), else a minimal one. */
export type FetchFunction = typeof globalThis extends { fetch: infer F } ? F : (input: string, init?: object) => Promise<unknown>;

export interface ClientOptions {
  environment: Environment;
  credentials: ClientCredentials;
  /** For each request, answer included; 30000 by default. */
  timeoutMs?: number;
  /** The most an answer may hold, in decoded bytes, before RESPONSE_TOO_LARGE; 1048576 (1 MiB) by default. */
  maxResponseBytes?: number;
  /** Replaces the global fetch (a proxy agent, a test double). */
  fetch?: FetchFunction;
}

/** A created payment: send the citizen to `url`. */
export interface PaymentCreated {
  url: string;
  response: GatewayResponse;
  /** The signed body that was sent (no secret in it). */
  request: PaygateRequest;
  warnings: Problem[];
}

export interface RefundSent { response: GatewayResponse; request: RefundRequest; warnings: Problem[] }

/** The gateway's record of a transaction (`amount` read from the wire's string). */
export interface OrderFound { order: OrderInfo; response: GatewayResponse; request: LookupRequest; warnings: Problem[] }

/** Every method rejects with a GatewayClientError (see its `code`). */
export interface GatewayClient {
  readonly baseUrl: string;
  /** POST /paygate. */
  createPayment(order: PaygateOrder): Promise<PaymentCreated>;
  /** POST /refund; transactionType defaults to "02" (full refund). */
  refund(refund: RefundOrder): Promise<RefundSent>;
  /** POST /GetOrderInfo. */
  getOrderInfo(lookup: LookupOrder): Promise<OrderFound>;
}

/** A client for one environment and one set of credentials; throws INVALID_ARGUMENT, MISSING_FIELD or INVALID_TOKEN for bad options. */
export declare function createClient(options: ClientOptions): GatewayClient;
