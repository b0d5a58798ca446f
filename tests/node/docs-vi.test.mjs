// The Vietnamese pages (pkg-template/README.vi.md, docs/vi/) mirror the English ones: the same
// sections at the same levels, the same code (comments aside) in the same order, each page linked
// to its counterpart; and their Vietnamese keeps to docs/glossary.md: none of the terms it sets
// aside, "cổng" only in "cổng thanh toán". Their blocks also run and type-check in
// docs-code.test.mjs.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { LGSP_ERROR_CODES } from 'lgsp-paygate';
import { fencedBlocks, headings, pagePairs, read, shellCommands, withoutComments } from './support/docs.mjs';

const require = createRequire(import.meta.url);
const CODE_TAGS = new Set(['js', 'mjs', 'cjs', 'js-browser', 'js-workers', 'ts']);

/** A block as both languages must share it: code without its comments, commands without theirs, other text as is. */
function shared(block) {
  if (CODE_TAGS.has(block.tag)) return `${block.tag}\n${withoutComments(block.code)}`;
  if (block.tag === 'sh') return `sh\n${shellCommands(block.code).join('\n')}`;
  return `${block.tag}\n${block.code}`;
}

for (const { en, vi } of pagePairs()) {
  test(`${vi} mirrors ${en}`, () => {
    const english = read(en);
    const vietnamese = read(vi);
    assert.deepEqual(headings(vietnamese).map((h) => h.level), headings(english).map((h) => h.level), 'the same sections at the same levels');
    const ours = fencedBlocks(vietnamese).map(shared);
    const theirs = fencedBlocks(english).map(shared);
    assert.equal(ours.length, theirs.length, 'as many blocks');
    ours.forEach((block, i) => assert.equal(block, theirs[i], `block ${i + 1} differs beyond its comments`));
    const back = path.posix.relative(path.posix.dirname(vi), en);
    const there = path.posix.relative(path.posix.dirname(en), vi);
    assert.ok(vietnamese.includes(`[English](${back})`), `${vi} links to ${back}`);
    assert.ok(english.includes(`[Tiếng Việt](${there})`), `${en} links to ${there}`);
  });
}

/** The glossary's terms set aside: every quoted term in the "not" column of its tables. */
function setAside() {
  const terms = [];
  let column = -1;
  for (const line of read('docs/glossary.md').split('\n')) {
    if (!line.startsWith('|')) {
      column = -1;
      continue;
    }
    const cells = line.split('|').map((c) => c.trim());
    if (column === -1) column = cells.indexOf('not'); // a table's first row names its columns
    else if (column > 0 && !/^-+$/.test(cells[column] ?? '-')) {
      for (const m of cells[column].matchAll(/"([^"]+)"/g)) terms.push(m[1]);
    }
  }
  return terms;
}

test('the Vietnamese pages keep to the glossary', () => {
  const avoided = setAside();
  assert.ok(avoided.includes('giao hàng') && avoided.includes('câu trả lời'), `the glossary sets terms aside: ${avoided.join(', ')}`);
  for (const { vi } of pagePairs()) {
    // Prose only: code and commands are the English pages', and a link's target is no word.
    const prose = read(vi).replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '').replace(/\]\([^)]*\)/g, ']')
      .replace(/\s+/g, ' ').toLowerCase();
    for (const term of avoided) assert.ok(!prose.includes(term.toLowerCase()), `${vi} uses "${term}"`);
    const lone = /cổng(?! thanh toán)/.exec(prose);
    assert.ok(lone === null, `${vi}: "cổng" alone (the gateway is "cổng thanh toán", a network port "port"): …${lone && prose.slice(Math.max(0, lone.index - 40), lone.index + 40)}…`);
  }
  const all = pagePairs().map(({ vi }) => read(vi)).join('\n');
  for (const term of ['gói tin', 'chuỗi trước khi băm', 'khóa bí mật (secretKey)', 'kết quả thanh toán', 'tra cứu giao dịch', 'cổng thanh toán giả lập',
    'phản hồi', 'ghi nhận đã nộp phí', 'mã ghi nhận', 'đơn vị mã UTF-16', 'dạng dựng sẵn (NFC)', 'dạng tổ hợp (NFD)', 'dấu nháy cong']) {
    assert.ok(all.includes(term), `the Vietnamese pages use the glossary's "${term}"`);
  }
});

test('README.vi.md covers the three tasks, the checklist, every error code and the lookup step\'s reason', () => {
  const readme = read('pkg-template/README.vi.md');
  const runnable = fencedBlocks(readme).filter((b) => b.tag === 'js' || b.tag === 'cjs').map((b) => b.code);
  for (const name of ['buildPaygateRequest', 'createClient', 'diagnose', 'handlePaymentResult', 'confirmPayment']) {
    assert.ok(runnable.some((code) => new RegExp(`\\b${name}\\(`).test(code)), `a runnable example calls ${name}()`);
  }
  assert.match(readme, /`PAYHCM1\.0`/);
  assert.match(readme, /tính toàn vẹn/);
  assert.match(readme, /nguồn gốc/);
  const api = read('docs/vi/api.md');
  for (const code of LGSP_ERROR_CODES) assert.ok(api.includes(`\`${code}\``), `docs/vi/api.md names ${code}`);
  assert.match(api, /deliveryKey/, 'handlePaymentResult\'s deliveryKey is documented in Vietnamese too');
});

test('the repository README links to the Vietnamese pages', () => {
  const readme = read('README.md');
  assert.match(readme, /\]\(pkg-template\/README\.vi\.md\)/);
  assert.match(readme, /\]\(docs\/vi\/\)/);
});

test('the changelog describes the packaged version', () => {
  const changelog = read('CHANGELOG.md');
  const { version } = require('lgsp-paygate/package.json');
  assert.match(changelog, /^## \[Unreleased\]$/m);
  assert.ok(changelog.includes(`## [${version}]`), `the changelog describes ${version}`);
});
