// docs/api.md (and docs/vi/api.md, its Vietnamese page) documents everything the package offers,
// found from the sources rather than from a list kept by hand: every export of the installed
// type declarations (read by the TypeScript compiler), every code of an exported `...Code` type,
// every error code the package throws (the Rust ErrorCode and ProblemCode enums, and the
// `lgspError('CODE'`, `failure('CODE'`, `rejected('CODE'`, `problem('CODE'` and `code: 'CODE'` sites of its
// JavaScript), every code of LGSP_ERROR_CODES, and every flag of the command line's option tables.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import * as lib from 'lgsp-paygate';
import { read, REPOSITORY } from './support/docs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectDir = path.resolve(here, '..', '..');
const PAGES = ['docs/api.md', 'docs/vi/api.md'];

/** Whether `text` names `name` in a code span (`name`, `name(...)`, `name.x`) or heads a section with it (`### name(...)`). */
const names = (text, name) => new RegExp(`\`${name}(\\(|\`|[ .,[])|^#{1,6} ${name}\\(`, 'm').test(text);

/** Every file under `dir` (relative to the repository) whose name matches `pattern`. */
function files(dir, pattern) {
  const found = [];
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(REPOSITORY, relative), { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (pattern.test(entry.name)) found.push(child);
    }
  };
  walk(dir);
  return found.sort();
}

/** The exports of the installed package's declarations, and the string codes of its exported `...Code` types. */
function declared() {
  const dir = path.join(projectDir, 'readme-blocks', 'api-probe');
  fs.mkdirSync(dir, { recursive: true });
  const probe = path.join(dir, 'probe.mts');
  fs.writeFileSync(probe, 'import * as lib from "lgsp-paygate";\nexport { lib };\n');
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  const program = ts.createProgram([probe], {
    module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022,
    strict: true, noEmit: true, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(probe);
  const declaration = source.statements.find(ts.isImportDeclaration);
  const module = checker.getSymbolAtLocation(declaration.moduleSpecifier);
  assert.ok(module, 'the TypeScript compiler resolves lgsp-paygate');
  const exports = checker.getExportsOfModule(module);
  const codes = new Map();
  for (const symbol of exports) {
    if (!/Code$/.test(symbol.name) || !(symbol.flags & ts.SymbolFlags.TypeAlias)) continue;
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    for (const member of type.isUnion() ? type.types : [type]) {
      if (member.isStringLiteral()) codes.set(member.value, `the type ${symbol.name}`);
    }
  }
  return { exports: exports.map((s) => s.name).filter((n) => n !== 'default'), codes };
}

/**
 * The codes of a Rust enum, by the enum's name, from src/: serialised by serde in
 * SCREAMING_SNAKE_CASE, or written by the enum's own `as_str` (`Enum::Variant => "CODE"`), one
 * arm for each variant.
 */
function rustCodes(enumName) {
  for (const file of files('src', /\.rs$/)) {
    const text = read(file);
    const m = new RegExp(`(#\\[serde\\(rename_all = "SCREAMING_SNAKE_CASE"\\)\\]\\s*)?pub enum ${enumName} \\{([\\s\\S]*?)\\n\\}`).exec(text);
    if (!m) continue;
    const variants = m[2].split('\n').map((l) => l.trim()).filter((l) => /^[A-Z]\w*,?$/.test(l)).map((l) => l.replace(/,$/, ''));
    assert.ok(variants.length > 0, `${enumName} in ${file} has variants`);
    const where = `${enumName} in ${file}`;
    // serde's SCREAMING_SNAKE_CASE: each capital starts a word (NotAPayment: NOT_A_PAYMENT).
    if (m[1]) return variants.map((v) => [v.replace(/(?!^)([A-Z])/g, '_$1').toUpperCase(), where]);
    const arms = new Map([...text.matchAll(new RegExp(`${enumName}::(\\w+) => "([A-Z][A-Z0-9_]*)"`, 'g'))].map((a) => [a[1], a[2]]));
    assert.deepEqual([...arms.keys()].sort(), [...variants].sort(), `${where}: as_str has one arm for each variant`);
    return variants.map((v) => [arms.get(v), where]);
  }
  throw new Error(`no enum ${enumName} in src/`);
}

/** The codes the package's JavaScript throws or reports: the first argument of its error helpers, and `code:` literals. */
function javascriptCodes() {
  const found = [];
  for (const file of files('pkg-template', /\.js$/)) {
    const text = read(file);
    for (const m of text.matchAll(/\b(?:lgspError|failure|rejected|problem)\(\s*'([A-Z][A-Z0-9_]+)'/g)) found.push([m[1], file]);
    for (const m of text.matchAll(/\bcode:\s*'([A-Z][A-Z0-9_]+)'/g)) found.push([m[1], file]);
  }
  assert.ok(found.some(([code]) => code === 'INPUT_TOO_LARGE'), 'the scan finds the JavaScript\'s codes');
  return found;
}

/** The command line's flags, from the `const OPTIONS = { ... }` table of each module that calls parseArgs. */
function cliFlags() {
  const found = [];
  for (const file of files('pkg-template', /\.js$/)) {
    const text = read(file);
    if (!text.includes('parseArgs(')) continue;
    const table = /const OPTIONS = \{([\s\S]*?)\n\};/.exec(text);
    assert.ok(table, `${file} calls parseArgs with an OPTIONS table`);
    for (const m of table[1].matchAll(/^\s*'?([a-z][a-z-]*)'?:\s*\{([^}]*)\}/gm)) {
      found.push([`--${m[1]}`, file]);
      const short = /short:\s*'(\w)'/.exec(m[2]);
      if (short) found.push([`-${short[1]}`, file]);
    }
  }
  assert.ok(found.length >= 10, 'the scan finds the command line\'s flags');
  return found;
}

const { exports, codes: typeCodes } = declared();

for (const page of PAGES) {
  const text = read(page);

  test(`${page} names every export of the type declarations`, () => {
    assert.ok(exports.length > 50, `${exports.length} exports`);
    const missing = exports.filter((name) => !names(text, name));
    assert.deepEqual(missing, [], `${page} does not name these exports`);
    const runtime = Object.keys(lib).filter((name) => name !== 'default');
    assert.deepEqual(runtime.filter((name) => !exports.includes(name)), [], 'every run-time export is declared');
  });

  test(`${page} documents every code the package throws or reports`, () => {
    const all = [
      ...rustCodes('ErrorCode'), ...rustCodes('ProblemCode'), ...javascriptCodes(),
      ...[...typeCodes].map(([code, where]) => [code, where]),
      ...lib.LGSP_ERROR_CODES.map((code) => [code, 'LGSP_ERROR_CODES']),
    ];
    const missing = [...new Map(all.filter(([code]) => !text.includes(`\`${code}\``))).entries()].map(([code, where]) => `${code} (${where})`);
    assert.deepEqual(missing, [], `${page} does not document these codes`);
  });

  test(`${page} documents every command-line flag`, () => {
    const missing = cliFlags().filter(([flag]) => !text.includes(`\`${flag}`)).map(([flag, file]) => `${flag} (${file})`);
    assert.deepEqual([...new Set(missing)], [], `${page} does not document these flags`);
  });
}
