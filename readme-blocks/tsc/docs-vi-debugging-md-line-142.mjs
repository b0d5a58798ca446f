import { comparePreimage } from "lgsp-paygate";

const secretKey = process.env.LGSP_SECRET_KEY ?? "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4";
const message = { partnerCode: "000.00.18.H29", accessKey: "f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b",
  transactionNo: "835651612", orderId: "050720190008" };
// Mã của người tích hợp đặt orderId trước transactionNo.
const theirs = secretKey + message.partnerCode + message.accessKey + message.orderId + message.transactionNo;

const { equal, firstDifference: d } = comparePreimage("lookup", message, secretKey, theirs);
if (d) console.log(equal, d.field, d.fieldOffset, d.expected.character, d.actual.character); // false transactionNo 0 8 0
