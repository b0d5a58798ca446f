import { paymentResultReply } from "lgsp-paygate";

console.log(paymentResultReply(true)); // {"error_code":"SUCCESSFUL","error_message":"Thành công"}
console.log(paymentResultReply(false, "Sai số tiền")); // {"error_code":"FAILED","error_message":"Sai số tiền"}
