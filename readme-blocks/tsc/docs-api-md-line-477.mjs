import { createClient, startMockGateway } from "lgsp-paygate";

const mock = await startMockGateway();
const client = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials });
const { url } = await client.createPayment({ orderId: "SBN_100012", amount: 40000, orderInfo: "Lệ phí hồ sơ",
  requestCode: "12357851", serviceCode: "hcm_dichvucong", returnUrl: "http://127.0.0.1:3000/lgsp/return",
  ipAddress: "120.72.114.122", accountCode: "payment_test" });
console.log(url.startsWith(`${mock.url}/pay/`)); // true: the citizen's browser goes there

const paid = JSON.parse(mock.settle("SBN_100012", "pay")); // what pressing "pay" sends, without sending it
await client.refund({ transactionNo: paid.payTransId, orderId: "SBN_100012", requestCode: "RF-12357851", amount: 40000,
  orderInfo: "Hoàn tiền hồ sơ SBN_100012" });
const { order } = await client.getOrderInfo({ transactionNo: paid.payTransId, orderId: "SBN_100012" });
console.log(order.orderId, order.amount, order.type); // SBN_100012 40000 Refund
await mock.close();
