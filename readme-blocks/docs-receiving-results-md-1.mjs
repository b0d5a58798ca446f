import { buildLookupRequest, checksum, compareWithLookup, parseGatewayResponse, parsePaymentResult, paymentResultReply } from "lgsp-paygate";

const credentials = {
  partnerCode: "000.00.18.H29",
  accessKey: "f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b",
  secretKey: process.env.LGSP_SECRET_KEY ?? "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4",
};

/**
 * Stands in for fetch("https://hcmesb-test.tphcm.gov.vn/payment/GetOrderInfo", { method: "POST", ... }).
 * @param {string} json
 */
async function postLookup(json) {
  const { orderId } = JSON.parse(json);
  return JSON.stringify({
    error_code: "SUCCESSFUL",
    error_message: "",
    data: { amount: "40000", partnerCode: "000.00.18.H29", orderId, serviceCode: "hcm_dichvucong", payTransId: "13333267",
      orderInfo: "Nội dung", errorCode: "00", paygate: "vnpay", type: "Pay", payDate: "20200712225148" },
  });
}

/** @param {string} requestBody */
async function onPaymentResult(requestBody) {
  const report = parsePaymentResult(requestBody);
  if (!report.paid) return { reply: report.reply, deliver: false, problems: report.errors };

  const paid = report.result;
  const lookup = buildLookupRequest({ transactionNo: paid.payTransId, orderId: paid.orderId }, credentials);
  const answer = parseGatewayResponse("lookup", await postLookup(lookup.json));
  const { confirmed, problems } = answer.order ? compareWithLookup(paid, answer.order) : { confirmed: false, problems: [] };
  return { reply: confirmed ? report.reply : paymentResultReply(false), deliver: confirmed, problems };
}

const fields = { paygate: "vnpay", payTransId: "13333267", orderId: "29.98.H29-310519-0001_201", amount: 40000,
  orderInfo: "Nội dung", payDate: "20200712225148", errorCode: "00", type: "Pay" };
const outcome = await onPaymentResult(JSON.stringify({ ...fields, checksum: checksum("result", fields, null) }));
console.log(outcome.deliver, outcome.reply); // true {"error_code":"SUCCESSFUL","error_message":"Thành công"}

// A forged result: well signed (the result checksum has no secret), but the amount is not the gateway's.
const forged = { ...fields, amount: 4 };
const caught = await onPaymentResult(JSON.stringify({ ...forged, checksum: checksum("result", forged, null) }));
console.log(caught.deliver, caught.problems.map((p) => `${p.path}:${p.code}`)); // false [ 'amount:MISMATCH' ]
