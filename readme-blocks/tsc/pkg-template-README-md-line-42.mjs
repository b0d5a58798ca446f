import { buildPaygateRequest, encodeAuthorization } from "lgsp-paygate";

// Issued to the unit by the gateway operator. Keep the secret key on the server.
const credentials = {
  partnerCode: "000.00.18.H29",
  accessKey: "f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d",
  secretKey: process.env.LGSP_SECRET_KEY ?? "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4",
  appName: "hcm_sso_admin",
  partnerCodeCus: "000.00.18.H29",
};

const { json, warnings } = buildPaygateRequest(
  {
    orderId: "SBN_100012",
    amount: 40000,
    orderInfo: "Thanh toán lệ phí hồ sơ SBN_100012",
    requestCode: "12357851",
    serviceCode: "hcm_dichvucong",
    returnUrl: "https://dichvucong.example.gov.vn/lgsp/return",
    ipAddress: "120.72.114.122",
    accountCode: "payment_test",
  },
  credentials,
);

const headers = {
  Authorization: encodeAuthorization(credentials), // carries the secret key: never log it
  "Content-Type": "application/json;charset=UTF-8",
};
console.log(json); // {"partnerCode":"000.00.18.H29",...,"checksum":"<64 hex digits>"}
console.log(warnings); // []
console.log(Object.keys(headers).join(", ")); // Authorization, Content-Type
