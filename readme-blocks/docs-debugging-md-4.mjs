import { parseLoose } from "lgsp-paygate";

// What the browser's "Copy as cURL (bash)" gives for a lookup (the token shortened here).
const pasted = `curl 'https://hcmesb-test.tphcm.gov.vn/payment/GetOrderInfo' \\
  -H 'Authorization: eyJBY2Nlc3NLZXkiOiJhIn0=' \\
  -H 'Content-Type: application/json;charset=UTF-8' \\
  --data-raw '{"partnerCode":"000.00.18.H29","accessKey":"f53abff0","transactionNo":"835651612","orderId":"050720190008","checksum":"0"}'`;
const { message, defects, authorization } = parseLoose(pasted);
console.log(defects.map((d) => d.code).join(", ")); // CURL_COMMAND, AUTHORIZATION
console.log(message?.transactionNo, authorization !== null); // 835651612 true
console.log(defects[0].text.en); // read as a curl command in "bash" quoting: the body from "--data-raw"
