// A strict TypeScript consumer of the conformance kit, type-checked (never run) as CommonJS and as
// an ES module against the installed declarations.
import { createClient, runConformance, startMockGateway } from "lgsp-paygate";
import type { ConformanceCheckId, ConformanceGateway, ConformanceReport, MockRequest } from "lgsp-paygate";
import type { IsAny } from "./type-assert.js"; // tests/ts/type-assert.ts: run-packed.mjs checks these files side by side in one folder


async function grade(): Promise<boolean> {
  const report: ConformanceReport = await runConformance({
    returnUrl: "http://127.0.0.1:3000/lgsp/return",
    port: 0,
    async createOrder(gateway: ConformanceGateway) {
      const client = createClient({ environment: { baseUrl: gateway.url }, credentials: gateway.credentials });
      const baseUrl: string | undefined = gateway.env["LGSP_BASE_URL"];
      void baseUrl;
      await client.createPayment({
        orderId: "SBN_1", amount: 40000, orderInfo: "Lệ phí", requestCode: "1", serviceCode: "hcm_dichvucong",
        returnUrl: "http://127.0.0.1:3000/lgsp/return", ipAddress: "127.0.0.1", accountCode: "payment_test",
      });
    },
  });
  for (const check of report.checks) {
    const id: ConformanceCheckId = check.id;
    const fix: string | null = check.fix;
    void [id, fix, check.saw, check.readme];
  }
  // @ts-expect-error createOrder is required
  await runConformance({ returnUrl: "http://127.0.0.1:3000/lgsp/return" });

  const seen: MockRequest[] = [];
  const mock = await startMockGateway({ onRequest: (request) => seen.push(request) });
  const result: string = mock.settle("SBN_1", "pay", { amount: 4000 });
  void result;
  await mock.close();
  return report.passed;
}

const notAny: IsAny<typeof runConformance> extends true ? never : true = true;
void [grade, notAny];
