import type { GatewayResponse, OrderInfo, PaymentResult, Problem, ProblemCode, Said } from "../core/functions.js";
import type { GatewayClient } from "./client.js";

/** Why a payment result was not accepted, said as the core's problems are (`params`, `text` in English and Vietnamese). */
export interface ResultProblem extends Said {
  path: string;
  code: ProblemCode | "INVALID_JSON" | "INVALID_ARGUMENT" | "TOO_LARGE" | "INPUT_TOO_LARGE";
}

/** Options of handlePaymentResult. */
export interface PaymentResultOptions {
  /** A body over this many UTF-8 bytes is refused unread (`TOO_LARGE`); 1048576 (1 MiB) by default. */
  maxBytes?: number;
}

interface OutcomeBase {
  /** The JSON text to answer the gateway with. */
  reply: string;
  warnings: Problem[];
  /**
   * The key to deliver once by, `JSON.stringify([orderId, payTransId])`, when accepted (else null).
   * The gateway may deliver a result more than once, even concurrently: claim this key (a unique
   * key in your database) before fulfilling, and skip the delivery when it is already claimed.
   */
  deliveryKey: string | null;
}

/** Accepted with errorCode exactly "00" and type Pay (any casing), the rule confirmPayment applies: confirmPayment(outcome.result, client) before delivering. */
export interface PaidOutcome extends OutcomeBase {
  accepted: true;
  paid: true;
  result: PaymentResult;
  deliveryKey: string;
  /** Empty. */
  problems: ResultProblem[];
}

/** Accepted (intact, checksum matches) but not a payment: a failed or cancelled one. */
export interface UnpaidOutcome extends OutcomeBase {
  accepted: true;
  paid: false;
  result: PaymentResult;
  deliveryKey: string;
  /** Empty. */
  problems: ResultProblem[];
}

/** Not accepted: `reply` is the FAILED answer, `problems` says why. */
export interface RejectedOutcome extends OutcomeBase {
  accepted: false;
  paid: false;
  deliveryKey: null;
  /** The fields, when they were well-formed (a checksum mismatch, say); else null. */
  result: PaymentResult | null;
  problems: ResultProblem[];
}

/**
 * A payment result read: answer the gateway with `reply`, deliver nothing before confirmPayment().
 * `accepted` (well-formed with a matching checksum: integrity, not origin, since anyone can compute
 * it) and `paid` (accepted, with errorCode exactly "00" and type Pay in any casing) each narrow `result` to a PaymentResult.
 */
export type PaymentResultOutcome = PaidOutcome | UnpaidOutcome | RejectedOutcome;

/** Why confirmPayment() did not confirm, said as the core's problems are (`params`, `text` in English and Vietnamese). */
export interface ConfirmationProblem extends Said {
  path: "orderId" | "payTransId" | "amount" | "errorCode" | "type";
  code: "NOT_PAID" | "UNKNOWN_TRANSACTION" | "MISMATCH" | "REFUNDED" | "NOT_A_PAYMENT";
}

/** The gateway records this very payment as paid: deliver. */
export interface Confirmed {
  confirmed: true;
  /** Empty. */
  problems: ConfirmationProblem[];
  order: OrderInfo;
  response: GatewayResponse;
}

/** The gateway's answer contradicts the result (or it knows no such transaction): deliver nothing. */
export interface NotConfirmed {
  confirmed: false;
  problems: ConfirmationProblem[];
  /** The gateway's record; null when it knows no such transaction. */
  order: OrderInfo | null;
  response: GatewayResponse | null;
}

/** What confirmPayment() found; `if (check.confirmed)` narrows `order` and `response`. */
export type Confirmation = Confirmed | NotConfirmed;


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
