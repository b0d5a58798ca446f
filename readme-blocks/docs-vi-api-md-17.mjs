import { once } from "node:events";
import http from "node:http";
import { createClient, handlePaymentResult, startMockGateway } from "lgsp-paygate";

// A returnUrl that acknowledges every intact result, and notes each one's type.
/** @type {(string | undefined)[]} */
const seen = [];
const MAX_BODY = 64 * 1024; // a result is a few hundred bytes
const unit = http.createServer(async (req, res) => {
  if (Number(req.headers["content-length"]) > MAX_BODY) return res.writeHead(413, { Connection: "close" }).end();
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return res.destroy();
    chunks.push(chunk);
  }
  const outcome = handlePaymentResult(Buffer.concat(chunks));
  seen.push(outcome.result?.type);
  res.writeHead(200, { "Content-Type": "application/json" }).end(outcome.reply);
});
unit.listen(0, "127.0.0.1");
await once(unit, "listening");
const address = unit.address();
if (address === null || typeof address === "string") throw new Error("not listening on a port");

const mock = await startMockGateway();
const client = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials });
await client.createPayment({ orderId: "SBN_5", amount: 40000, orderInfo: "Lệ phí hồ sơ", requestCode: "5",
  serviceCode: "hcm_dichvucong", returnUrl: `http://127.0.0.1:${address.port}/lgsp/return`,
  ipAddress: "120.72.114.122", accountCode: "payment_test" });

const delivery = await mock.complete("SBN_5", "pay"); // what the page's "pay" button does
console.log(delivery.delivered && delivery.reply?.error_code); // SUCCESSFUL
const paid = mock.order("SBN_5");
await client.refund({ transactionNo: paid?.payTransId ?? "", orderId: "SBN_5", requestCode: "RF-5", amount: 40000, orderInfo: "Hoàn tiền" });
while (mock.order("SBN_5")?.refund?.delivery === null) await new Promise((resolve) => setTimeout(resolve, 20));
console.log(seen); // [ 'Pay', 'Refund' ]: the refund's result came to returnUrl too
unit.close();
await mock.close();
