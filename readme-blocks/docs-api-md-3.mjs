import { checksum, verify } from "lgsp-paygate";

const result = {
  paygate: "momo",
  payTransId: "1258485",
  orderId: "SBN_100012",
  amount: 40000,
  orderInfo: "thanh toan tien dien thoai",
  payDate: "20191212161254",
  errorCode: "00",
  type: "Pay",
};
const received = { ...result, checksum: checksum("result", result, null).toUpperCase() + " " };

console.log(verify("result", received, null)); // true
console.log(verify("result", { ...received, amount: 4000000 }, null)); // false
