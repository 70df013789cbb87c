// Many APIs: --shard I/N splits a folder deterministically, `merge` puts the shards' json and sarif back
// together exactly as one unsharded run writes them (in-process, and with the real CLI and its worker
// threads); junit output; the progress bar only on an interactive terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { compareWalkOrder, createProgress, selectShard } from '../../dist/cli.js';
import { runCliInProcess } from './helpers/cli-in-process.mjs';
import { write } from './helpers/git-repo.mjs';
import { scratchDir } from '../shared/scratch.mjs';

const run = promisify(execFile);
const CLI = path.resolve('bin/api-exposure-lint.js');

const spec = (title, audience, ops) =>
  `openapi: 3.0.3\ninfo: { title: ${title}, version: '1', x-audience: ${audience} }\npaths:\n` +
  ops.map((op) => `  /${op}:\n    get:\n      responses: { '200': { description: ok } }\n`).join('');

/** A folder whose names exercise the walk order ("a-b" sorts before "a/" by name, after it as a string). */
function makeFolder() {
  const root = scratchDir('ael-shard-');
  write(root, {
    'apis/a/one.yaml': spec('One', 'external-public', ['x', 'y']),
    'apis/a/two.yaml': spec('Two', 'company-internal', ['z']),
    'apis/a-b/three.yaml': spec('Three', 'external-partner', ['w']),
    'apis/b.yaml': spec('B', 'company-internal', ['v', 'u']),
    'apis/c/d/four.json': JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Four', version: '1' },
      paths: { '/t': { get: { responses: { 200: { description: 'ok' } } } } },
    }),
    'apis/notes.yaml': 'just: notes\n',
    'apis/z.yaml': spec('Z', 'external-public', ['s']),
  });
  return root;
}

const root = makeFolder();
const read = (rel) => JSON.parse(readFileSync(path.join(root, rel), 'utf8'));

test('selectShard: every file in exactly one shard, in order; compareWalkOrder follows the folder walk', () => {
  const files = Array.from({ length: 10 }, (_, i) => `f${i}`);
  const shards = [1, 2, 3].map((index) => selectShard(files, { index, count: 3 }));
  assert.deepEqual(shards, [
    ['f0', 'f3', 'f6', 'f9'],
    ['f1', 'f4', 'f7'],
    ['f2', 'f5', 'f8'],
  ]);
  assert.deepEqual(['apis/a-b/x', 'apis/a/y', 'apis/b.yaml', 'apis/a/b/c'].sort(compareWalkOrder), [
    'apis/a/b/c',
    'apis/a/y',
    'apis/a-b/x',
    'apis/b.yaml',
  ]);
});

test('in-process: the merge of --shard 1/3, 2/3, 3/3 equals the unsharded run (json and sarif)', async () => {
  const all = await runCliInProcess(root, ['apis', '--output', 'json=out/all.json', '--output', 'sarif=out/all.sarif']);
  assert.equal(all.code, 1);
  const allJson = read('out/all.json');
  assert.ok(allJson.length >= 10, 'the fixture has findings in several files');
  const files = new Set();
  for (const index of [1, 2, 3]) {
    const shard = await runCliInProcess(root, [
      'apis',
      '--shard',
      `${index}/3`,
      '--output',
      `json=out/${index}.json`,
      '--output',
      `sarif=out/${index}.sarif`,
    ]);
    assert.ok(shard.code === 0 || shard.code === 1, shard.stderr);
    for (const f of read(`out/${index}.json`)) files.add(`${index}:${f.file}`);
  }
  // Each file's findings are in exactly one shard.
  const shardOf = new Map();
  for (const entry of files) {
    const [index, file] = entry.split(':');
    assert.ok(!shardOf.has(file) || shardOf.get(file) === index, `${file} in two shards`);
    shardOf.set(file, index);
  }
  assert.ok(new Set(shardOf.values()).size >= 2, 'findings are spread over several shards');

  const mergedJson = await runCliInProcess(root, ['merge', 'out/1.json', 'out/2.json', 'out/3.json']);
  assert.equal(mergedJson.code, 0, mergedJson.stderr);
  assert.deepEqual(JSON.parse(mergedJson.stdout), allJson);
  const mergedSarif = await runCliInProcess(root, ['merge', '-o', 'out/merged.sarif', 'out/3.sarif', 'out/1.sarif', 'out/2.sarif']);
  assert.equal(mergedSarif.code, 0, mergedSarif.stderr);
  assert.deepEqual(read('out/merged.sarif'), read('out/all.sarif'));
});

