// The documents the package carries, where each comes from in the repository, and their relative
// links rewritten to resolve in the package as they do in the repository. The package README is
// pkg-template/README.md, one folder down from docs/ in the repository but beside docs/ in the
// package: its `../docs/api.md` becomes `docs/api.md`, and a page's `../pkg-template/README.md`
// becomes `../README.md`. A link to a file the package does not carry is left as written; the
// tests list those (tests/node/links.test.mjs).
import fs from 'node:fs';
import path from 'node:path';

/** The documents outside docs/: [path in the package, path in the repository]. */
const FIXED = [['README.md', 'pkg-template/README.md'], ['README.vi.md', 'pkg-template/README.vi.md'], ['CHANGELOG.md', 'CHANGELOG.md']];

/** Every document the package carries, [path in the package, path in the repository]: the fixed ones, then docs/ and docs/vi/. */
export function packagedDocs(root) {
  const pages = [];
  for (const dir of ['docs', 'docs/vi']) {
    const full = path.join(root, ...dir.split('/'));
    if (!fs.existsSync(full)) continue;
    for (const name of fs.readdirSync(full).filter((n) => n.endsWith('.md')).sort()) pages.push([`${dir}/${name}`, `${dir}/${name}`]);
  }
  return [...FIXED, ...pages];
}

const isRelative = (target) => target !== '' && !target.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('/');

/**
 * `text`, the document at `source` in the repository, as the package carries it at `packaged`:
 * each relative link to a document the package carries (`docs`, from packagedDocs) rewritten to
 * where that document is in the package. Returns the text and the links left as written because
 * their target is not in the package.
 */
export function rewriteLinks(text, source, packaged, docs) {
  const where = new Map(docs.map(([inPackage, inRepository]) => [inRepository, inPackage]));
  const unresolved = [];
  let fence = null;
  const lines = text.split('\n').map((line) => {
    const opening = /^(```+)\s*([\w-]*)/.exec(line);
    if (fence) {
      if (opening && opening[1].length >= fence.length && opening[2] === '') fence = null;
      return line;
    }
    if (opening) {
      fence = opening[1];
      return line;
    }
    return line.replace(/(\]\(\s*<?)([^)\s>#]*)(#[^)\s>]*)?/g, (whole, before, file, anchor = '') => {
      if (!isRelative(file)) return whole;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(source), file));
      const moved = where.get(target);
      if (moved === undefined) {
        unresolved.push(target);
        return whole;
      }
      const relative = path.posix.relative(path.posix.dirname(packaged), moved);
      return `${before}${relative}${anchor}`;
    });
  });
  return { text: lines.join('\n'), unresolved };
}
