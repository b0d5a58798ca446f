// Every ```js / ```mjs (ESM) and ```cjs block of every documentation page, English and Vietnamese
// (the repository README, the package README and docs/), runs against the installed package, and
// the ```js, ```mjs and ```ts blocks compile with `tsc --strict`. The framework recipes run in
// recipes.test.mjs; ```js-browser and ```js-workers blocks are left to other layers
// (tests/consumers runs the Workers handler, and builds the Next.js one).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import contract from './support/contract.cjs';
import { documentationPages, englishPages, fencedBlocks, read, REPOSITORY } from './support/docs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// Blocks are written inside the consumer project, where 'lgsp-paygate' is the installed tarball.
const projectDir = path.resolve(here, '..', '..');
const blocksDir = path.join(projectDir, 'readme-blocks');
const RUNNABLE = { js: '.mjs', mjs: '.mjs', cjs: '.cjs' };

/**
 * Secret values a block writes down literally: the first string literal on a `secretKey:` or
 * `secretKey =` line, and a literal third argument of checksum(), preimage() or verify().
 */
function literalSecrets(code) {
  const found = [];
  for (const m of code.matchAll(/["']?secretKey["']?\s*[:=][^\n]*?(["'`])([^"'`\n]{6,})\1/gi)) found.push(m[2]);
  for (const m of code.matchAll(/\b(?:checksum|preimage|verify)\([^()\n]*?,[^()\n]*?,\s*(["'`])([^"'`\n]{6,})\1/g)) found.push(m[2]);
  return found;
}

/** Base64 runs in the output that decode to text containing a secret (an Authorization token). */
function leaksThroughBase64(output, secret) {
  for (const run of output.match(/[A-Za-z0-9+/]{24,}={0,2}/g) ?? []) {
    if (Buffer.from(run, 'base64').toString('utf8').includes(secret)) return true;
  }
  return false;
}

/** A framework recipe (docs/receiving-results.md, "Framework recipes"): run by recipes.test.mjs. */
const isRecipe = (block) => /from "\.\/payments\.js"/.test(block.code);

const pages = documentationPages().map((name) => ({ name, text: read(name), blocks: fencedBlocks(read(name)) }));
const fileName = (name) => name.replace(/\W+/g, '-');

for (const page of pages) {
  const runnable = page.blocks.filter((b) => b.tag in RUNNABLE && !isRecipe(b));
  if (runnable.length === 0) continue;
  test(`${page.name}: runnable examples`, async (t) => {
    fs.mkdirSync(blocksDir, { recursive: true });
    for (const [n, block] of runnable.entries()) {
      const title = `"${block.heading}" (${block.tag} block at line ${block.line})`;
      await t.test(title, () => {
        const file = path.join(blocksDir, `${fileName(page.name)}-${n}${RUNNABLE[block.tag]}`);
        fs.writeFileSync(file, block.code);
        const env = { ...process.env };
        delete env.LGSP_SECRET_KEY; // the examples fall back to their literal sample secret
        const run = spawnSync(process.execPath, [file], { cwd: projectDir, env, encoding: 'utf8', timeout: 60_000 });
        const output = `${run.stdout}${run.stderr}`;
        assert.equal(run.status, 0, `${page.name} ${title} failed:\n${output}`);
        for (const secret of literalSecrets(block.code)) {
          assert.ok(!output.includes(secret), `${page.name} ${title} prints a secret key`);
          assert.ok(!leaksThroughBase64(output, secret), `${page.name} ${title} prints a token that carries a secret key`);
        }
      });
    }
  });
}

test('the English pages show every function in a runnable example, in ES modules, CommonJS and a page', () => {
  const blocks = englishPages().flatMap((p) => fencedBlocks(p.text));
  const code = blocks.filter((b) => b.tag in RUNNABLE).map((b) => b.code).join('\n');
  for (const name of contract.EXPORTED_FUNCTIONS) {
    assert.match(code, new RegExp(`\\b${name}\\(`), `a runnable example calls ${name}()`);
  }
  assert.ok(blocks.some((b) => b.tag === 'cjs'), 'a CommonJS example');
  assert.ok(blocks.some((b) => b.tag === 'js' || b.tag === 'mjs'), 'an ESM example');
  assert.ok(blocks.some((b) => b.tag === 'js-browser' && /await init\(/.test(b.code)), 'a browser example that awaits init()');
});

test('the package README is a short front door with a table of contents and the three tasks', () => {
  const readme = pages.find((p) => p.name === 'pkg-template/README.md');
  const lines = readme.text.split('\n').length;
  assert.ok(lines <= 330, `pkg-template/README.md has ${lines} lines`);
  assert.match(readme.text, /^## Contents$/m);
  for (const heading of ['Install', 'Sign and send a payment', 'Handle the returnUrl safely', 'Why the gateway says SIGNTURE_WRONG', 'Go-live checklist']) {
    assert.match(readme.text, new RegExp(`^## ${heading}$`, 'm'), `a section "${heading}"`);
  }
  for (const word of ['explain', '--compare', 'diagnose', 'comparePreimage', 'make serve']) assert.ok(readme.text.includes(word), `the SIGNTURE_WRONG section names ${word}`);
  assert.match(readme.text, /integrity/i, 'says a verified result proves integrity');
  assert.match(readme.text, /origin/i, 'says it does not prove origin');
});

/**
 * Type-checks blocks with `tsc --strict` against the installed declarations, each as its own ES
 * module: JavaScript as .mjs with checkJs (strict applies to it as to TypeScript: no implicit any,
 * `unknown` in catch, null checks), TypeScript as .mts. `asTypeScript` blocks are also checked
 * as .mts, as a TypeScript user would paste them. Returns tsc's output, empty when all compile.
 */
function typeCheck(blocks, asTypeScript) {
  const dir = path.join(blocksDir, 'tsc');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  const write = (file, code) => {
    fs.writeFileSync(path.join(dir, file), code);
    files.push(file);
  };
  for (const block of blocks) {
    const stem = `${fileName(block.page)}-line-${block.line}`;
    write(`${stem}.${block.tag === 'ts' ? 'mts' : 'mjs'}`, block.code);
    if (block.tag !== 'ts' && asTypeScript(block)) write(`${stem}-as-ts.mts`, block.code);
  }
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, allowJs: true, checkJs: true, module: 'node16', moduleResolution: 'node16', target: 'es2022',
      lib: ['es2022'], types: ['node'], skipLibCheck: true,
    },
    files,
  }));
  const tsc = path.join(projectDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  return run.status === 0 ? '' : `${run.stdout}${run.stderr}`;
}

test('every page\'s examples compile with tsc --strict, the node:http handler also as TypeScript', () => {
  const checked = pages.flatMap((p) => p.blocks.map((b) => ({ ...b, page: p.name })))
    .filter((b) => (b.tag === 'js' || b.tag === 'mjs' || b.tag === 'ts') && !isRecipe(b));
  const isHandler = (b) => b.code.includes('node:http') && b.code.includes('handlePaymentResult(');
  for (const name of ['pkg-template/README.md', 'pkg-template/README.vi.md']) {
    assert.ok(checked.some((b) => b.page === name && isHandler(b)), `${name} has the node:http handler`);
  }
  assert.ok(checked.some((b) => b.tag === 'ts'), 'and TypeScript blocks');
  assert.equal(typeCheck(checked, isHandler), '', `every block type-checks (repository: ${REPOSITORY})`);
});
