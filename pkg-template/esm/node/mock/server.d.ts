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
  /** PUT results to returnUrls off this machine too; false by default. */
  allowRemoteReturnUrl?: boolean;
  /** How long to wait for the unit's answer to a result; 10000 by default. */
  resultTimeoutMs?: number;
  /** Given one line per request (secret key and token redacted, at most 500 characters). */
  log?: (line: string) => void;
  /** Given each API request it answered: its kind, orderId, transactionNo and error_code. */
  onRequest?: (request: MockRequest) => void;
}

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
  | { delivered: true; status: number; reply: ResultReply | null; body: string }
  | { delivered: false; error: string };

/** An order the mock keeps: the payment request's order fields, and what became of it. */
export interface MockOrder extends PaygateOrder {
  /** The payment page: GET shows the order, its form POSTs outcome=pay or outcome=fail. */
  paymentUrl: string;
  status: "pending" | "paid" | "failed" | "refunded";
  paygate: string;
  payTransId: string | null;
  payDate: string | null;
  errorCode: string | null;
  type: "Pay" | "Refund";
  refund: { requestCode: string; amount: number; orderInfo: string } | null;
  delivery: MockDelivery | null;
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
  /** What the page's buttons do: complete a pending order and PUT the signed result to its returnUrl. */
  complete(orderId: string, outcome: "pay" | "fail"): Promise<MockDelivery>;
  /**
   * Complete a pending order without sending anything: returns the signed result as JSON text.
   * `amount` records another amount as paid, so the lookup reports it. "pending" opens a
   * transaction that is neither paid nor failed (the lookup answers it with errorCode "01") and
   * leaves the order pending.
   */
  settle(orderId: string, outcome: "pay" | "fail" | "pending", options?: { amount?: number }): string;
  /** Make the next request to `path` misbehave. */
  failNext(path: MockPath, fault: MockFault): void;
  /** Stop listening and end open connections and deliveries. */
  close(): Promise<void>;
}

/** Starts a mock of the gateway on 127.0.0.1. */
export declare function startMockGateway(options?: MockGatewayOptions): Promise<MockGateway>;
