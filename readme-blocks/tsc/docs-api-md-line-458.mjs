import { createClient, ENVIRONMENTS } from "lgsp-paygate";

const client = createClient({
  environment: "test",
  credentials: {
    partnerCode: process.env.LGSP_PARTNER_CODE ?? "000.00.18.H29",
    accessKey: process.env.LGSP_ACCESS_KEY ?? "f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d",
    secretKey: process.env.LGSP_SECRET_KEY ?? "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4",
    appName: process.env.LGSP_APP_NAME ?? "hcm_sso_admin",
    partnerCodeCus: process.env.LGSP_PARTNER_CODE_CUS ?? "000.00.18.H29",
  },
  timeoutMs: 15000,
});
console.log(client.baseUrl === ENVIRONMENTS.test, client.baseUrl); // true https://hcmesb-test.tphcm.gov.vn/payment
