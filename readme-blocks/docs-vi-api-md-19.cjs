const { checksum } = require("lgsp-paygate");

try {
  checksum("lookup", { partnerCode: "000.00.18.H29", accessKey: "f53abff08e64", transactionNo: "835651612" }, "s3cr3t-key");
} catch (error) {
  console.log(error instanceof Error, error.code, error.path); // true MISSING_FIELD orderId
}
