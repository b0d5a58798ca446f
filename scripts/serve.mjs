#!/usr/bin/env node
// Server for the debugger page: the page as scripts/build-page.mjs builds it from www/ and pkg/
// (index.html, style.css, and its scripts joined into app.js and worker.js) at `/`, and the built
// package (pkg/: the page fetches its two .wasm files there) at `/pkg/`.
// Usage: node scripts/serve.mjs [--port 8080] [--host 127.0.0.1]   (--port 0 picks a free port)
// Prints the page's URL once listening. Development only: no caching (the page is built again
// when a file of www/ or pkg/esm/ has changed since, when it is next loaded), gzip for whoever
// accepts it, strict CSP (the same policy www/index.html carries in a meta element, plus
// frame-ancestors, which only a header can set).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildPage } from "./build-page.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The package, at /pkg/: its files as they are on disk. */
const pkgPrefix = "/pkg/";
const pkgDir = path.join(root, "pkg");
/** What the page is built from: a change to any of these files builds it again. */
const pageSources = [path.join(root, "www"), path.join(root, "pkg", "esm")];

const mimeTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const commonHeaders = {
  "Cache-Control": "no-store",
  "Content-Security-Policy": contentSecurityPolicy,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

/** The file of pkg/ a request path names, or null when it is not a plain path inside it. */
function resolveFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\") || !decoded.startsWith(pkgPrefix)) return null;
  const segments = decoded.slice(pkgPrefix.length).split("/");
  // No "..", no "." and no hidden files, no directory.
  if (segments.some((s) => s === "" || s.startsWith("."))) return null;
  const file = path.join(pkgDir, ...segments);
  return file.startsWith(pkgDir + path.sep) ? file : null;
}

/** Files of pkg/ read so far: path -> { mtimeMs, size, body }. */
const readFiles = new Map();

async function readServable(file) {
  try {
    // Symbolic links must not lead out of pkg/ either.
    const real = await fs.promises.realpath(file);
    const realRoot = await fs.promises.realpath(pkgDir);
    if (!real.startsWith(realRoot + path.sep)) return null;
    const stat = await fs.promises.stat(real);
    if (!stat.isFile()) return null;
    // The same bytes while the file is unchanged, so their gzipped copy is made once.
    const cached = readFiles.get(real);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.body;
    const body = await fs.promises.readFile(real);
    readFiles.set(real, { mtimeMs: stat.mtimeMs, size: stat.size, body });
    return body;
  } catch {
    return null;
  }
}

/** The newest modification time among the page's sources. */
function sourcesStamp() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
  };
  for (const dir of pageSources) if (fs.existsSync(dir)) walk(dir);
  return newest;
}

/** The built page: URL path -> its bytes, and the sources' stamp it was built at. */
let page = { files: new Map(), stamp: -1 };

/** Builds the page when it was never built or a source changed since. */
async function currentPage() {
  const stamp = sourcesStamp();
  if (stamp !== page.stamp) {
    const files = await buildPage();
    page = { files: new Map(files.map(({ urlPath, text }) => [urlPath, Buffer.from(text)])), stamp };
  }
  return page;
}

/** Types worth compressing. */
const compressible = /^(text\/|application\/(json|wasm)|image\/svg)/;
/** Gzipped bodies, by the body they were made from. */
const gzipped = new WeakMap();

function gzip(body) {
  let packed = gzipped.get(body);
  if (!packed) {
    packed = zlib.gzipSync(body, { level: 9 });
    gzipped.set(body, packed);
  }
  return packed;
}

function send(response, status, headers, body, head) {
  response.writeHead(status, { ...commonHeaders, ...headers, "Content-Length": body.length });
  response.end(head ? undefined : body);
}

async function handle(request, response) {
  const head = request.method === "HEAD";
  if (request.method !== "GET" && !head) {
    send(response, 405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" },
      Buffer.from("method not allowed\n"), head);
    return;
  }
  const urlPath = (request.url ?? "/").split(/[?#]/, 1)[0];
  let name = null;
  let body = null;
  if (urlPath.startsWith(pkgPrefix)) {
    name = resolveFile(urlPath);
    body = name && (await readServable(name));
  } else {
    name = urlPath === "/" ? "/index.html" : urlPath;
    body = (await currentPage()).files.get(name) ?? null;
  }
  if (!body) {
    send(response, 404, { "Content-Type": "text/plain; charset=utf-8" }, Buffer.from("not found\n"), head);
    return;
  }
  const type = mimeTypes[path.extname(name).toLowerCase()] ?? "application/octet-stream";
  const headers = { "Content-Type": type, Vary: "Accept-Encoding" };
  if (compressible.test(type) && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
    body = gzip(body);
    headers["Content-Encoding"] = "gzip";
  }
  send(response, 200, headers, body, head);
}

const { values: options } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
  },
});
const port = Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: invalid --port ${options.port}`);
  process.exit(2);
}
try {
  await currentPage();
} catch (error) {
  console.error(`serve: the page cannot be built: ${error.message}`);
  process.exit(1);
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error) => {
    console.error(error);
    if (!response.headersSent) send(response, 500, {}, Buffer.from("internal error\n"), false);
    else response.destroy();
  });
});
server.on("error", (error) => {
  console.error(`serve: ${error.message}`);
  process.exit(1);
});
server.listen(port, options.host, () => {
  const { address, port: actualPort } = server.address();
  const host = address.includes(":") ? `[${address}]` : address;
  console.log(`Serving the debugger page (www/, built) and pkg/ at http://${host}:${actualPort}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
