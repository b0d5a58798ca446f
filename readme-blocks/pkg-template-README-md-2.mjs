import { checksum, diagnose } from "lgsp-paygate";

const secretKey = process.env.LGSP_SECRET_KEY ?? "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4";
const fields = { partnerCode: "000.00.18.H29", accessKey: "f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b",
  transactionNo: "835651612", orderId: "050720190008" };
// The message carries a trailing space in accessKey; the sender hashed the value without it.
const received = { ...fields, accessKey: fields.accessKey + " ", checksum: checksum("lookup", fields, secretKey) };

const d = diagnose("lookup", received, secretKey);
console.log(d.summary.en);
// Mismatch explained: The sender hashed accessKey with its surrounding white space removed.
console.log(d.summary.vi);
// Đã tìm ra nguyên nhân: Bên gửi đã băm accessKey sau khi bỏ khoảng trắng ở đầu và cuối.
console.log(d.findings[0].code, d.findings[0].changes[0].field); // TRIMMED accessKey
