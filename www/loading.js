// How the page gets its WebAssembly and its Workers. Both modules are compiled once, in the page,
// and each Worker is handed them by postMessage (a compiled WebAssembly.Module can be posted), so
// a Worker fetches and compiles nothing. Where the bytes and the Worker's script come from is
// assets.js: files beside the page when it is served; the page itself when it is one file, for
// which scripts/build-page.mjs puts assets-inline.js in its place.
import { start } from "./core.js";
import { compileModules, startWorker } from "./assets.js";

/** The compiled modules, once `load()` has them. */
let modules = null;

/** Compiles both modules and instantiates the core in the page; resolves as `start()` does. */
export async function load() {
  modules = await compileModules();
  return start(modules);
}

/** A Worker running the core (www/worker.js), handed the page's modules; throws where none can start. */
export function startCoreWorker() {
  const worker = startWorker();
  try {
    worker.postMessage({ modules });
  } catch (error) {
    // A browser that cannot post a compiled module: no Worker, the page computes.
    worker.terminate();
    throw error;
  }
  return worker;
}
