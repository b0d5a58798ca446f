import { checksum, confirmPayment, createClient, handlePaymentResult, startMockGateway } from "lgsp-paygate";

const mock = await startMockGateway();
const client = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials });
await client.createPayment({ orderId: "SBN_8", amount: 40000, orderInfo: "Lệ phí", requestCode: "8",
  serviceCode: "hcm_dichvucong", returnUrl: "https://dichvucong.example.gov.vn/lgsp/return",
  ipAddress: "120.72.114.122", accountCode: "payment_test" });

// Someone who knows an order id writes a result for it and signs it: that takes no secret.
const fields = { paygate: "momo", payTransId: "4242424242", orderId: "SBN_8", amount: 40000, orderInfo: "Lệ phí",
  payDate: "20250101120000", errorCode: "00", type: "Pay" };
const outcome = handlePaymentResult(JSON.stringify({ ...fields, checksum: checksum("result", fields, null) }));
console.log(outcome.accepted, outcome.paid); // true true

if (outcome.paid) { // narrows `outcome.result` to a PaymentResult
  const check = await confirmPayment(outcome.result, client);
  console.log(check.confirmed, check.problems.map((p) => p.code)); // false [ 'UNKNOWN_TRANSACTION' ]
}
await mock.close();
