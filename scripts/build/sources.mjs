// Steps 2 and 4: the hand-written ES modules copied into esm/ as they are, and the CommonJS
// build made from esm/ one module at a time.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cjsSourceDir, esmSourceDir, fail, filesUnder, root } from './common.mjs';

/** Modules only the ES build has: the CLI (the manifest's `bin`) and the Workers entry. */
const esmOnly = new Set([
  'node/cli/cli.js', 'node/cli/commands.js', 'node/cli/format.js', 'node/cli/io.js', 'node/cli/version.js', 'node/conformance/cli.js', 'workerd.js', 'core/wasm-workerd.js',
]);

/** The ES-module sources must stay ES modules, with static imports only; a slip fails here. */
function checkSource(file, text) {
  const where = path.relative(root, file);
  const problems = [
    [/\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w+\s*=/, 'CommonJS (require/module.exports): the sources are ES modules'],
    [/__dirname|__filename|import\.meta|readFileSync\([^)]*(\.wasm|__dirname)/, 'finds files at run time (__dirname, import.meta)'],
    [/\bimport\s*\(\s*[^'"\s]/, 'a dynamic import() of a computed specifier, which bundlers cannot follow'],
  ];
  for (const [pattern, what] of problems) {
    if (pattern.test(text)) fail(`${where}: ${what}`);
  }
}

/** A module written for CommonJS requires only the package's own files, by literal relative paths. */
function checkCommonJs(name, text) {
  const where = path.relative(root, path.join(cjsSourceDir, name));
  if (/__dirname|__filename|import\.meta|readFileSync/.test(text)) fail(`${where}: finds files at run time`);
  for (const [, specifier] of text.matchAll(/\brequire\s*\(([^)]*)\)/g)) {
    if (!/^"\.\.?\/[\w./-]+\.js"$/.test(specifier.trim())) fail(`${where}: require(${specifier}) is not a literal relative "./file.js"`);
  }
  if (!fs.existsSync(path.join(esmSourceDir, name))) fail(`${where}: no ES module at the same path in pkg-template/esm/`);
}

/** Copies the hand-written modules and declarations into esmDir, folders and all; returns their paths. */
export function copySources(esmDir) {
  const names = filesUnder(esmSourceDir);
  for (const name of names) {
    const text = fs.readFileSync(path.join(esmSourceDir, name), 'utf8');
    if (name.endsWith('.js')) checkSource(path.join(esmSourceDir, name), text);
    fs.mkdirSync(path.dirname(path.join(esmDir, name)), { recursive: true });
    fs.writeFileSync(path.join(esmDir, name), text);
  }
  return names;
}

/**
 * The ES modules of esmDir made CommonJS in cjsDir, one file each, by the TypeScript compiler's
 * transpiler: a real CommonJS build, not a createRequire face over the other. The few modules
 * written for CommonJS itself (pkg-template/cjs/, same paths) take the place of their transpile.
 */
export function writeCommonJs(esmDir, cjsDir) {
  const ts = createRequire(import.meta.url)('typescript');
  const files = [];
  const written = new Set(filesUnder(cjsSourceDir));
  for (const name of filesUnder(esmDir)) {
    if (esmOnly.has(name) || name === 'package.json') continue;
    fs.mkdirSync(path.dirname(path.join(cjsDir, name)), { recursive: true });
    if (name.endsWith('.d.ts')) {
      fs.copyFileSync(path.join(esmDir, name), path.join(cjsDir, name));
      continue;
    }
    if (!name.endsWith('.js')) continue;
    if (written.delete(name)) {
      const text = fs.readFileSync(path.join(cjsSourceDir, name), 'utf8');
      checkCommonJs(name, text);
      fs.writeFileSync(path.join(cjsDir, name), text);
      files.push(`${name} (written for CommonJS)`);
      continue;
    }
    const { outputText, diagnostics } = ts.transpileModule(fs.readFileSync(path.join(esmDir, name), 'utf8'), {
      fileName: name,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        removeComments: false,
      },
    });
    if (diagnostics?.length) fail(`cjs/${name}: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
    fs.writeFileSync(path.join(cjsDir, name), outputText);
    files.push(name);
  }
  if (written.size > 0) fail(`pkg-template/cjs/ has modules the ES build does not: ${[...written].join(', ')}`);
  return files;
}
