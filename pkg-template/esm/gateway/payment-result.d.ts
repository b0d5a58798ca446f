import type { GatewayResponse, OrderInfo, PaymentResult, Problem, ProblemCode, Said, TransactionKey } from "../core/functions.js";
import type { GatewayClientError } from "../core/lgsp-error.js";
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

/**
 * Accepted, and claiming a payment: errorCode "00" and type Pay (any casing, white space around
 * them allowed, as the guide's example writes " 00"). A claim: confirmPayment(outcome.result,
 * client) before delivering; the gateway's record must say exactly "00".
 */
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
  /** The field at fault; "" for LOOKUP_FAILED. */
  path: "orderId" | "payTransId" | "amount" | "errorCode" | "type" | "";
  code: "NOT_PAID" | "UNKNOWN_TRANSACTION" | "MISMATCH" | "REFUNDED" | "NOT_A_PAYMENT" | "ALIAS_CONFLICT" | "LOOKUP_FAILED";
}

/** The gateway records this very payment as paid: deliver (once per deliveryKey). */
export interface Confirmed {
  confirmed: true;
  retryable: false;
  /** Empty. */
  problems: ConfirmationProblem[];
  order: OrderInfo;
  response: GatewayResponse;
  /** Which name the gateway's record gave the transaction. */
  transactionKey: TransactionKey;
}

/** The gateway's answer contradicts the result (or it knows no such transaction): deliver nothing, ever. */
export interface NotConfirmed {
  confirmed: false;
  retryable: false;
  problems: ConfirmationProblem[];
  /** The gateway's record; null when it knows no such transaction. */
  order: OrderInfo | null;
  response: GatewayResponse | null;
  /** Which name the record gave the transaction; null when none, or two that differ. */
  transactionKey: TransactionKey | null;
}

/**
 * No answer about the transaction (a timeout, a network error, a 5xx, an answer that is not a
 * gateway response, an error_code other than NOT_EXITS): keep the result and look it up again
 * later, until it is confirmed or refused. `problems` holds one LOOKUP_FAILED.
 */
export interface LookupFailed {
  confirmed: false;
  retryable: true;
  problems: ConfirmationProblem[];
  order: null;
  response: null;
  transactionKey: null;
  /** What the client rejected with (redacted like every client error). */
  error: GatewayClientError;
}

/**
 * What confirmPayment() found: `if (check.confirmed)` narrows `order` and `response`;
 * `else if (check.retryable)` is a lookup to repeat.
 */
export type Confirmation = Confirmed | NotConfirmed | LookupFailed;


/**
 * Reads the body the gateway PUTs to returnUrl (text, bytes of any kind, or a parsed object);
 * never throws for a bad body. Throws INVALID_ARGUMENT only for bad options.
 */
export declare function handlePaymentResult(
  body: string | ArrayBufferView | ArrayBuffer | object,
  options?: PaymentResultOptions,
): PaymentResultOutcome;

/**
 * Looks the transaction up and checks orderId, the transaction (the record's payTransId or
 * transactionNo), amount, the record's errorCode exactly "00" and type Pay (any casing; refunded,
 * other, empty or missing is not confirmed). Resolves `retryable: true` when the gateway gave no
 * answer to go by; rejects only for misuse (INVALID_ARGUMENT).
 */
export declare function confirmPayment(result: PaymentResult, client: Pick<GatewayClient, "getOrderInfo">): Promise<Confirmation>;
