import { explain } from "lgsp-paygate";

const e = explain("result", {
  paygate: "momo", orderId: "SBN_100012", amount: 40000, payDate: " 20191212161254", type: " pay",
  orderInfo: "thanh toan tien dien thoai", payTransId: "1258485", errorCode: " 00",
  checksum: "3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD",
});
console.log(e.steps.map((s) => `${s.name}=${s.visible}`).join(" | "));
// prefix=PAYHCM1.0 | paygate=momo | orderId=SBN_100012 | amount=40000 | payDate=·20191212161254 | type=·pay | ...
console.log(e.matches); // false: the guide's checksums are placeholders
