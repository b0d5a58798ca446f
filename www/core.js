// The WebAssembly core, loaded once. Every checksum, pre-image, explanation and diagnosis the
// page shows comes from here; the page's own code only moves values between the core and the DOM.
// The package's core module, without its embedded copies of the .wasm files: the page fetches the
// full core and the hash module of the checksum hot path itself (smaller over the wire than their
// base64) and hands them, with the core's glue, to the package's loader.
import init, * as wasm from "./pkg/esm/core/functions.js";
import * as glue from "./pkg/esm/core/wasm-glue.js";
import { provideModule } from "./pkg/esm/core/loader.js";

/** The exports the debugger needs, by what they are for. */
const NEEDED = [
  "schemes", "checksum", "validate", "decodeAuthorization",
  "buildPaygateRequest", "buildRefundRequest", "buildLookupRequest",
  "analyse", "explain", "parseLoose",
];

/** The module's exports (after `load()`). */
export const core = wasm;

/** A module of the package, fetched and compiled (whatever type the server gives a .wasm). */
async function compiled(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Instantiates the modules; resolves with the names of needed exports this build lacks. */
export async function load() {
  const [coreModule, hashModule] = await Promise.all([
    compiled(new URL("./pkg/lgsp_paygate_bg.wasm", import.meta.url)),
    compiled(new URL("./pkg/lgsp_paygate_hash.wasm", import.meta.url)),
  ]);
  provideModule({ glue: () => glue, core: coreModule, hash: hashModule });
  await init();
  return NEEDED.filter((name) => typeof wasm[name] !== "function");
}
