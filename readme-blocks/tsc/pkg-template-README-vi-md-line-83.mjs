import { createClient, startMockGateway } from "lgsp-paygate";

const mock = await startMockGateway(); // tại 127.0.0.1, thông tin kết nối dùng tạm, đơn hàng giữ trong bộ nhớ
const client = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials, timeoutMs: 5000 });
const { url } = await client.createPayment({ orderId: "SBN_100012", amount: 40000, orderInfo: "Lệ phí hồ sơ",
  requestCode: "12357851", serviceCode: "hcm_dichvucong", returnUrl: "http://127.0.0.1:3000/lgsp/return",
  ipAddress: "120.72.114.122", accountCode: "payment_test" });
console.log(url.startsWith(`${mock.url}/pay/`)); // true: trình duyệt của người dân được chuyển tới đây
await mock.close();
