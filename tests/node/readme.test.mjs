// Every ```js / ```mjs (ESM) and ```cjs block of README.md and pkg-template/README.md runs
// against the installed package (the framework recipes in recipes.test.mjs); ```js-browser and
// ```ts blocks are left to other layers.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import contract from './support/contract.cjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectDir = path.resolve(here, '..', '..');
const blocksDir = path.join(projectDir, 'readme-blocks');
const READMES = ['README.md', path.join('pkg-template', 'README.md'), path.join('pkg-template', 'README.vi.md')];
const RUNNABLE = { js: '.mjs', mjs: '.mjs', cjs: '.cjs' };
const THROWN_CODES = ['UNKNOWN_SCHEME', 'MISSING_FIELD', 'MISSING_SECRET', 'INVALID_FIELD', 'INVALID_ARGUMENT', 'INVALID_JSON', 'INVALID_TOKEN', 'INVALID_MESSAGE'];

/** Fenced blocks with their info tag and the nearest heading above them. */
function fencedBlocks(markdown) {
  const blocks = [];
  let heading = '(top)';
  let open = null;
  markdown.split('\n').forEach((line, index) => {
    const fence = /^(```+)\s*([\w-]*)/.exec(line);
    if (open) {
      if (fence && fence[1].length >= open.fence.length && fence[2] === '') {
        blocks.push({ tag: open.tag, heading: open.heading, line: open.line, code: open.lines.join('\n') + '\n' });
        open = null;
      } else {
        open.lines.push(line);
      }
    } else if (fence) {
      open = { fence: fence[1], tag: fence[2], heading, line: index + 1, lines: [] };
    } else if (/^#{1,6}\s/.test(line)) {
      heading = line.replace(/^#+\s*/, '').trim();
    }
  });
  assert.equal(open, null, 'every fence is closed');
  return blocks;
}

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

/** A framework recipe (pkg-template/README.md, "Framework recipes"): run by recipes.test.mjs. */
const isRecipe = (block) => /from "\.\/payments\.js"/.test(block.code);

const readmes = READMES.map((name) => {
  const file = path.join(projectDir, name);
  return { name, text: fs.readFileSync(file, 'utf8'), blocks: fencedBlocks(fs.readFileSync(file, 'utf8')) };
});

for (const readme of readmes) {
  test(`${readme.name}: runnable examples`, async (t) => {
    // The framework recipes import the unit's own ./payments.js: recipes.test.mjs runs them.
    const runnable = readme.blocks.filter((b) => b.tag in RUNNABLE && !isRecipe(b));
    assert.ok(runnable.length > 0, `${readme.name} has runnable examples`);
    fs.mkdirSync(blocksDir, { recursive: true });
    for (const [n, block] of runnable.entries()) {
      const title = `"${block.heading}" (${block.tag} block at line ${block.line})`;
      await t.test(title, () => {
        const file = path.join(blocksDir, `${readme.name.replace(/\W+/g, '-')}-${n}${RUNNABLE[block.tag]}`);
        fs.writeFileSync(file, block.code);
        const env = { ...process.env };
        delete env.LGSP_SECRET_KEY; // the examples fall back to their literal sample secret
        const run = spawnSync(process.execPath, [file], { cwd: projectDir, env, encoding: 'utf8', timeout: 60_000 });
        const output = `${run.stdout}${run.stderr}`;
        assert.equal(run.status, 0, `${readme.name} ${title} failed:\n${output}`);
        for (const secret of literalSecrets(block.code)) {
          assert.ok(!output.includes(secret), `${readme.name} ${title} prints a secret key`);
          assert.ok(!leaksThroughBase64(output, secret), `${readme.name} ${title} prints a token that carries a secret key`);
        }
      });
    }
  });
}

test('pkg-template/README.md shows every function in a runnable example', () => {
  const readme = readmes.find((r) => r.name.startsWith('pkg-template'));
  const code = readme.blocks.filter((b) => b.tag in RUNNABLE).map((b) => b.code).join('\n');
  for (const name of contract.EXPORTED_FUNCTIONS) {
    assert.match(code, new RegExp(`\\b${name}\\(`), `a runnable example calls ${name}()`);
  }
  assert.ok(readme.blocks.some((b) => b.tag === 'cjs'), 'a CommonJS example');
  assert.ok(readme.blocks.some((b) => b.tag === 'js' || b.tag === 'mjs'), 'an ESM example');
  assert.ok(readme.blocks.some((b) => b.tag === 'js-browser' && /await init\(/.test(b.code)), 'a browser example that awaits init()');
});

test('pkg-template/README.md documents every thrown code and the result-scheme caveat', () => {
  const readme = readmes.find((r) => r.name.startsWith('pkg-template'));
  for (const code of THROWN_CODES) assert.ok(readme.text.includes(code), `documents ${code}`);
  assert.match(readme.text, /integrity/i, 'says a verified result proves integrity');
  assert.match(readme.text, /origin/i, 'says it does not prove origin');
});

/**
 * Type-checks blocks with `tsc --strict` against the installed declarations, each as its own ES
 * module: JavaScript as .mjs with checkJs (strict applies to it as to TypeScript: no implicit any,
 * `unknown` in catch, null checks), TypeScript as .mts. `asTypeScript` blocks are also checked
 * as .mts, as a TypeScript user would paste them. Returns tsc's output, empty when all compile.
 */
function typeCheck(name, blocks, asTypeScript) {
  const dir = path.join(blocksDir, `tsc-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  const write = (file, code) => {
    fs.writeFileSync(path.join(dir, file), code);
    files.push(file);
  };
  for (const [n, block] of blocks.entries()) {
    write(`block-${n}-line-${block.line}.${block.tag === 'ts' ? 'mts' : 'mjs'}`, block.code);
    if (block.tag !== 'ts' && asTypeScript(block)) write(`block-${n}-line-${block.line}-as-ts.mts`, block.code);
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
  const run = spawnSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return run.status === 0 ? '' : `${run.stdout}${run.stderr}`;
}

for (const name of READMES) {
  test(`${name}: the examples compile with tsc --strict, the node:http walk-through also as TypeScript`, () => {
    const readme = readmes.find((r) => r.name === name);
    const checked = readme.blocks.filter((b) => (b.tag === 'js' || b.tag === 'mjs' || b.tag === 'ts') && !isRecipe(b));
    const isWalkThrough = (b) => b.code.includes('node:http') && b.code.includes('handlePaymentResult(');
    assert.ok(checked.length > 0, 'it has examples');
    if (name.startsWith('pkg-template')) assert.ok(checked.some(isWalkThrough), 'the walk-through is among them');
    if (name === path.join('pkg-template', 'README.md')) assert.ok(checked.some((b) => b.tag === 'ts'), 'and a TypeScript block');
    assert.equal(typeCheck(name.replace(/\W+/g, '-'), checked, isWalkThrough), '', 'every block type-checks');
  });
}
