// The one folder walk (server/src/node/file-walk.ts) behind the CLI's folder and glob arguments, the roots of
// changed fragments, "Lint workspace" and the reverse $ref index: which folders it skips, how it treats links
// (file links listed, folder links and so link loops not followed), and its order, which merge's
// compareWalkOrder reproduces for sharded runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { scratchDir } from '../shared/scratch.mjs';

const require = createRequire(import.meta.url);
const { walkFiles, isDocumentFile, compareNames, SKIPPED_DIRECTORIES } = loadTypeScriptModule('server/src/node/file-walk.ts');
const { expandFilePatterns, compareWalkOrder } = require('../../dist/cli.js');

/** A folder of `files` ({ relative path: content }) and `links` ({ relative link: target }). */
function fixture(files, links = {}) {
  const root = scratchDir('ael-walk-');
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  for (const [rel, target] of Object.entries(links)) symlinkSync(target, path.join(root, rel));
  return root;
}

/** The walk's files relative to `root`; `options` may be a function of the list so far. */
async function walked(root, options) {
  const files = [];
  for await (const file of walkFiles(root, typeof options === 'function' ? options(files) : options))
    files.push(path.relative(root, file).split(path.sep).join('/'));
  return files;
}

const FILES = {
  'b.yaml': '',
  'a.yaml': '',
  'a-c.yaml': '',
  'a/x.json': '',
  'B.yaml': '',
  '_.yml': '',
  'readme.md': '',
  'sub/deeper/z.yaml': '',
  'node_modules/dep/api.yaml': '',
  '.git/objects/x.yaml': '',
  '.github/api.yaml': '',
};
const LINKS = {
  loop: '.', // a folder link back to the root: followed, the walk would never end
  'sub/up': '..',
  'linked.yaml': 'a.yaml',
  'dangling.yaml': 'missing.yaml',
};
// Names in UTF-16 code unit order, folder by folder: "." < "B" < "_" < "a"; "a" before "a-c.yaml" before "a.yaml".
const ALL = [
  '.github/api.yaml',
  'B.yaml',
  '_.yml',
  'a/x.json',
  'a-c.yaml',
  'a.yaml',
  'b.yaml',
  'linked.yaml',
  'readme.md',
  'sub/deeper/z.yaml',
];

const cases = [
  {
    name: 'every file, depth first, names in code unit order; node_modules and .git skipped, link loops not followed',
    options: undefined,
    expect: ALL,
  },
  { name: 'only YAML and JSON files', options: { include: isDocumentFile }, expect: ALL.filter((f) => f !== 'readme.md') },
  { name: 'stopped once cancelled', options: (files) => ({ isCancelled: () => files.length >= 3 }), expect: ALL.slice(0, 3) },
];

for (const { name, options, expect } of cases) {
  test(`walkFiles: ${name}`, async (t) => {
    const root = fixture(FILES, LINKS);
    t.after(() => rmSync(root, { recursive: true, force: true }));
    assert.deepEqual(await walked(root, options), expect);
  });
}

test('the walk skips exactly node_modules and .git; an unreadable or missing folder gives nothing', async () => {
  assert.deepEqual([...SKIPPED_DIRECTORIES].sort(), ['.git', 'node_modules']);
  assert.deepEqual(await walked(path.join(tmpdir(), 'ael-walk-does-not-exist')), []);
});

test('merge orders shard results as the walk lists files', async (t) => {
  const root = fixture(FILES, LINKS);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const order = await walked(root);
  assert.deepEqual([...order].reverse().sort(compareWalkOrder), order);
  assert.equal(compareNames('a-c', 'a.yaml'), -1);
  assert.equal(compareNames('B', 'a'), -1);
});

test("a folder argument of the CLI lists the walk's documents, without dotfiles and dot folders", async (t) => {
  const root = fixture(FILES, LINKS);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const documents = (await walked(root, { include: isDocumentFile })).filter(
    (f) => !f.split('/').some((segment) => segment.startsWith('.')),
  );
  const expanded = (await expandFilePatterns(['.'], root)).map((f) => path.relative(root, f).split(path.sep).join('/'));
  assert.deepEqual(expanded, documents);
  assert.ok(expanded.includes('linked.yaml') && !expanded.includes('.github/api.yaml'));
});
