import { createClient, isLgspError, startMockGateway } from "lgsp-paygate";

const mock = await startMockGateway();
const client = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials });
const order = { orderId: "SBN_7", amount: 40000, orderInfo: "Lệ phí", requestCode: "7", serviceCode: "hcm_dichvucong",
  returnUrl: "https://dichvucong.example.gov.vn/lgsp/return", ipAddress: "120.72.114.122", accountCode: "payment_test" };

await client.createPayment(order);
for (const attempt of [{ ...order, amount: 0 }, order]) {
  try {
    await client.createPayment(attempt);
  } catch (error) {
    if (!isLgspError(error)) throw error;
    switch (error.code) { // thu hẹp kiểu của `error`: mỗi mã có các thuộc tính riêng
      case "INVALID_MESSAGE":
        console.log(error.code, error.problems?.map((p) => p.path)); // INVALID_MESSAGE [ 'amount' ]
        break;
      case "GATEWAY_ERROR":
        console.log(error.code, error.gatewayCode); // GATEWAY_ERROR ORDER_EXITS
        break;
      default:
        throw error;
    }
  }
}
await mock.close();
