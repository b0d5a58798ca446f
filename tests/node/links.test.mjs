// Every relative link of every Markdown file of the repository resolves: the file exists (inside
// the repository), and the #anchor exists in it, by GitHub's rules for heading anchors. The
// documents the package carries resolve inside the installed package, and each conformance
// check has the section of the package README that the kit's `see:` line points to.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { anchors, isRelative, links, markdownFiles, read, REPOSITORY, slug, splitTarget } from './support/docs.mjs';

const require = createRequire(import.meta.url);
const installedDir = path.dirname(require.resolve('lgsp-paygate/package.json'));
const { packagedDocs, rewriteLinks } = await import(pathToFileURL(path.join(REPOSITORY, 'scripts', 'build', 'docs.mjs')).href);

/** The broken relative links of the Markdown file `file` (a path under `root`), each with its line and why. */
function brokenLinks(root, file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const broken = [];
  for (const { target, line } of links(text)) {
    if (!isRelative(target)) continue;
    const { file: to, anchor } = splitTarget(target);
    const resolved = to === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), to));
    const full = path.join(root, ...resolved.split('/'));
    const where = `${file}:${line} ${target}`;
    if (resolved.startsWith('../') || path.posix.isAbsolute(resolved)) broken.push(`${where}: outside the tree`);
    else if (!fs.existsSync(full)) broken.push(`${where}: no such file`);
    else if (anchor !== null && anchor !== '') {
      if (resolved.endsWith('.md')) {
        if (!anchors(fs.readFileSync(full, 'utf8')).has(anchor)) broken.push(`${where}: no anchor #${anchor}`);
      } else if (!/^L\d+(-L\d+)?$/.test(anchor)) broken.push(`${where}: #${anchor} in a file that is not Markdown`);
    }
  }
  return broken;
}

test('anchors follow GitHub\'s rules', () => {
  assert.equal(slug('Why the gateway says `SIGNTURE_WRONG`'), 'why-the-gateway-says-signture_wrong');
  assert.equal(slug('handlePaymentResult(body, options?)'), 'handlepaymentresultbody-options');
  assert.equal(slug('Payment result: `PUT` to the unit\'s `returnUrl`'), 'payment-result-put-to-the-units-returnurl');
  assert.equal(slug('Vì sao gateway báo SIGNTURE_WRONG'), 'vì-sao-gateway-báo-signture_wrong');
  assert.equal(slug('[Link](x.md) and *emphasis*'), 'link-and-emphasis');
  assert.deepEqual([...anchors('# A\n\n## A\n\n```sh\n# not a heading\n```\n\n<a id="c1"></a>\n')], ['a', 'a-1', 'c1']);
});

test('every relative link of every Markdown file of the repository resolves', () => {
  const files = markdownFiles();
  for (const expected of ['README.md', 'pkg-template/README.md', 'pkg-template/README.vi.md', 'docs/gateway.md', 'docs/vi/gateway.md']) {
    assert.ok(files.includes(expected), `the scan finds ${expected}`);
  }
  const broken = files.flatMap((file) => brokenLinks(REPOSITORY, file));
  assert.deepEqual(broken, [], 'broken links');
});

test('the documents the package carries are the repository\'s, their links rewritten to resolve in the package', () => {
  const docs = packagedDocs(REPOSITORY);
  const manifest = JSON.parse(fs.readFileSync(path.join(installedDir, 'package.json'), 'utf8'));
  for (const [packaged, source] of docs) {
    const { text, unresolved } = rewriteLinks(read(source), source, packaged, docs);
    assert.deepEqual(unresolved, [], `${source} links to files the package does not carry`);
    assert.equal(fs.readFileSync(path.join(installedDir, packaged), 'utf8'), text, `the installed ${packaged} is ${source}`);
    assert.ok(manifest.files.some((entry) => entry === packaged || (entry.endsWith('/') && packaged.startsWith(entry))), `"files" carries ${packaged}`);
  }
  const broken = docs.flatMap(([packaged]) => brokenLinks(installedDir, packaged));
  assert.deepEqual(broken, [], 'links broken in the installed package');
});

test('each conformance check has its section in the package README, where the kit\'s `see:` line points', () => {
  const ids = [];
  for (const dir of ['pkg-template']) {
    const walk = (relative) => {
      for (const entry of fs.readdirSync(path.join(REPOSITORY, relative), { withFileTypes: true })) {
        const child = `${relative}/${entry.name}`;
        if (entry.isDirectory()) walk(child);
        else if (entry.name.endsWith('.js') && read(child).includes('passesWhen:')) {
          for (const m of read(child).matchAll(/^\s+id: '([a-z-]+)',$/gm)) ids.push(m[1]);
        }
      }
    };
    walk(dir);
  }
  assert.ok(ids.length >= 8, `the kit's checks: ${ids.join(', ')}`);
  for (const page of ['pkg-template/README.md', 'pkg-template/README.vi.md', 'docs/conformance.md', 'docs/vi/conformance.md']) {
    const found = anchors(read(page));
    assert.deepEqual(ids.filter((id) => !found.has(id)), [], `${page} has a section for each check`);
  }
});
