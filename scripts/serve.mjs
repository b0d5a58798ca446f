#!/usr/bin/env node
// Static server for the debugger page: www/ at `/`, the built package (pkg/, the page uses pkg/esm/) at `/pkg/`.
// Usage: node scripts/serve.mjs [--port 8080] [--host 127.0.0.1]   (--port 0 picks a free port)
// Prints the page's URL once listening. Development only: no caching, strict CSP (the same policy
// www/index.html carries in a meta element, plus frame-ancestors, which only a header can set).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// URL prefix -> directory; the longest matching prefix wins.
const mounts = [
  { prefix: "/pkg/", dir: path.join(root, "pkg") },
  { prefix: "/", dir: path.join(root, "www") },
];

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

/** The file a request path names, or null when it is outside every mount or not a plain path. */
function resolveFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const mount = mounts.find(({ prefix }) => decoded.startsWith(prefix));
  if (!mount) return null;
  const segments = decoded.slice(mount.prefix.length).split("/");
  // No "..", no "." and no hidden files; an empty last segment means the directory's index.
  if (segments.some((s, i) => s.startsWith(".") || (s === "" && i !== segments.length - 1))) {
    return null;
  }
  const file = path.join(mount.dir, ...segments.map((s) => s || "index.html"));
  return file.startsWith(mount.dir + path.sep) ? file : null;
}

async function readServable(file) {
  try {
    // Symbolic links must not lead out of the mounted directory either.
    const real = await fs.promises.realpath(file);
    const realRoot = await fs.promises.realpath(mounts.find((m) => file.startsWith(m.dir + path.sep)).dir);
    if (!real.startsWith(realRoot + path.sep)) return null;
    const stat = await fs.promises.stat(real);
    return stat.isFile() ? await fs.promises.readFile(real) : null;
  } catch {
    return null;
  }
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
  const file = urlPath.startsWith("/") ? resolveFile(urlPath) : null;
  const body = file && (await readServable(file));
  if (!body) {
    send(response, 404, { "Content-Type": "text/plain; charset=utf-8" }, Buffer.from("not found\n"), head);
    return;
  }
  const type = mimeTypes[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  send(response, 200, { "Content-Type": type }, body, head);
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
if (!fs.existsSync(path.join(root, "pkg", "esm"))) {
  console.error("serve: pkg/esm/ is missing; run `make pkg` first (the page will not load without it)");
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
  console.log(`Serving www/ and pkg/ at http://${host}:${actualPort}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
