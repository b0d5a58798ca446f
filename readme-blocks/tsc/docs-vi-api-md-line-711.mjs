import { createClient, startMockGateway } from "lgsp-paygate";

const mock = await startMockGateway();
const client = createClient({ environment: { baseUrl: mock.url }, credentials: mock.credentials, timeoutMs: 200 });
const lookup = { transactionNo: "835651612", orderId: "050720190008" };

mock.failNext("/GetOrderInfo", { delayMs: 1000 });
mock.failNext("/GetOrderInfo", { status: 503, body: "Service Unavailable" });
mock.failNext("/GetOrderInfo", { hangUp: true });
for (let i = 0; i < 4; i += 1) {
  await client.getOrderInfo(lookup).catch((error) => console.log(error.code, error.gatewayCode ?? error.status ?? ""));
}
// TIMEOUT
// HTTP_ERROR 503
// NETWORK_ERROR
// GATEWAY_ERROR NOT_EXITS
await mock.close();
