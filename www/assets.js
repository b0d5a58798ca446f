// Where the served page's WebAssembly and its Workers' script come from: the package's own .wasm
// files (pkg/, each fetched once and compiled as it downloads; index.html preloads both) and
// worker.js beside the page. The one-file page uses assets-inline.js instead (the same exports).

/** A module of the package, fetched and compiled (streamed when the server types it application/wasm). */
async function compiled(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const wasmTyped = /^application\/wasm\b/.test(response.headers.get("content-type") ?? "");
  if (wasmTyped && typeof WebAssembly.compileStreaming === "function") return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** The full core and the checksum hot path's hash module, compiled. */
export async function compileModules() {
  const [core, hash] = await Promise.all([
    compiled(new URL("./pkg/lgsp_paygate_bg.wasm", import.meta.url)),
    compiled(new URL("./pkg/lgsp_paygate_hash.wasm", import.meta.url)),
  ]);
  return { core, hash };
}

/** A new Worker running worker.js. */
export function startWorker() {
  return new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
}
