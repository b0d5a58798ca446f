import { once } from "node:events";
import http from "node:http";
import { createClient, handlePaymentResult, runConformance } from "lgsp-paygate";

// Phản hồi theo checksum, không gì khác: không tra cứu giao dịch, không dữ liệu đơn hàng.
const MAX_BODY = 1 << 20; // một kết quả thanh toán dưới 1 KiB rất nhiều
const unit = http.createServer(async (req, res) => {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY) return void res.writeHead(413).end();
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return void req.destroy();
    chunks.push(chunk);
  }
  res.writeHead(200, { "Content-Type": "application/json" }).end(handlePaymentResult(Buffer.concat(chunks)).reply);
});
unit.listen(0, "127.0.0.1");
await once(unit, "listening");
const address = unit.address();
if (address === null || typeof address === "string") throw new Error("not listening on a port");
const returnUrl = `http://127.0.0.1:${address.port}/lgsp/return`;

let n = 0;
const report = await runConformance({
  returnUrl,
  async createOrder(gateway) {
    n += 1;
    const client = createClient({ environment: { baseUrl: gateway.url }, credentials: gateway.credentials });
    await client.createPayment({ orderId: `SBN_${n}`, amount: 40000, orderInfo: "Lệ phí", requestCode: `${n}`,
      serviceCode: "hcm_dichvucong", returnUrl, ipAddress: "127.0.0.1", accountCode: "payment_test" });
  },
});
console.log(report.passed, report.checks.filter((c) => !c.passed).map((c) => c.id));
// false [ 'genuine-paid', 'forged-amount', 'forged-transaction', 'unknown-order', 'record-failed', 'record-refunded',
//   'record-pending', 'lookup-reading-table', 'lookup-reading-example', 'citizen-return', 'recheck-after-failed-lookup' ]
unit.close();
