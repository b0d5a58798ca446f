import type { GatewayResponse, OrderInfo, PaymentResult, Problem, ProblemCode } from "./lgsp_paygate.js";
import type { GatewayClient } from "./client.js";

/** Why a payment result was not accepted. */
export interface ResultProblem { path: string; code: ProblemCode | "INVALID_JSON" | "INVALID_ARGUMENT"; message: string }

/** A payment result read: answer the gateway with `reply`, deliver nothing before confirmPayment(). */
export interface PaymentResultOutcome {
  /** Well-formed with a matching checksum (integrity, not origin: anyone can compute it). */
  accepted: boolean;
  /** Accepted, with errorCode "00". */
  paid: boolean;
  result: PaymentResult | null;
  /** The JSON text to answer the gateway with. */
  reply: string;
  /** Why it was not accepted (empty when accepted). */
  problems: ResultProblem[];
  warnings: Problem[];
}

/** Why confirmPayment() did not confirm. */
export interface ConfirmationProblem {
  path: "orderId" | "payTransId" | "amount" | "errorCode" | "type";
  code: "NOT_PAID" | "UNKNOWN_TRANSACTION" | "MISMATCH" | "REFUNDED";
  message: string;
}

export interface Confirmation {
  /** The gateway records this very payment as paid: deliver. */
  confirmed: boolean;
  problems: ConfirmationProblem[];
  order: OrderInfo | null;
  response: GatewayResponse | null;
}

/** Reads the body the gateway PUTs to returnUrl (text, bytes or an object); never throws for a bad body. */
export declare function handlePaymentResult(body: string | Uint8Array | object): PaymentResultOutcome;

/**
 * Looks the transaction up and checks orderId, payTransId, amount, errorCode "00" and that it is
 * not refunded. Rejects with a GatewayClientError when the gateway gave no answer to go by.
 */
export declare function confirmPayment(result: PaymentResult, client: Pick<GatewayClient, "getOrderInfo">): Promise<Confirmation>;
