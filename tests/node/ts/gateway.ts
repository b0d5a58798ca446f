// A strict TypeScript consumer of the Node helpers, type-checked (never run) as CommonJS and as an
// ES module against the installed declarations. NotAny checks catch declarations that fall back to any.
import {
  confirmPayment,
  createClient,
  handlePaymentResult,
  startMockGateway,
  CLIENT_ERROR_CODES,
  ENVIRONMENTS,
} from "lgsp-paygate";
import type {
  ClientCredentials,
  ClientErrorCode,
  Confirmation,
  GatewayClient,
  GatewayClientError,
  MockGateway,
  MockOrder,
  PaymentCreated,
  PaymentResultOutcome,
} from "lgsp-paygate";
import type { NotAny } from "./type-assert.js"; // tests/ts/type-assert.ts: run-packed.mjs checks these files side by side in one folder


const credentials: ClientCredentials = {
  partnerCode: "000.00.18.H29",
  accessKey: "f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d",
  secretKey: process.env.LGSP_SECRET_KEY ?? "",
  appName: "hcm_sso_admin",
  partnerCodeCus: "000.00.18.H29",
};
const withToken: ClientCredentials = { partnerCode: "p", accessKey: "a", secretKey: "s", authorization: "eyJ..." };
// @ts-expect-error without a token, appName and partnerCodeCus are needed to encode one
const incomplete: ClientCredentials = { partnerCode: "p", accessKey: "a", secretKey: "s" };

declare const process: { env: Record<string, string | undefined> };

async function walkThrough(): Promise<void> {
  const mock: MockGateway = await startMockGateway({ credentials, port: 0, log: (line: string) => void line });
  const client: GatewayClient = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials, timeoutMs: 5000 });
  // The mock fills in appName and partnerCodeCus; the client takes its credentials as they are.
  const bare: MockGateway = await startMockGateway({ credentials: { partnerCode: "p", accessKey: "a", secretKey: "s" } });
  createClient({ environment: { baseUrl: bare.url }, credentials: bare.credentials, maxResponseBytes: 1 << 20 });
  createClient({ environment: "test", credentials, fetch: globalThis.fetch });
  // @ts-expect-error not an environment
  createClient({ environment: "staging", credentials });

  const created: PaymentCreated = await client.createPayment({
    orderId: "SBN_1", amount: 40000, orderInfo: "x", requestCode: "r", serviceCode: "s",
    returnUrl: "http://127.0.0.1:3000/return", ipAddress: "127.0.0.1", accountCode: "a",
  });
  const url: string = created.url;
  const checksum: string = created.request.checksum;

  const order: MockOrder | null = mock.order("SBN_1");
  const status: "pending" | "paid" | "failed" | "refunded" | undefined = order?.status;
  const delivery = await mock.complete("SBN_1", "pay");
  if (delivery.delivered) {
    const httpStatus: number = delivery.status;
    void httpStatus;
  } else {
    const why: string = delivery.error;
    void why;
  }
  mock.failNext("/paygate", { delayMs: 100 });
  // @ts-expect-error not a gateway path
  mock.failNext("/pay", { status: 500 });

  const outcome: PaymentResultOutcome = handlePaymentResult('{"paygate":"momo"}');
  const reply: string = outcome.reply;
  const key: string | null = outcome.deliveryKey;
  const fromBytes: PaymentResultOutcome = handlePaymentResult(new DataView(new ArrayBuffer(2)), { maxBytes: 1 << 20 });
  void [key, fromBytes];
  if (outcome.result !== null) {
    const confirmation: Confirmation = await confirmPayment(outcome.result, client);
    const confirmed: boolean = confirmation.confirmed;
    const codes: ("NOT_PAID" | "UNKNOWN_TRANSACTION" | "MISMATCH" | "REFUNDED" | "NOT_A_PAYMENT" | "ALIAS_CONFLICT" | "LOOKUP_FAILED")[] = confirmation.problems.map((p) => p.code);
    const retryable: boolean = confirmation.retryable;
    void [confirmed, codes, retryable];
  }

  const refunded = await client.refund({ transactionNo: "1", orderId: "SBN_1", requestCode: "r", amount: 40000, orderInfo: "x" });
  const refundType: string = refunded.request.transactionType;
  const found = await client.getOrderInfo({ transactionNo: "1", orderId: "SBN_1" });
  const amount: number | null = found.order.amount;

  try {
    await client.getOrderInfo({ transactionNo: "1", orderId: "SBN_1" });
  } catch (caught) {
    const error = caught as GatewayClientError;
    switch (error.code) {
      case "GATEWAY_ERROR": {
        const gatewayCode: string = error.gatewayCode;
        const errorCode: string = error.response.errorCode;
        void [gatewayCode, errorCode];
        break;
      }
      case "HTTP_ERROR": {
        const httpStatus: number = error.status;
        void httpStatus;
        break;
      }
      case "TIMEOUT":
      case "NETWORK_ERROR":
      case "INVALID_RESPONSE":
        void error.url;
        break;
      default: {
        const core: "INVALID_MESSAGE" | "MISSING_SECRET" | string = error.code;
        void core;
      }
    }
  }
  await mock.close();
  void [url, checksum, status, reply, refundType, amount];
}

const codes: readonly ClientErrorCode[] = CLIENT_ERROR_CODES;
const base: string = ENVIRONMENTS.production;
const notAny: [NotAny<typeof createClient>, NotAny<typeof startMockGateway>, NotAny<typeof handlePaymentResult>, NotAny<typeof confirmPayment>] = [true, true, true, true];
void [walkThrough, withToken, incomplete, codes, base, notAny];
