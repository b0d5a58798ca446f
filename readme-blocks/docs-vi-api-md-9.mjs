import { checksum, parsePaymentResult } from "lgsp-paygate";

// Những gì cổng thanh toán sẽ gửi (ký ở đây để có một body như thật).
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
if (report.accepted) console.log(report.result.orderId); // SBN_100012 (accepted thu hẹp kiểu của `result`)
console.log(report.reply); // {"error_code":"SUCCESSFUL","error_message":"Thành công"}
// Chưa được xác nhận: hỏi cổng thanh toán trước khi ghi nhận đã nộp phí (compareWithLookup).
