// The curl command and the Node snippet for a built request. Neither carries a secret: the
// Authorization token and the secret key are read from environment variables.

import { ENVIRONMENTS } from "./pkg/esm/gateway/client.js";

/** The gateway's base URLs, as the package's client knows them (docs/gateway.md). */
export const GATEWAYS = ENVIRONMENTS;

/** Builder export name by scheme id; the result has none (the gateway signs it). */
export const BUILDERS = {
  paygate: "buildPaygateRequest",
  refund: "buildRefundRequest",
  lookup: "buildLookupRequest",
};

/** A POSIX shell single-quoted word. */
function shellQuote(text) {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** `curl` sending exactly `json` (no trailing newline added, unlike a here-document). */
export function curlCommand({ method, url, json, withToken }) {
  const lines = [`curl -X ${method} ${shellQuote(url)}`];
  if (withToken) lines.push(`  -H "Authorization: $LGSP_TOKEN"`);
  lines.push(`  -H 'Content-Type: application/json;charset=UTF-8'`);
  lines.push(`  --data-raw ${shellQuote(json)}`);
  return lines.join(" \\\n");
}

function indentJson(value, depth) {
  return JSON.stringify(value, null, 2).replaceAll("\n", `\n${"  ".repeat(depth)}`);
}

/** A Node (ES module) program that builds the same body with the package and sends it. */
export function nodeSnippet({ scheme, method, url, fields, partnerCode, accessKey }) {
  if (scheme === "result") {
    return [
      `import { checksum } from "lgsp-paygate";`,
      ``,
      `// A payment result as the gateway PUTs it to returnUrl (no secret in this checksum).`,
      `const fields = ${indentJson(fields, 0)};`,
      `const body = JSON.stringify({ ...fields, checksum: checksum("result", fields) });`,
      ``,
      `const response = await fetch(${JSON.stringify(url)}, {`,
      `  method: ${JSON.stringify(method)},`,
      `  headers: { "Content-Type": "application/json;charset=UTF-8" },`,
      `  body,`,
      `});`,
      `console.log(response.status, await response.text()); // {"error_code":"SUCCESSFUL",...} expected`,
    ].join("\n");
  }
  const builder = BUILDERS[scheme];
  return [
    `import { ${builder}, parseGatewayResponse } from "lgsp-paygate";`,
    ``,
    `const credentials = {`,
    `  partnerCode: ${JSON.stringify(partnerCode)},`,
    `  accessKey: ${JSON.stringify(accessKey)},`,
    `  secretKey: process.env.LGSP_SECRET_KEY,`,
    `};`,
    `const { json } = ${builder}(${indentJson(fields, 0)}, credentials);`,
    ``,
    `const response = await fetch(${JSON.stringify(url)}, {`,
    `  method: ${JSON.stringify(method)},`,
    `  headers: { Authorization: process.env.LGSP_TOKEN, "Content-Type": "application/json;charset=UTF-8" },`,
    `  body: json,`,
    `});`,
    `console.log(parseGatewayResponse(${JSON.stringify(scheme)}, await response.text()));`,
  ].join("\n");
}
