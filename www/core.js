// The WebAssembly core, loaded once. Every checksum, pre-image, explanation and diagnosis the
// page shows comes from here; the page's own code only moves values between the core and the DOM.
// The package's core module, without its embedded copy of the .wasm: the page fetches the .wasm file
// itself (smaller over the wire than its base64), as `init()` accepts a URL.
import init, * as wasm from "./pkg/esm/lgsp_paygate.js";

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
  await init(new URL("./pkg/lgsp_paygate_bg.wasm", import.meta.url));
  return NEEDED.filter((name) => typeof wasm[name] !== "function");
}