test('the real CLI (worker threads, built-in rule metadata): --shard 1/2 and 2/2 merged equal the unsharded sarif', async () => {
  const options = { cwd: root, env: { ...process.env, CI: 'true' } };
  const lint = (...args) => run(process.execPath, [CLI, 'apis', '-f', 'sarif', ...args], options).catch((e) => e);
  const all = await lint('-o', 'out/cli-all.sarif');
  assert.equal(all.code, 1);
  // Two shards here (each run starts worker threads); the three-way split is checked in-process above.
  for (const index of [1, 2]) await lint('--shard', `${index}/2`, '-o', `out/cli-${index}.sarif`);
  const merged = await run(process.execPath, [CLI, 'merge', 'out/cli-2.sarif', 'out/cli-1.sarif'], options);
  const expected = read('out/cli-all.sarif');
  assert.ok(
    expected.runs[0].tool.driver.rules.some((r) => r.id === 'external-oauth2' && r.helpUri),
    'built-in rule metadata',
  );
  assert.deepEqual(JSON.parse(merged.stdout), expected);
});

test('merge: mixed or unreadable inputs exit 2 with one line', async () => {
  for (const [argv, message] of [
    [['merge'], /merge needs the json or sarif files/],
    [['merge', 'out/all.json', 'out/all.sarif'], /mix json and sarif/],
    [['merge', 'out/missing.json'], /cannot read/],
    [['merge', '-f', 'sarif', 'out/all.json'], /the inputs are json reports, not sarif/],
  ]) {
    const { code, stderr } = await runCliInProcess(root, argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(stderr, message);
  }
});

test('junit: a suite per linted file, a failed case per finding, a passing case for a clean file', async () => {
  const ruleset = `rules:\n  no-ampersand-title:\n    given: $.info.title\n    severity: error\n    message: 'Title has an ampersand'\n    then: { function: pattern, functionOptions: { notMatch: '&' } }\n`;
  const clean = `openapi: 3.0.3\ninfo: { title: Clean, version: '1' }\npaths: {}\n`;
  write(root, {
    'junit/.spectral.yaml': ruleset,
    'junit/clean.yaml': clean,
    'junit/a<b>.yaml': `openapi: 3.0.3\ninfo:\n  title: A & "B"\n  version: '1'\npaths: {}\n`,
  });
  const { code, stdout } = await runCliInProcess(root, ['-f', 'junit', 'junit/a<b>.yaml', 'junit/clean.yaml']);
  assert.equal(code, 1);
  assert.equal(
    stdout,
    `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="api-exposure-lint" tests="2" failures="1" errors="0">
  <testsuite name="junit/a&lt;b&gt;.yaml" tests="1" failures="1" errors="0">
    <testcase classname="junit/a&lt;b&gt;.yaml" name="no-ampersand-title at 3:10 (info.title)">
      <failure type="error" message="Title has an ampersand">junit/a&lt;b&gt;.yaml:3:10 error no-ampersand-title: Title has an ampersand</failure>
    </testcase>
  </testsuite>
  <testsuite name="junit/clean.yaml" tests="1" failures="0" errors="0">
    <testcase classname="junit/clean.yaml" name="junit/clean.yaml has no findings"/>
  </testsuite>
</testsuites>
`,
  );
});

test('progress bar: drawn on an interactive terminal, never in CI, in a pipe or with --quiet', () => {
  const stream = (isTTY) => {
    const chunks = [];
    return { isTTY, columns: 100, chunks, write: (s) => chunks.push(s), cursorTo() {}, clearLine() {}, moveCursor() {} };
  };
  const tty = stream(true);
  const bar = createProgress(3, tty, {}, false);
  bar.tick();
  bar.tick();
  bar.tick();
  bar.stop();
  assert.match(tty.chunks.join(''), /Linting .* 3\/3 files/);
  for (const [s, env, quiet] of [
    [stream(true), { CI: 'true' }, false],
    [stream(false), {}, false],
    [stream(true), {}, true],
  ]) {
    const p = createProgress(3, s, env, quiet);
    p.tick();
    p.stop();
    assert.deepEqual(s.chunks, []);
  }
});
