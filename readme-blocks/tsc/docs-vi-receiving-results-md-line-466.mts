import { confirmPayment, handlePaymentResult, paymentResultReply, type GatewayClient, type PaymentResult } from "lgsp-paygate";

declare const client: GatewayClient;
declare const body: Uint8Array;
declare function keep(result: PaymentResult): Promise<void>;

async function onReturnUrl(): Promise<string> {
  const outcome = handlePaymentResult(body);
  if (!outcome.paid) return outcome.reply;
  const check = await confirmPayment(outcome.result, client); // outcome.result: PaymentResult
  if (check.confirmed) return outcome.reply; // check.order: OrderInfo
  if (check.retryable) {
    await keep(outcome.result); // look it up again later
    return paymentResultReply(false, check.error.code === "GATEWAY_ERROR" ? check.error.gatewayCode : check.error.code);
  }
  return paymentResultReply(false, check.problems.map((p) => p.code).join(", "));
}
