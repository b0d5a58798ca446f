import { decodeAuthorization, encodeAuthorization } from "lgsp-paygate";

const token = encodeAuthorization({
  accessKey: "04eeec95ba324aa3945bed950f79a3d8",
  secretKey: process.env.LGSP_SECRET_KEY ?? "MDRlZWVjOTViYTMyNGFhMzk0NWItZWQ5NTBmNzlhM2Q4",
  appName: "hcm_sso_admin",
  partnerCode: "hcm_test_sso",
  partnerCodeCus: "hcm_test_sso",
});

const { appName, partnerCode } = decodeAuthorization(token);
console.log(appName, partnerCode); // hcm_sso_admin hcm_test_sso
