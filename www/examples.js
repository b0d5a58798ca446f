// Example bodies. The guide's are copied byte for byte from the Vietnamese integration guide,
// defects included (typographic quotes, keys and values with stray spaces, `check-sum`,
// `payTransId` for transactionNo, placeholder checksums): they are what real traffic looks like.
// The demos are built at run time through the core, so this file computes nothing itself.

/** The guide's test Authorization token (section 3.1): public, for trying the page only. */
export const GUIDE_TEST_TOKEN =
  "ewogICJBY2Nlc3NLZXkiOiIwNGVlZWM5NWJhMzI0YWEzOTQ1YmVkOTUwZjc5YTNkOCIsCiAgIlNlY3JldEtleSI6Ik1EUmxaV1ZqT1RWaVlUTXlOR0ZoTXprME5XSXRaV1E1TlRCbU56bGhNMlE0IiwKICAiQXBwTmFtZSI6ImhjbV9zc29fYWRtaW4iLAogICJQYXJ0bmVyQ29kZSI6ImhjbV90ZXN0X3NzbyIsCiAgIlBhcnRuZXJDb2RlQ3VzIjoiaGNtX3Rlc3Rfc3NvIgp9";

/** The guide's example bodies, in its section order; `label` is an i18n key. */
export const GUIDE_EXAMPLES = [
  {
    id: "guide-paygate",
    label: "exampleGuidePaygate",
    scheme: "paygate",
    body: "{\n    \"partnerCode\": \"000.00.18.H29\",\n     \"accessKey\": \" f6047c5b34702d1edd05926c421317f62a58edc3e1c06ce74820d\",\n    \"amount\": 40000,\n    \"orderId\": \"SBN_100012\",\n    \"orderInfo\": \"thanh toan tien dien thoai\",\n    \"serviceCode\":\"hcm_dichvucong\",\n    \"requestCode\": \"12357851\",\n    \"returnUrl\": \"http://paydate.com.vn/return\",\n    \"ipAddress\":\"120.72.114.122\",\n    \"accountCode\":\"payment_test \",\n\"checksum\":\"3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD \"\n }",
  },
  {
    id: "guide-result",
    label: "exampleGuideResult",
    scheme: "result",
    body: "{\n    \"amount\": 40000,\n    \"orderId\": \"SBN_100012\",\n    \"orderInfo\": \"thanh toan tien dien thoai\",\n    \"payTransId\": \"1258485\",\n    \" payDate\":\" 20191212161254\u201d,\n    \"paygate\":\"momo\u201d,\n    \"errorCode\":\" 00\u201d,\n   \"type\":\" pay\u201d,\n\"check-sum\":\"3B2C7C400EB89625A82B9F92B82863F4E997A9DBDEA726AF7FBB4F2DBF6C2ABD \"\n }",
  },
  {
    id: "guide-refund",
    label: "exampleGuideRefund",
    scheme: "refund",
    body: "{\n  \"partnerCode\": \"000.00.18.H29\",\n  \"accessKey\": \"f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b\",\n  \"transactionNo\": \"835651612\",\n  \"orderInfo\": \"N\u1ed9i dung\",\n  \"requestCode\": \"1590278921647\",\n  \"amount\": 10000,\n  \"orderId\": \"050720190008\",\n  \"transactionType\": \"02\"\n}",
  },
  {
    id: "guide-lookup",
    label: "exampleGuideLookup",
    scheme: "lookup",
    body: "{\n  \"partnerCode\": \"000.00.18.H29\",\n  \"accessKey\": \"f53abff08e6433696db0fdbe5e2e1d88f5f6e7624e4cd897db2ded626c0bee9b\",\n  \"payTransId\": \"835651612\",\n  \"orderId\": \"050720190008\"\n \n}",
  },
];

/** The guide's payment result with its whitespace, as a sender would have it before signing. */
const resultFields = {
  paygate: "momo",
  orderId: "SBN_100012",
  amount: 40000,
  payDate: " 20191212161254",
  type: " pay",
  orderInfo: "thanh toán tiền điện thoại",
  payTransId: "1258485",
  errorCode: " 00",
};

function trimmed(fields) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === "string" ? v.trim() : v]));
}

/**
 * Demos of a mistake the diagnosis finds, signed through the core's `checksum` (the `result`
 * scheme needs no secret): the body carries one thing, the checksum was computed over another.
 */
export function demoExamples(core) {
  const sign = (fields) => core.checksum("result", fields, null);
  const nfd = { ...trimmed(resultFields), orderInfo: resultFields.orderInfo.normalize("NFD") };
  return [
    {
      id: "demo-trimmed",
      label: "exampleDemoTrimmed",
      scheme: "result",
      body: JSON.stringify({ ...resultFields, checksum: sign(trimmed(resultFields)) }, null, 2),
    },
    {
      id: "demo-nfd",
      label: "exampleDemoNfd",
      scheme: "result",
      body: JSON.stringify({ ...nfd, checksum: sign(trimmed(resultFields)) }, null, 2),
    },
  ];
}
