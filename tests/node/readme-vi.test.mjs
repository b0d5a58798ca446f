// The Vietnamese package README: its code is the English README's code (comments aside), it
// covers what it promises (quick tour, the returnUrl handler with the lookup step and why, every
// error code, the command line) in the gateway's own terms, both READMEs link to it, and it ships
// in the package with the changelog. Its blocks also run and type-check in readme.test.mjs.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CLIENT_ERROR_CODES, LGSP_ERROR_CODES } from 'lgsp-paygate';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const projectDir = path.resolve(here, '..', '..');
const read = (...parts) => fs.readFileSync(path.join(projectDir, ...parts), 'utf8');
const english = read('pkg-template', 'README.md');
const vietnamese = read('pkg-template', 'README.vi.md');
const installedDir = path.dirname(require.resolve('lgsp-paygate/package.json'));

/** Fenced code blocks with their tag. */
const blocks = (markdown) => [...markdown.matchAll(/^```([\w-]*)\n([\s\S]*?)^```$/gm)].map(([, tag, code]) => ({ tag, code }));

/** The code without its `//` comments (a `//` at a line start or after white space; a URL's stays) and trailing space. */
const withoutComments = (code) => code.split('\n').map((line) => line.replace(/(^|\s)\/\/.*$/, '').trimEnd()).filter((line) => line !== '').join('\n');

const CODE_TAGS = new Set(['js', 'mjs', 'cjs', 'js-browser', 'ts']);

test('every code block of README.vi.md is one of the English README, comments aside', () => {
  const englishCode = new Set(blocks(english).filter((b) => CODE_TAGS.has(b.tag)).map((b) => `${b.tag}\n${withoutComments(b.code)}`));
  const code = blocks(vietnamese).filter((b) => CODE_TAGS.has(b.tag));
  assert.ok(code.length >= 5, 'README.vi.md has code examples');
  for (const block of code) {
    assert.ok(englishCode.has(`${block.tag}\n${withoutComments(block.code)}`), `this ${block.tag} block is not in README.md:\n${block.code}`);
  }
  const commands = (markdown) => blocks(markdown).filter((b) => b.tag === 'sh').flatMap((b) => b.code.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim()).filter((line) => line.startsWith('npx lgsp-paygate'));
  const englishCommands = new Set(commands(english));
  for (const command of commands(vietnamese)) assert.ok(englishCommands.has(command), `the English README shows ${command}`);
});

test('README.vi.md covers the quick tour, the returnUrl handler with the lookup step, the error codes and the command line', () => {
  const runnable = blocks(vietnamese).filter((b) => b.tag === 'js' || b.tag === 'cjs').map((b) => b.code);
  for (const name of ['buildPaygateRequest', 'checksum', 'verify', 'diagnose', 'handlePaymentResult', 'confirmPayment', 'isLgspError']) {
    assert.ok(runnable.some((code) => new RegExp(`\\b${name}\\(`).test(code)), `a runnable example calls ${name}()`);
  }
  const walkThrough = runnable.find((code) => code.includes('node:http'));
  assert.ok(walkThrough && walkThrough.indexOf('confirmPayment(') > walkThrough.indexOf('handlePaymentResult('), 'the returnUrl handler confirms after reading');
  assert.match(vietnamese, /Vì sao phải tra cứu giao dịch/, 'says why the lookup is needed');
  assert.match(vietnamese, /`PAYHCM1\.0`, không dùng khóa bí mật/, 'because the result checksum has no secret');
  assert.match(vietnamese, /tính toàn vẹn/);
  assert.match(vietnamese, /nguồn gốc/);
  for (const code of LGSP_ERROR_CODES) assert.ok(vietnamese.includes(`| \`${code}\``), `the error tables name ${code}`);
  for (const code of ['SUCCESSFUL', 'FAILED', 'PARAM_ERROR', 'SIGNTURE_WRONG', 'ORDER_EXITS', 'NOT_EXITS', 'NOT_AUTHORIZED', 'ACCOUNT_NOT_EXIST']) {
    assert.ok(vietnamese.includes(`| \`${code}\``), `the gateway's ${code} is explained`);
  }
  for (const code of ['MISMATCH', 'UNKNOWN_TRANSACTION', 'NOT_PAID', 'REFUNDED']) assert.ok(vietnamese.includes(`\`${code}\``), `names ${code}`);
  assert.equal(CLIENT_ERROR_CODES.every((code) => LGSP_ERROR_CODES.includes(code)), true);
  for (const command of ['checksum', 'verify', 'explain', 'token encode', 'token decode', 'mock']) {
    assert.ok(vietnamese.includes(`npx lgsp-paygate ${command}`), `shows lgsp-paygate ${command}`);
  }
  assert.match(vietnamese, /\*\*0\*\* khi mọi thứ đều đúng, \*\*1\*\* khi checksum không khớp, \*\*2\*\*/, 'the exit statuses');
});

test('README.vi.md uses the glossary terms', () => {
  for (const term of ['gói tin', 'chuỗi trước khi băm', 'khóa bí mật (secretKey)', 'giá trị băm', 'trường', 'dạng dựng sẵn (NFC)',
    'dạng tổ hợp (NFD)', 'dấu nháy cong', 'kết quả thanh toán', 'tra cứu giao dịch', 'hoàn tiền']) {
    assert.ok(vietnamese.includes(term), `uses "${term}"`);
  }
});

test('the READMEs link to each other, and the repository README to the Vietnamese one', () => {
  assert.match(english, /\[Tiếng Việt\]\(README\.vi\.md\)/);
  assert.match(vietnamese, /\[English\]\(README\.md\)/);
  assert.match(read('README.md'), /\]\(pkg-template\/README\.vi\.md\)/);
});

test('README.vi.md and CHANGELOG.md ship in the package, as written', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(installedDir, 'package.json'), 'utf8'));
  for (const [name, source] of [['README.vi.md', path.join('pkg-template', 'README.vi.md')], ['CHANGELOG.md', 'CHANGELOG.md']]) {
    assert.ok(manifest.files.includes(name), `"files" lists ${name}`);
    assert.equal(fs.readFileSync(path.join(installedDir, name), 'utf8'), read(source), `the installed ${name} is the repository's`);
  }
  const changelog = read('CHANGELOG.md');
  assert.match(changelog, /^## \[Unreleased\]$/m);
  assert.ok(changelog.includes(`## [${manifest.version}]`), `the changelog describes ${manifest.version}`);
});
