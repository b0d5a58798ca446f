import type { ClientCredentials } from "../../gateway/client.js";

/** The id of each check the conformance kit runs, in the order it runs them. */
export type ConformanceCheckId =
  | "genuine-paid" | "forged-amount" | "forged-transaction" | "bad-checksum"
  | "unknown-order" | "duplicate" | "failed-payment" | "malformed"
  | "record-failed" | "record-refunded" | "record-pending"
  | "lookup-reading-table" | "lookup-reading-example" | "citizen-return" | "recheck-after-failed-lookup" | "refund-result";

/** The mock gateway the unit is graded against, as createOrder and startUnit see it. */
export interface ConformanceGateway {
  /** Base URL: the unit's LGSP_BASE_URL. */
  readonly url: string;
  readonly port: number;
  /** The credentials the mock accepts (not enumerable). */
  readonly credentials: ClientCredentials;
  /** LGSP_BASE_URL, LGSP_PARTNER_CODE, LGSP_ACCESS_KEY, LGSP_SECRET_KEY, LGSP_APP_NAME, LGSP_PARTNER_CODE_CUS (not enumerable). */
  readonly env: Readonly<Record<string, string>>;
}

export interface ConformanceOptions {
  /** Where the unit takes payment results; every result the kit writes is PUT here. */
  returnUrl: string;
  /** Makes the unit create one payment through `gateway` (as it would in production); 15 s at most. */
  createOrder: (gateway: ConformanceGateway) => unknown | Promise<unknown>;
  /** The mock gateway's port on 127.0.0.1; 0 or absent: any free port. */
  port?: number;
  /** The unit's credentials; absent: throwaway ones (read them from `gateway.credentials`). */
  credentials?: ClientCredentials;
  /** Called once the mock listens, before the kit waits for the unit: start the unit here. */
  startUnit?: (gateway: ConformanceGateway) => unknown | Promise<unknown>;
  /** How long to wait for anything to answer at `returnUrl`; 30000 by default. */
  waitMs?: number;
}

export interface ConformanceCheck {
  id: ConformanceCheckId;
  passed: boolean;
  /** What the kit sent and what the unit answered (redacted, control and bidi characters escaped). */
  saw: string;
  /** What the kit sends in this check. */
  sends: string;
  /** When the check passes. */
  passesWhen: string;
  /** What to change, when it failed; null when it passed. */
  fix: string | null;
  /** The README's section on this check. */
  readme: string;
}

export interface ConformanceReport {
  /** Every check passed. */
  passed: boolean;
  returnUrl: string;
  gatewayUrl: string;
  checks: ConformanceCheck[];
}

/**
 * Plays the gateway against a unit's backend and grades it. Rejects with UNIT_UNREACHABLE when
 * nothing answers at `returnUrl`, INVALID_ARGUMENT for bad options; resolves with the report.
 */
export declare function runConformance(options: ConformanceOptions): Promise<ConformanceReport>;
