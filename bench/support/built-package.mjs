// The built package the benchmarks measure: pkg/ (`make pkg`), or the build in LGSP_PKG_DIR.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pkgDir = process.env.LGSP_PKG_DIR ? path.resolve(process.env.LGSP_PKG_DIR) : path.join(repo, 'pkg');

/** The package as `require` gives it; exits 1 with a hint when it is not built. */
export function loadPackage() {
  if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
    console.error(`${path.relative(repo, pkgDir) || pkgDir}/ is not built: run \`make pkg\` first`);
    process.exit(1);
  }
  return createRequire(import.meta.url)(pkgDir);
}
