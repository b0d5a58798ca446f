import { buildRefundRequest } from "lgsp-paygate";

const { body, json } = buildRefundRequest(
  {
    transactionNo: "835651612",
    orderId: "050720190008",
    requestCode: "1590278921647",
    amount: 10000,
    orderInfo: "Hoàn tiền hồ sơ 050720190008",
  },
  {
    partnerCode: "000.00.18.H29",
    accessKey: "f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b",
    secretKey: process.env.LGSP_SECRET_KEY ?? "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4",
  },
);
console.log(body.transactionType); // 02
console.log(json.length > 0);
