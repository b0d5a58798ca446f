const { checksum, isLgspError, LgspError, LGSP_ERROR_CODES, CLIENT_ERROR_CODES } = require("lgsp-paygate");

try {
  checksum("pay", { orderId: "050720190008" }, null);
} catch (error) {
  console.log(isLgspError(error), error instanceof LgspError, error.code); // true true UNKNOWN_SCHEME
}
console.log(isLgspError(new Error("boom")), LGSP_ERROR_CODES.includes("TIMEOUT"), CLIENT_ERROR_CODES.length); // false true 6
