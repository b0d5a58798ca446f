// Strict code over the Node helpers' types, type-checked (never run): outcomes and confirmations
// narrow on their flags, the mock's delivery reply is typed, and errors are caught with
// isLgspError or instanceof LgspError, then narrowed by `code`. Each `@ts-expect-error` proves
// a narrowing: tsc fails if the line compiles.
import {
  confirmPayment,
  createClient,
  handlePaymentResult,
  isLgspError,
  startMockGateway,
  LgspError,
  LGSP_ERROR_CODES,
} from "lgsp-paygate";
import type {
  AnyLgspError,
  ClientErrorCode,
  Confirmation,
  ErrorCode,
  GatewayClient,
  LgspErrorCode,
  OrderInfo,
  SetupErrorCode,
  PaymentResult,
  PaymentResultOutcome,
  Problem,
  ResultReply,
} from "lgsp-paygate";
import type { Equal, NotAny } from "./type-assert.js"; // tests/ts/type-assert.ts: run-packed.mjs checks these files side by side in one folder


const everyCode: Equal<LgspErrorCode, ErrorCode | ClientErrorCode | SetupErrorCode> = true;
const codes: readonly LgspErrorCode[] = LGSP_ERROR_CODES;

declare const body: Uint8Array;
declare const client: GatewayClient;

async function returnUrlHandler(): Promise<string> {
  const outcome: PaymentResultOutcome = handlePaymentResult(body);
  // @ts-expect-error before narrowing, result may be null (TS18047 in the old declarations)
  await confirmPayment(outcome.result, client);
  if (!outcome.paid) return outcome.reply;
  const result: PaymentResult = outcome.result;
  // A paid (so accepted) outcome always carries the key to deliver once by.
  const deliveryKey: string = outcome.deliveryKey;
  void deliveryKey;
  try {
    const check: Confirmation = await confirmPayment(result, client);
    // @ts-expect-error before narrowing, order may be null
    const tooSoon: OrderInfo = check.order;
    void tooSoon;
    if (check.confirmed) {
      const order: OrderInfo = check.order;
      const errorCode: string = check.response.errorCode;
      void [order, errorCode];
    } else if (check.retryable) {
      // No answer about the transaction: keep the result, look again later.
      const why: string = check.error.code;
      const order: null = check.order;
      void [why, order];
    } else {
      const problems: ("NOT_PAID" | "UNKNOWN_TRANSACTION" | "MISMATCH" | "REFUNDED" | "NOT_A_PAYMENT" | "ALIAS_CONFLICT" | "LOOKUP_FAILED")[] = check.problems.map((p) => p.code);
      const key: "payTransId" | "transactionNo" | "both" | null = check.transactionKey;
      void [problems, key];
    }
  } catch (error) {
    // @ts-expect-error a caught value is unknown until checked
    void error.code;
    if (isLgspError(error)) return describe(error);
    throw error;
  }
  return outcome.reply;
}

/** Every code narrows to its own properties; `never` proves the switch covers them all. */
function describe(error: AnyLgspError): string {
  switch (error.code) {
    case "INVALID_MESSAGE": {
      const problems: Problem[] | undefined = error.problems;
      return `${error.code} ${problems?.length ?? 0}`;
    }
    case "UNKNOWN_SCHEME":
    case "MISSING_FIELD":
    case "MISSING_SECRET":
    case "INVALID_FIELD":
    case "INVALID_ARGUMENT":
    case "INVALID_JSON":
    case "INVALID_TOKEN":
      return `${error.code} ${error.path ?? ""}`;
    case "GATEWAY_ERROR": {
      const gatewayCode: string = error.gatewayCode;
      return `${gatewayCode} ${error.response.errorCode}`;
    }
    case "HTTP_ERROR":
      return `${error.status} ${error.body}`;
    case "INVALID_RESPONSE":
      return `${error.status}`;
    case "INPUT_TOO_LARGE":
    case "CORE_FAILED":
    case "NOT_INITIALIZED":
    case "UNSUPPORTED_RUNTIME":
      return error.message;
    case "RESPONSE_TOO_LARGE":
      return `${error.maxResponseBytes}`;
    case "TIMEOUT":
    case "NETWORK_ERROR":
      return `${error.endpoint} ${error.url}`;
    case "PUBLISHED_SECRET":
    case "UNIT_UNREACHABLE":
      return error.path;
    default: {
      const unreachable: never = error;
      return unreachable;
    }
  }
}

function withInstanceof(caught: unknown): string {
  if (caught instanceof LgspError) {
    // instanceof narrows to the same union as isLgspError.
    if (caught.code === "HTTP_ERROR") return String(caught.status);
    // @ts-expect-error status belongs to HTTP_ERROR (and a few client codes), not to every error
    return String(caught.status);
  }
  return "not ours";
}

const made = new LgspError("TIMEOUT", "no answer");
const madeCode: LgspErrorCode = made.code;
// @ts-expect-error not a code of this package
new LgspError("NOT_A_CODE", "x");

async function mockDelivery(): Promise<string | null> {
  const mock = await startMockGateway();
  const delivery = await mock.complete("SBN_1", "pay");
  await mock.close();
  // @ts-expect-error an undelivered result has no reply
  void delivery.reply;
  if (!delivery.delivered) return delivery.error;
  const reply: ResultReply | null = delivery.reply;
  const raw: string = delivery.body;
  void raw;
  if (reply === null) return null;
  const said: string = reply.error_code;
  const message: string | null = reply.error_message;
  return `${said} ${message ?? ""}`;
}

const notAny: [
  NotAny<typeof LgspError>, NotAny<typeof isLgspError>, NotAny<AnyLgspError>, NotAny<ResultReply>, NotAny<PaymentResultOutcome>,
  NotAny<Confirmation>, NotAny<LgspErrorCode>,
] = [true, true, true, true, true, true, true];

void [everyCode, codes, returnUrlHandler, withInstanceof, madeCode, mockDelivery, createClient, notAny];
