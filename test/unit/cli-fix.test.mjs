// --fix and --fix-dry-run on copies of test/fixtures/cli/fix: the files after fixing (style, comments,
// line endings, BOM kept), the report of what remains, exit codes, idempotence, and a dry run that
// prints the same change as a unified diff and writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unifiedDiff } from '../../dist/cli.js';
import { runCliInProcess } from './helpers/cli-in-process.mjs';
import { scratchDir } from '../shared/scratch.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repo, 'test', 'fixtures', 'cli', 'fix');
const FILES = ['external.yaml', 'internal-crlf.json', 'clean.yaml'];
const expected = (name) => readFileSync(path.join(fixtures, 'expected', name), 'utf8');
const original = (name) => readFileSync(path.join(fixtures, name), 'utf8');

function copyFixtures() {
  const dir = scratchDir('ael-fix-');
  for (const name of FILES) cpSync(path.join(fixtures, name), path.join(dir, name));
  return dir;
}

const cli = runCliInProcess;

const read = (dir, name) => readFileSync(path.join(dir, name), 'utf8');

test('--fix rewrites each file with its safe fixes, keeps its style, and reports what remains', async () => {
  const dir = copyFixtures();
  const { code, stdout, stderr } = await cli(dir, ['--fix', '--format', 'json', ...FILES]);
  assert.equal(read(dir, 'external.yaml'), expected('external.yaml'));
  assert.equal(read(dir, 'internal-crlf.json'), expected('internal-crlf.json'));
  assert.equal(read(dir, 'clean.yaml'), original('clean.yaml'));
  // Style the fixers promise: the comment survives, CRLF and tabs stay CRLF and tabs.
  assert.match(read(dir, 'external.yaml'), /operationId: listItems {3}# keep this comment\n/);
  const json = read(dir, 'internal-crlf.json');
  assert.equal(json.split('\r\n').length, json.split('\n').length, 'every line ends with CRLF');
  assert.doesNotMatch(json, /\n {2}/, 'indented with tabs, like the original');
  // Only the finding no fix can solve is left: a warning, so the default gate (error) passes.
  assert.deepEqual(
    JSON.parse(stdout).map((f) => [f.file, f.code]),
    [['external.yaml', 'operation-description']],
  );
  assert.equal(code, 0);
  assert.deepEqual(
    stderr.split('\n').filter((l) => l.includes('fixed')),
    ['api-exposure-lint: fixed external.yaml (4 → 1 problems)', 'api-exposure-lint: fixed internal-crlf.json (1 → 0 problems)'],
  );
});

test('--fix is idempotent: a second run changes nothing and fixes nothing', async () => {
  const dir = copyFixtures();
  const first = await cli(dir, ['--fix', '--fail-severity', 'warn', ...FILES]);
  assert.equal(first.code, 1, 'the remaining warning fails --fail-severity warn');
  const after = FILES.map((name) => [read(dir, name), statSync(path.join(dir, name)).mtimeMs]);
  const second = await cli(dir, ['--fix', '--fail-severity', 'warn', ...FILES]);
  assert.equal(second.code, 1);
  assert.deepEqual(
    FILES.map((name) => [read(dir, name), statSync(path.join(dir, name)).mtimeMs]),
    after,
    'not even rewritten',
  );
  assert.doesNotMatch(second.stderr, /fixed/);
  assert.equal(second.stdout, first.stdout);
});

test('--fix keeps a UTF-8 byte order mark', async () => {
  const dir = copyFixtures();
  writeFileSync(path.join(dir, 'external.yaml'), '\ufeff' + original('external.yaml'));
  await cli(dir, ['--fix', 'external.yaml']);
  assert.equal(read(dir, 'external.yaml'), '\ufeff' + expected('external.yaml'));
});

test('--fix-dry-run prints the unified diff of every fix, writes nothing, and exits 1 while problems remain', async () => {
  const dir = copyFixtures();
  const { code, stdout, stderr } = await cli(dir, [
    '--fix-dry-run',
    '--fail-severity',
    'warn',
    '--output',
    'remaining.json',
    '--format',
    'json',
    ...FILES,
  ]);
  for (const name of FILES) assert.equal(read(dir, name), original(name), `${name} untouched`);
  const diff = (name) => unifiedDiff(original(name), expected(name), { oldName: `a/${name}`, newName: `b/${name}` });
  assert.equal(stdout, diff('external.yaml') + diff('internal-crlf.json'));
  assert.match(stdout, /^--- a\/external\.yaml\n\+\+\+ b\/external\.yaml\n@@ /);
  assert.equal(code, 1);
  assert.deepEqual(
    JSON.parse(read(dir, 'remaining.json')).map((f) => f.code),
    ['operation-description'],
  );
  assert.match(stderr, /^api-exposure-lint: would fix external\.yaml \(4 → 1 problems\)$/m);
  assert.match(stderr, /^✖ 1 problem \(0 errors, 1 warning, 0 infos, 0 hints\) in 3 files, 0\.00 s$/m);
});

test('--fix-dry-run with nothing to fix prints no diff', async () => {
  const dir = copyFixtures();
  const { code, stdout } = await cli(dir, ['--fix-dry-run', 'clean.yaml']);
  assert.deepEqual([code, stdout], [0, '']);
});

test('the built CLI fixes with worker threads too (node dist/cli.js --fix)', () => {
  const dir = copyFixtures();
  const { status, stdout, stderr } = spawnSync(
    process.execPath,
    [path.join(repo, 'dist', 'cli.js'), '--fix', 'external.yaml', 'internal-crlf.json'],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', SCARF_ANALYTICS: 'false' },
      timeout: 60_000,
    },
  );
  assert.equal(status, 0, stdout + stderr);
  assert.equal(read(dir, 'external.yaml'), expected('external.yaml'));
  assert.equal(read(dir, 'internal-crlf.json'), expected('internal-crlf.json'));
  assert.match(stdout, /operation-description/);
});
