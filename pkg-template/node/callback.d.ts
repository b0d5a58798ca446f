import type { GatewayResponse, OrderInfo, PaymentResult, Problem, ProblemCode } from "./lgsp_paygate.js";
import type { GatewayClient } from "./client.js";

/** Why a payment result was not accepted. */
export interface ResultProblem { path: string; code: ProblemCode | "INVALID_JSON" | "INVALID_ARGUMENT" | "TOO_LARGE"; message: string }

/** Options of handlePaymentResult. */
export interface PaymentResultOptions {
  /** A body over this many UTF-8 bytes is refused unread (`TOO_LARGE`); 1048576 (1 MiB) by default. */
  maxBytes?: number;
}

/** A payment result read: answer the gateway with `reply`, deliver nothing before confirmPayment(). */
export interface PaymentResultOutcome {
  /** Well-formed with a matching checksum (integrity, not origin: anyone can compute it). */
  accepted: boolean;
  /** Accepted, with errorCode exactly "00" and type Pay (any casing): the rule confirmPayment applies. */
  paid: boolean;
  result: PaymentResult | null;
  /** The JSON text to answer the gateway with. */
  reply: string;
  /** Why it was not accepted (empty when accepted). */
  problems: ResultProblem[];
  warnings: Problem[];
  /**
   * The key to deliver once by, `JSON.stringify([orderId, payTransId])`, when accepted (else null).
   * The gateway may deliver a result more than once, even concurrently: claim this key (a unique
   * key in your database) before fulfilling, and skip the delivery when it is already claimed.
   */
  deliveryKey: string | null;
}

/** Why confirmPayment() did not confirm. */
export interface ConfirmationProblem {
  path: "orderId" | "payTransId" | "amount" | "errorCode" | "type";
  code: "NOT_PAID" | "UNKNOWN_TRANSACTION" | "MISMATCH" | "REFUNDED" | "NOT_A_PAYMENT";
  message: string;
}

export interface Confirmation {
  /** The gateway records this very payment as paid: deliver. */
  confirmed: boolean;
  problems: ConfirmationProblem[];
  order: OrderInfo | null;
  response: GatewayResponse | null;
}

/**
 * Reads the body the gateway PUTs to returnUrl (text, bytes of any kind, or a parsed object);
 * never throws for a bad body. Throws INVALID_ARGUMENT only for bad options.
 */
export declare function handlePaymentResult(
  body: string | ArrayBufferView | ArrayBuffer | object,
  options?: PaymentResultOptions,
): PaymentResultOutcome;

/**
 * Looks the transaction up and checks orderId, payTransId, amount, errorCode exactly "00" and type
 * Pay (any casing; refunded, other, empty or missing is not confirmed). Rejects with a
 * GatewayClientError when the gateway gave no answer to go by.
 */
export declare function confirmPayment(result: PaymentResult, client: Pick<GatewayClient, "getOrderInfo">): Promise<Confirmation>;
