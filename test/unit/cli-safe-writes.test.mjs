// Nothing the CLI writes can lose the user's files: --fix, --write-baseline and --output go through
// safeWriteFile. A process killed mid-write, a disk that fills up, a file edited between the lint and the
// write, a read-only spec: the original stays byte for byte, one stderr line says why, and the exit code is 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { engine } from './helpers/engine.mjs';
import { scratchDir } from '../shared/scratch.mjs';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { run, WRITE_FAULT_VARIABLE } = require(path.join(repo, 'dist/cli.js'));
const fixtures = path.join(repo, 'test', 'fixtures', 'cli', 'fix');
const expected = (name) => readFileSync(path.join(fixtures, 'expected', name), 'utf8');
const BIN = path.join(repo, 'bin', 'api-exposure-lint.js');

function copyFixtures(names = ['external.yaml', 'internal-crlf.json']) {
  const dir = scratchDir('ael-safe-');
  for (const name of names) cpSync(path.join(fixtures, name), path.join(dir, name));
  return dir;
}

/** run() in this process; `onLint(file)` is called as each file is linted (to change it behind the CLI's back). */
async function cli(cwd, argv, onLint = () => undefined) {
  const out = [];
  const err = [];
  const linter = new engine.Linter(engine.createNodeHost());
  const code = await run({
    argv,
    cwd,
    env: {},
    stdout: { write: (s) => out.push(s) },
    stderr: { write: (s) => err.push(s) },
    version: '0.0.0',
    createLinter: () => ({
      lint: async (options) => {
        await onLint(options.filePath);
        return linter.lint(options);
      },
    }),
    now: () => 0,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const errorLines = (stderr) => stderr.split('\n').filter((line) => line.startsWith('api-exposure-lint: --fix:'));

test('a --fix process killed in the middle of writing leaves the original intact', () => {
  const dir = copyFixtures(['external.yaml']);
  const original = readFileSync(path.join(dir, 'external.yaml'));
  const result = spawnSync(process.execPath, [BIN, '--fix', 'external.yaml'], {
    cwd: dir,
    env: { ...process.env, [WRITE_FAULT_VARIABLE]: 'kill' },
    encoding: 'utf8',
    timeout: 120000,
  });
  assert.equal(result.signal, 'SIGKILL', `killed mid-write (status ${result.status}, stderr ${result.stderr})`);
  assert.deepEqual(readFileSync(path.join(dir, 'external.yaml')), original, 'byte for byte');
  // Only a half-written temporary file next to it can remain after SIGKILL: named so, never the spec.
  const others = readdirSync(dir).filter((name) => name !== 'external.yaml');
  assert.equal(others.length, 1);
  assert.match(others[0], /^\.external\.yaml\.\d+\.[0-9a-f]+\.tmp$/);
});

test('a --fix write that fails (disk full) keeps every original, says so in one line per file, exits 2', () => {
  const dir = copyFixtures();
  const originals = ['external.yaml', 'internal-crlf.json'].map((name) => readFileSync(path.join(dir, name)));
  const result = spawnSync(process.execPath, [BIN, '--fix', '--format', 'json', 'external.yaml', 'internal-crlf.json'], {
    cwd: dir,
    env: { ...process.env, [WRITE_FAULT_VARIABLE]: 'fail' },
    encoding: 'utf8',
    timeout: 120000,
  });
  assert.equal(result.status, 2, result.stderr);
  assert.deepEqual(errorLines(result.stderr), [
    'api-exposure-lint: --fix: cannot write external.yaml: no space left on device; the file is unchanged',
    'api-exposure-lint: --fix: cannot write internal-crlf.json: no space left on device; the file is unchanged',
  ]);
  assert.deepEqual(
    ['external.yaml', 'internal-crlf.json'].map((name) => readFileSync(path.join(dir, name))),
    originals,
  );
  assert.deepEqual(readdirSync(dir).sort(), ['external.yaml', 'internal-crlf.json'], 'no temporary file left');
  // The report shows the files as they are (unfixed), not as they would have been.
  const codes = JSON.parse(result.stdout).map((f) => f.code);
  assert.ok(codes.includes('external-oauth2'), codes.join());
  assert.doesNotMatch(result.stderr, /fixed external\.yaml/);
});

test('a file changed on disk between its lint and the fix is not overwritten', async () => {
  const dir = copyFixtures();
  const edited = readFileSync(path.join(dir, 'external.yaml'), 'utf8') + '# saved by a colleague meanwhile\n';
  const { code, stderr } = await cli(dir, ['--fix', 'external.yaml', 'internal-crlf.json'], (file) => {
    if (path.basename(file) === 'external.yaml') writeFileSync(file, edited);
  });
  assert.equal(code, 2);
  assert.deepEqual(errorLines(stderr), [
    'api-exposure-lint: --fix: not writing external.yaml: it changed on disk since it was read; it was left as it is',
  ]);
  assert.equal(readFileSync(path.join(dir, 'external.yaml'), 'utf8'), edited, 'the colleague’s version survives');
  assert.equal(readFileSync(path.join(dir, 'internal-crlf.json'), 'utf8'), expected('internal-crlf.json'), 'the other file is still fixed');
});

test('--fix on a symlinked spec fixes the target and keeps the link', async () => {
  const dir = copyFixtures([]);
  mkdirSync(path.join(dir, 'shared'));
  cpSync(path.join(fixtures, 'external.yaml'), path.join(dir, 'shared', 'external.yaml'));
  symlinkSync('shared/external.yaml', path.join(dir, 'linked.yaml'));
  const { code, stderr } = await cli(dir, ['--fix', 'linked.yaml']);
  assert.equal(code, 0, stderr);
  assert.ok(lstatSync(path.join(dir, 'linked.yaml')).isSymbolicLink(), 'still a link');
  assert.equal(readFileSync(path.join(dir, 'shared', 'external.yaml'), 'utf8'), expected('external.yaml'));
  assert.deepEqual(readdirSync(path.join(dir, 'shared')), ['external.yaml']);
  assert.match(stderr, /fixed linked\.yaml \(4 → 1 problems\)/);
});

test('--fix on a read-only spec: a clear refusal, exit 2, the file intact; other files fixed', async () => {
  const dir = copyFixtures();
  const file = path.join(dir, 'external.yaml');
  const original = readFileSync(file);
  chmodSync(file, 0o444);
  const { code, stderr } = await cli(dir, ['--fix', 'external.yaml', 'internal-crlf.json']);
  assert.equal(code, 2);
  assert.deepEqual(errorLines(stderr), [
    'api-exposure-lint: --fix: cannot write external.yaml: the file is read-only; the file is unchanged',
  ]);
  assert.deepEqual(readFileSync(file), original);
  assert.equal(statSync(file).mode & 0o777, 0o444);
  assert.equal(readFileSync(path.join(dir, 'internal-crlf.json'), 'utf8'), expected('internal-crlf.json'));
});

test('--fix keeps the file mode and CRLF line endings', async () => {
  const dir = copyFixtures();
  chmodSync(path.join(dir, 'external.yaml'), 0o640);
  chmodSync(path.join(dir, 'internal-crlf.json'), 0o604);
  const { code } = await cli(dir, ['--fix', 'external.yaml', 'internal-crlf.json']);
  assert.equal(code, 0);
  assert.equal(statSync(path.join(dir, 'external.yaml')).mode & 0o777, 0o640);
  assert.equal(statSync(path.join(dir, 'internal-crlf.json')).mode & 0o777, 0o604);
  const json = readFileSync(path.join(dir, 'internal-crlf.json'), 'utf8');
  assert.equal(json, expected('internal-crlf.json'));
  assert.equal(json.split('\r\n').length, json.split('\n').length, 'every line ends with CRLF');
});

test('--write-baseline and --output refuse a read-only file with one line and exit 2, the file intact', async () => {
  const dir = copyFixtures(['external.yaml']);
  for (const [option, name] of [
    ['--write-baseline', 'baseline.json'],
    ['--output', 'report.json'],
  ]) {
    const file = path.join(dir, name);
    writeFileSync(file, 'keep me\n');
    chmodSync(file, 0o444);
    const { code, stderr } = await cli(dir, [option, name, 'external.yaml']);
    assert.equal(code, 2, option);
    const what = option === '--output' ? 'output file' : 'baseline';
    assert.equal(
      stderr.trim().split('\n').at(-1),
      `api-exposure-lint: cannot write ${what} ${file}: the file is read-only; the file is unchanged`,
    );
    assert.equal(readFileSync(file, 'utf8'), 'keep me\n');
  }
});

test('--write-baseline through a symlink writes the target and keeps its CRLF line endings', async () => {
  const dir = copyFixtures(['external.yaml']);
  mkdirSync(path.join(dir, 'ci'));
  writeFileSync(path.join(dir, 'ci', 'baseline.json'), '{\r\n  "version": 1,\r\n  "findings": []\r\n}\r\n');
  symlinkSync('ci/baseline.json', path.join(dir, 'baseline.json'));
  const { code } = await cli(dir, ['--write-baseline', 'baseline.json', 'external.yaml']);
  assert.equal(code, 0);
  assert.ok(lstatSync(path.join(dir, 'baseline.json')).isSymbolicLink());
  const written = readFileSync(path.join(dir, 'ci', 'baseline.json'), 'utf8');
  assert.ok(written.includes('external-oauth2'));
  assert.equal(written.split('\r\n').length, written.split('\n').length, 'CRLF kept');
});
