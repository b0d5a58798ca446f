import { checksum } from "lgsp-paygate";

const fields = {
  partnerCode: "000.00.18.H29",
  accessKey: "f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b",
  transactionNo: "835651612",
  orderId: "050720190008",
};
const secretKey = process.env.LGSP_SECRET_KEY ?? "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4";

console.log(checksum("lookup", fields, secretKey));
// 25782d675322a26bbf556d9dff69b309a538eda804de8fa1cfeb34e724fe73d2
console.log(checksum("lookup", fields, secretKey, { uppercase: true }));
// 25782D675322A26BBF556D9DFF69B309A538EDA804DE8FA1CFEB34E724FE73D2
