// The unified diff --fix-dry-run prints: the layout of `diff -u` / `git diff` (hunk headers, context,
// merged hunks, "\ No newline at end of file"), checked on small exact vectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from '../../dist/cli.js';

const names = { oldName: 'a/f.yaml', newName: 'b/f.yaml' };
const HEADER = '--- a/f.yaml\n+++ b/f.yaml\n';
const numbered = (n, change = {}) => Array.from({ length: n }, (_, i) => (change[i + 1] ?? String(i + 1)) + '\n').join('');

const cases = [
  { name: 'equal texts → empty string', old: 'a\nb\n', new: 'a\nb\n', diff: '' },
  { name: 'one changed line in the middle', old: 'a\nb\nc\n', new: 'a\nB\nc\n', diff: '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n' },
  { name: 'lines added to an empty file', old: '', new: 'x\ny\n', diff: '@@ -0,0 +1,2 @@\n+x\n+y\n' },
  { name: 'everything removed', old: 'x\n', new: '', diff: '@@ -1 +0,0 @@\n-x\n' },
  {
    name: 'appended lines keep 3 lines of context',
    old: numbered(5),
    new: numbered(5) + 'six\n',
    diff: '@@ -3,3 +3,4 @@\n 3\n 4\n 5\n+six\n',
  },
  {
    name: 'changes far apart make two hunks',
    old: numbered(15),
    new: numbered(15, { 2: 'two', 14: 'fourteen' }),
    diff: '@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -11,5 +11,5 @@\n 11\n 12\n 13\n-14\n+fourteen\n 15\n',
  },
  {
    name: 'changes whose context touches make one hunk',
    old: numbered(10),
    new: numbered(10, { 2: 'two', 9: 'nine' }),
    diff: '@@ -1,10 +1,10 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+nine\n 10\n',
  },
  {
    name: 'a missing final newline is a change and is marked',
    old: 'a\nb',
    new: 'a\nb\n',
    diff: '@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
  },
  { name: 'CRLF stays in the lines', old: 'a\r\nb\r\n', new: 'a\r\nc\r\nb\r\n', diff: '@@ -1,2 +1,3 @@\n a\r\n+c\r\n b\r\n' },
  {
    name: 'an insertion inside a YAML block',
    old: 'paths:\n  /a:\n    get:\n      responses: {}\n',
    new: 'paths:\n  /a:\n    get:\n      security:\n        - oauth2: [read]\n      responses: {}\n',
    diff: '@@ -1,4 +1,6 @@\n paths:\n   /a:\n     get:\n+      security:\n+        - oauth2: [read]\n       responses: {}\n',
  },
];

for (const c of cases) {
  test(`unifiedDiff: ${c.name}`, () => {
    assert.equal(unifiedDiff(c.old, c.new, names), c.diff === '' ? '' : HEADER + c.diff);
  });
}

test('unifiedDiff: the context size is configurable', () => {
  assert.equal(unifiedDiff(numbered(5), numbered(5, { 3: 'three' }), { ...names, context: 0 }), HEADER + '@@ -3 +3 @@\n-3\n+three\n');
});

test('unifiedDiff: applying the hunks to the old text gives the new text (random edits)', () => {
  // A tiny patch applier: enough to check the hunks are self-consistent on many random inputs.
  const apply = (oldText, diff) => {
    const oldLines = oldText.split(/(?<=\n)/).filter((l) => l !== '');
    const out = [];
    let at = 0;
    const lines = diff.split(/(?<=\n)/).slice(2);
    for (let i = 0; i < lines.length; i++) {
      const header = /^@@ -(\d+)(?:,(\d+))? /.exec(lines[i]);
      if (header) {
        const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
        while (at < start) out.push(oldLines[at++]);
        continue;
      }
      const kind = lines[i][0];
      const text = lines[i].slice(1);
      const noEol = lines[i + 1]?.startsWith('\\ No newline');
      const line = noEol ? text.slice(0, -1) : text;
      if (noEol) i++;
      if (kind === ' ') out.push(oldLines[at++]);
      else if (kind === '-') at++;
      else out.push(line);
    }
    while (at < oldLines.length) out.push(oldLines[at++]);
    return out.join('');
  };
  let seed = 7;
  const random = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (let round = 0; round < 200; round++) {
    const words = ['a', 'b', 'c', 'd'];
    const make = () => Array.from({ length: random(12) }, () => words[random(4)] + '\n').join('') + (random(3) === 0 ? 'tail' : '');
    const before = make();
    const after = make();
    assert.equal(apply(before, unifiedDiff(before, after, names)), after, JSON.stringify({ before, after }));
  }
});
