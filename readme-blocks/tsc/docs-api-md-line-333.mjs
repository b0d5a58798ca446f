import { parseGatewayResponse } from "lgsp-paygate";

const paygate = parseGatewayResponse(
  "paygate",
  '{"error_code":"SUCCESSFUL","error_message":"","data":{"url":"https://hcmesb-test.tphcm.gov.vn/paygate/napas/payment?orderId=SBN_100012"}}',
);
console.log(paygate.ok, paygate.url); // true https://hcmesb-test.tphcm.gov.vn/paygate/napas/payment?orderId=SBN_100012

const refused = parseGatewayResponse("paygate", { error_code: "SIGNTURE_WRONG", error_message: "", data: null });
console.log(refused.ok, refused.known, refused.description.en); // false true integrity check failed: ...
