import { buildPaygateRequest, isLgspError } from "lgsp-paygate";

const credentials = {
  partnerCode: "000.00.18.H29",
  accessKey: "f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d",
  secretKey: process.env.LGSP_SECRET_KEY ?? "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4",
};
const order = {
  orderId: "SBN_100012",
  amount: 40000,
  orderInfo: "thanh toan tien dien thoai",
  requestCode: "12357851",
  serviceCode: "hcm_dichvucong",
  returnUrl: "https://dichvucong.example.gov.vn/lgsp/return",
  ipAddress: "120.72.114.122",
  accountCode: "payment_test",
};

const { body } = buildPaygateRequest(order, credentials);
console.log(body.orderId, body.amount, body.checksum.length); // SBN_100012 40000 64

try {
  buildPaygateRequest({ ...order, amount: 0, returnUrl: "ftp://example.gov.vn" }, credentials);
} catch (error) {
  if (!isLgspError(error) || error.code !== "INVALID_MESSAGE") throw error;
  console.log(error.code); // INVALID_MESSAGE
  for (const p of error.problems ?? []) console.log(`${p.path}: ${p.code}: ${p.message}`);
  // amount: AMOUNT_NOT_POSITIVE: ...
  // returnUrl: INVALID_URL: ...
}
