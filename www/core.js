// The WebAssembly core, loaded once. Every checksum, pre-image, explanation and diagnosis the
// page shows comes from here; the page's own code only moves values between the core and the DOM.
import init, * as wasm from "./pkg/lgsp_paygate.js";

/** The exports the debugger needs, by what they are for. */
const NEEDED = [
  "schemes", "checksum", "validate", "decodeAuthorization",
  "buildPaygateRequest", "buildRefundRequest", "buildLookupRequest",
  "explain", "diagnose", "parseLoose", "detectScheme",
];

/** The module's exports (after `load()`). */
export const core = wasm;

/** Instantiates the module; resolves with the names of needed exports this build lacks. */
export async function load() {
  await init();
  return NEEDED.filter((name) => typeof wasm[name] !== "function");
}
