// The documentation as the tests read it, straight from the repository (run-packed.mjs says where
// it is in LGSP_REPOSITORY; the tests themselves run in a consumer project): its pages, their
// fenced code blocks and headings, GitHub's heading anchors and the relative links between files.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository's root. */
export const REPOSITORY = path.resolve(process.env.LGSP_REPOSITORY ?? path.join(here, '..', '..', '..'));

/** A file of the repository, by its path from the root ('/'-separated). */
export function read(relative) {
  return fs.readFileSync(path.join(REPOSITORY, ...relative.split('/')), 'utf8');
}

/** The English documentation pages of docs/ (the glossary, a table of terms, aside). */
function englishDocPages() {
  return fs.readdirSync(path.join(REPOSITORY, 'docs'))
    .filter((name) => name.endsWith('.md') && name !== 'glossary.md')
    .sort()
    .map((name) => `docs/${name}`);
}

/**
 * Each English page with its Vietnamese counterpart: the package README and its README.vi.md,
 * and every page of docs/ with the one of the same name in docs/vi/.
 */
export function pagePairs() {
  return [
    { en: 'pkg-template/README.md', vi: 'pkg-template/README.vi.md' },
    ...englishDocPages().map((en) => ({ en, vi: en.replace(/^docs\//, 'docs/vi/') })),
  ];
}

/** Every page whose code the tests run: the repository README, then each pair's two pages. */
export function documentationPages() {
  return ['README.md', ...pagePairs().flatMap(({ en, vi }) => [en, vi])];
}

/** The English pages (the repository README and the package's), read. */
export function englishPages() {
  return ['README.md', ...pagePairs().map((p) => p.en)].map((name) => ({ name, text: read(name) }));
}

/** Every Markdown file the repository tracks (or, outside a git checkout, holds). */
export function markdownFiles() {
  const git = spawnSync('git', ['-C', REPOSITORY, 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.md'], { encoding: 'utf8' });
  if (git.status === 0) return git.stdout.split('\0').filter((f) => f !== '' && fs.existsSync(path.join(REPOSITORY, f))).sort();
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(REPOSITORY, dir), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || ['node_modules', 'target', 'pkg', 'work'].includes(entry.name)) continue;
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.md')) found.push(relative);
    }
  };
  walk('');
  return found.sort();
}

/**
 * The lines of a Markdown text with where each stands: inside a fenced block or not. A fence
 * opens with three or more backticks and an info string, and closes with as many, bare.
 */
function scan(markdown) {
  const lines = [];
  let open = null;
  markdown.split('\n').forEach((text, index) => {
    const fence = /^(```+)\s*([\w-]*)/.exec(text);
    if (open) {
      if (fence && fence[1].length >= open.length && fence[2] === '') {
        open = null;
        lines.push({ text, line: index + 1, fence: 'close' });
      } else lines.push({ text, line: index + 1, fence: 'inside' });
    } else if (fence) {
      open = fence[1];
      lines.push({ text, line: index + 1, fence: 'open', tag: fence[2] });
    } else lines.push({ text, line: index + 1, fence: null });
  });
  if (open) throw new Error('a fenced block is never closed');
  return lines;
}

/** Fenced blocks with their info tag, the nearest heading above them and their first line. */
export function fencedBlocks(markdown) {
  const blocks = [];
  let heading = '(top)';
  let current = null;
  for (const l of scan(markdown)) {
    if (l.fence === 'open') current = { tag: l.tag, heading, line: l.line, lines: [] };
    else if (l.fence === 'inside') current.lines.push(l.text);
    else if (l.fence === 'close') {
      blocks.push({ tag: current.tag, heading: current.heading, line: current.line, code: `${current.lines.join('\n')}\n` });
      current = null;
    } else if (/^#{1,6}\s/.test(l.text)) heading = l.text.replace(/^#+\s*/, '').trim();
  }
  return blocks;
}

/** The headings outside fenced blocks: level, text, line. */
export function headings(markdown) {
  return scan(markdown).filter((l) => l.fence === null && /^#{1,6}\s/.test(l.text))
    .map((l) => ({ level: /^#+/.exec(l.text)[0].length, text: l.text.replace(/^#+\s*/, '').replace(/\s+#+\s*$/, '').trim(), line: l.line }));
}

/**
 * GitHub's anchor for a heading (npm's page makes the same): the text as rendered (code spans,
 * links and emphasis reduced to their text), lower-cased, every character that is not a letter,
 * a mark, a digit, `_`, `-` or a space dropped, each space made a `-`.
 */
export function slug(heading) {
  return heading
    .replace(/<[^>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*+/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page has: one per heading (a repeated one numbered -1, -2...), and each <a id> or <a name>. */
export function anchors(markdown) {
  const found = new Set();
  const seen = new Map();
  for (const h of headings(markdown)) {
    const base = slug(h.text);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    found.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const l of scan(markdown).filter((x) => x.fence === null)) {
    for (const m of l.text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(m[1]);
  }
  return found;
}

/** The text of a line with its code spans blanked out, so that code is never read as a link. */
const withoutCodeSpans = (text) => text.replace(/(`+)[\s\S]*?\1/g, (span) => ' '.repeat(span.length));

/** Every link target of a page outside code: inline links and images, and reference definitions. */
export function links(markdown) {
  const found = [];
  for (const l of scan(markdown).filter((x) => x.fence === null)) {
    const text = withoutCodeSpans(l.text);
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g)) found.push({ target: m[1], line: l.line });
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(text);
    if (definition) found.push({ target: definition[1], line: l.line });
    for (const m of text.matchAll(/<a\s+[^>]*href="([^"]+)"/g)) found.push({ target: m[1], line: l.line });
  }
  return found;
}

/** Whether a link target is relative (a file of the repository, or an anchor of the same page). */
export const isRelative = (target) => target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('//');

/** A relative target split into its path (empty for the same page) and its anchor (or null), percent-decoded. */
export function splitTarget(target) {
  const hash = target.indexOf('#');
  const file = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? null : target.slice(hash + 1);
  return { file: decodeURIComponent(file), anchor: anchor === null ? null : decodeURIComponent(anchor) };
}

/**
 * A code block without its comments, which a translation may change: `//` comments (at a line
 * start or after white space: a URL's stay), the prose lines of a `/** ... *\/` comment (its
 * `@param` and other tag lines stay, for the type checker reads them), and blank lines.
 */
export const withoutComments = (code) => code.split('\n')
  .filter((line) => !(/^\s*(\/\*\*|\*\/|\*)/.test(line) && !line.includes('@')))
  .map((line) => line.replace(/(^|\s)\/\/.*$/, '').trimEnd())
  .filter((line) => line !== '').join('\n');

/** The commands of a shell block, each without its `#` comment. */
export const shellCommands = (code) => code.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter((line) => line !== '');
