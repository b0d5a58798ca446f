// Where the one-file page's WebAssembly and its Workers' script come from: the page itself.
// scripts/build-page.mjs bundles this module in place of assets.js (the same exports). The modules'
// bytes are the package's own embedded copies (pkg/esm/core/wasm-embedded.js, hash-embedded.js); the
// Workers' script is the text of the page's inert <script id="worker-source"> element, started
// from a blob: URL made from it, which the page's Content-Security-Policy allows for Workers alone.
import { CORE_BASE64 } from "./pkg/esm/core/wasm-embedded.js";
import { HASH_BASE64 } from "./pkg/esm/core/hash-embedded.js";
import { decodeBase64 } from "./pkg/esm/core/loader.js";

/** The full core and the checksum hot path's hash module, compiled. */
export async function compileModules() {
  const [core, hash] = await Promise.all([
    WebAssembly.compile(decodeBase64(CORE_BASE64)),
    WebAssembly.compile(decodeBase64(HASH_BASE64)),
  ]);
  return { core, hash };
}

/** The blob: URL of the Workers' script, made once. */
let workerUrl = null;

/**
 * A new Worker running the page's own Worker script, as a classic script: a module Worker from a
 * blob: URL does not start in a page opened from disk (its origin is opaque).
 */
export function startWorker() {
  if (workerUrl === null) {
    const source = document.getElementById("worker-source")?.textContent ?? "";
    workerUrl = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  }
  return new Worker(workerUrl);
}
