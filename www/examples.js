// Example bodies. The guide's are copied byte for byte from the Vietnamese integration guide,
// defects included (typographic quotes, keys and values with stray spaces, `check-sum`,
// `payTransId` for transactionNo, placeholder checksums): they are what real traffic looks like.
// The demos are built at run time through the core, so this file computes nothing itself.
import guideExamples from "../tests/vectors/guide-examples.json" with { type: "json" };

/** The guide's test Authorization token (section 3.1): public, for trying the page only. */
export const GUIDE_TEST_TOKEN =
  "ewogICJBY2Nlc3NLZXkiOiIwNGVlZWM5NWJhMzI0YWEzOTQ1YmVkOTUwZjc5YTNkOCIsCiAgIlNlY3JldEtleSI6Ik1EUmxaV1ZqT1RWaVlUTXlOR0ZoTXprME5XSXRaV1E1TlRCbU56bGhNMlE0IiwKICAiQXBwTmFtZSI6ImhjbV9zc29fYWRtaW4iLAogICJQYXJ0bmVyQ29kZSI6ImhjbV90ZXN0X3NzbyIsCiAgIlBhcnRuZXJDb2RlQ3VzIjoiaGNtX3Rlc3Rfc3NvIgp9";

/** i18n keys of the guide's examples, by vector id. */
const LABELS = {
  "guide-paygate": "exampleGuidePaygate",
  "guide-result": "exampleGuideResult",
  "guide-refund": "exampleGuideRefund",
  "guide-lookup": "exampleGuideLookup",
};

/**
 * The guide's example bodies, in its section order, read from the test vectors (the one copy of
 * them, byte for byte as the guide prints them): `{ id, label, scheme, body }`.
 */
export const GUIDE_EXAMPLES = Object.keys(LABELS).map((id) => {
  const c = guideExamples.cases.find((x) => x.id === id);
  return { id, label: LABELS[id], scheme: c.scheme, body: c.text };
});

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
