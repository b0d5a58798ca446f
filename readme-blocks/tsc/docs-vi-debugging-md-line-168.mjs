import { detectScheme, parseLoose } from "lgsp-paygate";

const printed = `{
  "amount": 40000, "orderId": "SBN_100012", "orderInfo": "thanh toan tien dien thoai",
  "payTransId": "1258485", " payDate":" 20191212161254”, "paygate":"momo”,
  "errorCode":" 00”, "type":" pay”,
  "check-sum":"3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD "
}`;
const { message, defects } = parseLoose(printed);
console.log(defects.map((d) => `${d.line}:${d.column} ${d.code}`).join(", "));
// 3:28 KEY_WHITESPACE, 3:39 SMART_QUOTES, 3:68 SMART_QUOTES, 4:15 SMART_QUOTES, 4:29 SMART_QUOTES, 5:3 KEY_ALIAS
if (message !== null) console.log(detectScheme(message), message.payDate, JSON.stringify(message.checksum));
// result  20191212161254 "3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD "
