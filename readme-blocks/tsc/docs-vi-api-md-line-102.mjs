import { preimage } from "lgsp-paygate";

const fields = {
  partnerCode: "000.00.18.H29",
  accessKey: "f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b",
  transactionNo: "835651612",
  orderId: "050720190008",
};
console.log(preimage("lookup", fields, "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4"));
// ********************************************000.00.18.H29f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b835651612050720190008
