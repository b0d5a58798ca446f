// The WebAssembly core, instantiated once in the page and once in each Worker, from the modules the
// page compiled (www/loading.js). Every checksum, pre-image, explanation and diagnosis the page
// shows comes from here; the page's own code only moves values between the core and the DOM.
// The package's core module is imported without its embedded copies of the .wasm files: the
// page hands the package's loader the compiled modules and the core's glue.
import init, * as wasm from "./pkg/esm/core/functions.js";
import * as glue from "./pkg/esm/core/wasm-glue.js";
import { provideModule } from "./pkg/esm/core/loader.js";

/** The exports the debugger needs, by what they are for. */
const NEEDED = [
  "schemes", "checksum", "validate", "decodeAuthorization",
  "buildPaygateRequest", "buildRefundRequest", "buildLookupRequest",
  "analyse", "explain", "parseLoose",
];

/** The module's exports (after `start()`). */
export const core = wasm;

/**
 * Instantiates the core from `modules` (`{ core, hash }`, compiled WebAssembly.Modules);
 * resolves with the names of needed exports this build lacks.
 */
export async function start(modules) {
  provideModule({ glue: () => glue, core: modules.core, hash: modules.hash });
  await init();
  return NEEDED.filter((name) => typeof wasm[name] !== "function");
}
