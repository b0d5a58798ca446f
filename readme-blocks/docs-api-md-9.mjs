import { checksum, parsePaymentResult } from "lgsp-paygate";

// What the gateway would send (signed here to have a realistic body).
const fields = {
  paygate: "momo",
  payTransId: "1258485",
  orderId: "SBN_100012",
  amount: 40000,
  orderInfo: "thanh toan tien dien thoai",
  payDate: "20191212161254",
  errorCode: "00",
  type: "Pay",
};
const requestBody = JSON.stringify({ ...fields, checksum: checksum("result", fields, null) });

const report = parsePaymentResult(requestBody);
console.log(report.accepted, report.paid); // true true
if (report.accepted) console.log(report.result.orderId); // SBN_100012 (accepted narrows `result`)
console.log(report.reply); // {"error_code":"SUCCESSFUL","error_message":"Thành công"}
// Not confirmed yet: ask the gateway before recording the payment (compareWithLookup).
