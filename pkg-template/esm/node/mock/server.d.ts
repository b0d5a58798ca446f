import type { ClientCredentials } from "../../gateway/client.js";
import type { Credentials, PaygateOrder } from "../../core/functions.js";

export interface MockGatewayOptions {
  /** Port on 127.0.0.1; 0 or absent: any free port. */
  port?: number;
  /**
   * The unit's credentials; absent: random throwaway ones (read them from `mock.credentials`).
   * appName defaults to "lgsp_paygate_mock", partnerCodeCus to partnerCode.
   */
  credentials?: ClientCredentials | Credentials;
  /** The `paygate` value of the results it sends, or a function that picks it for each new order; "mock" by default. */
  paygate?: string | ((order: { orderId: string; amount: number }) => string);
  /**
   * How the lookup names the transaction. "payTransId" (the guide's example) or "transactionNo"
   * (its table): the record uses that name alone, and a lookup request must carry it (else
   * PARAM_ERROR). "both": the record carries both names. Absent: a request may use either name;
   * the record names it payTransId. `complete()` and `settle()` can set it per order.
   */
  lookupKeys?: MockLookupKeys;
  /** The most orders kept; past it the oldest is forgotten. 1000 by default. */
  maxOrders?: number;
  /** The most text (UTF-16 code units) the orders kept may hold; past it the oldest is forgotten. 64 MiB by default. */
  maxOrderBytes?: number;
  /** How many times each result (payment or refund) is PUT again after the first; 0 by default. */
  resends?: number;
  /** The time between those repeats; 1000 by default. */
  resendDelayMs?: number;
  /** PUT results to returnUrls off this machine too; false by default. */
  allowRemoteReturnUrl?: boolean;
  /** How long to wait for the unit's answer to a result; 10000 by default. */
  resultTimeoutMs?: number;
  /** Given one line per request (secret key and token redacted, at most 500 characters). */
  log?: (line: string) => void;
  /** Given each API request it answered: its kind, orderId, transactionNo and error_code (for an injected fault, what it answered: "HTTP 503", "HANG_UP"...). */
  onRequest?: (request: MockRequest) => void;
}

/** How the mock's lookup names a transaction: as the guide's example, as its table, or both. */
export type MockLookupKeys = "payTransId" | "transactionNo" | "both";

/** An API request the mock answered, as `onRequest` sees it. */
export interface MockRequest {
  kind: "paygate" | "refund" | "lookup";
  orderId: string | null;
  transactionNo: string | null;
  code: string;
}

export type MockPath = "/paygate" | "/refund" | "/GetOrderInfo";

/** How the next request to a path misbehaves. A lone `delayMs` delays a normal answer. */
export interface MockFault {
  delayMs?: number;
  /** Answer this HTTP status with `body` instead of a gateway response. */
  status?: number;
  body?: string;
  contentType?: string;
  /** Answer this gateway error_code. */
  errorCode?: string;
  errorMessage?: string;
  /** Close the connection without answering. */
  hangUp?: boolean;
}

/** The unit's JSON answer to a payment result, as the gateway reads it. */
export interface ResultReply {
  /** "SUCCESSFUL" or "FAILED" when the unit answers as the guide says. */
  error_code: "SUCCESSFUL" | "FAILED" | (string & {});
  /** The answer's error_message; null when it was absent or not a string. */
  error_message: string | null;
}

/**
 * What happened to the result PUT to returnUrl. `reply` is the unit's answer when it was a JSON
 * object with a string error_code, else null (`body` then shows what came back).
 */
export type MockDelivery =
  | { delivered: true; status: number; reply: ResultReply | null; body: string; /** How long the unit took to answer. */ ms: number }
  | { delivered: false; error: string };

/** An order the mock keeps: the payment request's order fields, and what became of it. */
export interface MockOrder extends PaygateOrder {
  /**
   * The payment page: GET shows the order, its form POSTs outcome=pay or outcome=fail (from the
   * page itself only), and the answer sends the browser back to returnUrl?orderId=... (303).
   */
  paymentUrl: string;
  status: "pending" | "paid" | "failed" | "refunded";
  paygate: string;
  /** How its lookup names the transaction; null: the mock's default. */
  lookupKeys: MockLookupKeys | null;
  payTransId: string | null;
  payDate: string | null;
  errorCode: string | null;
  type: "Pay" | "Refund";
  /** The refund, and the delivery of its `type: Refund` result to returnUrl (null until sent). */
  refund: { requestCode: string; amount: number; orderInfo: string; payDate: string; delivery: MockDelivery | null } | null;
  /** The delivery of the payment's result. */
  delivery: MockDelivery | null;
  /** The deliveries of the results sent again (the `resends` option), in order. */
  resent: MockDelivery[];
}

export interface MockGateway {
  /** Base URL, for createClient({ environment: { baseUrl: mock.url } }). */
  readonly url: string;
  readonly port: number;
  /** The credentials it accepts, defaults filled in (not enumerable, so logging the mock does not print them). */
  readonly credentials: ClientCredentials;
  /** Every order, oldest first (copies). */
  orders(): MockOrder[];
  order(orderId: string): MockOrder | null;
  /**
   * What the page's buttons do: complete a pending order and PUT the signed result to its
   * returnUrl. `lookupKeys` sets how this order's lookup names the transaction.
   */
  complete(orderId: string, outcome: "pay" | "fail", options?: { lookupKeys?: MockLookupKeys }): Promise<MockDelivery>;
  /**
   * Complete a pending order without sending anything: returns the signed result as JSON text.
   * `amount` records another amount as paid, so the lookup reports it. "pending" opens a
   * transaction that is neither paid nor failed (the lookup answers it with errorCode "01") and
   * leaves the order pending. `lookupKeys` as for complete().
   */
  settle(orderId: string, outcome: "pay" | "fail" | "pending", options?: { amount?: number; lookupKeys?: MockLookupKeys }): string;
  /** Make the next request to `path` misbehave. */
  failNext(path: MockPath, fault: MockFault): void;
  /**
   * Make every request to `path` misbehave for `forMs` milliseconds (a 503 when `fault` names
   * nothing else); with `orderId`, only the requests naming that order.
   */
  failFor(path: MockPath, forMs: number, fault?: MockFault & { orderId?: string }): void;
  /** Stop listening and end open connections and deliveries. */
  close(): Promise<void>;
}

/** Starts a mock of the gateway on 127.0.0.1. */
export declare function startMockGateway(options?: MockGatewayOptions): Promise<MockGateway>;
