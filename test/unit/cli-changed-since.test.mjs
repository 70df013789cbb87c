// --changed-since and --new-only on a real git repository made here: a base branch, a feature branch
// with a moved block, a renamed file, a fixed finding and a new finding, an untracked file, and a
// later commit on the base branch that must not count. The CLI runs in-process with the real engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCliInProcess } from './helpers/cli-in-process.mjs';
import { scratchDir } from '../shared/scratch.mjs';

// Each operation of an external-public document without security, 429 or samples has three findings.
const op = (name, extra = '') =>
  `  /${name}:\n    get:\n      operationId: ${name}\n${extra}      responses:\n        '200':\n          description: OK\n`;
const SAMPLES = '      x-codeSamples:\n        - lang: Shell\n          source: curl https://api.example.com\n';
const doc = (title, ...ops) =>
  `openapi: 3.0.3\ninfo:\n  title: ${title}\n  version: '1'\n  x-audience: external-public\npaths:\n${ops.join('')}`;
const ALL_THREE = ['external-code-samples', 'external-oauth2', 'external-rate-limit'];

function git(cwd, ...args) {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function write(root, files) {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
}

/** main: the base; feature: the pull request; then main moves on; plus work-tree changes. */
function makeHistory() {
  const root = scratchDir('ael-git-');
  git(root, 'init', '-q');
  write(root, {
    'apis/moved.yaml': doc('Moved', op('a'), op('b')),
    'apis/old-name.yaml': doc('Renamed', op('r')),
    'apis/fixed.yaml': doc('Fixed', op('f')),
    'apis/gets-new.yaml': doc('GetsNew', op('g')),
    'apis/unchanged.yaml': doc('Unchanged', op('u')),
    'apis/notes.json': '{ "not": "openapi" }\n',
    'README.md': 'base\n',
  });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  git(root, 'checkout', '-q', '-b', 'feature');
  git(root, 'mv', 'apis/old-name.yaml', 'apis/new-name.yaml');
  write(root, {
    'apis/moved.yaml': doc('Moved', op('b'), op('a')), // the same operations in another order
    'apis/new-name.yaml': doc('Renamed and retitled', op('r')),
    'apis/fixed.yaml': doc('Fixed', op('f', SAMPLES)), // external-code-samples fixed
    'apis/gets-new.yaml': doc('GetsNew', op('g'), op('n')), // a new operation: three new findings
    'apis/notes.json': '{ "still": "not openapi" }\n',
    'README.md': 'feature\n',
  });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'feature');
  // The base branch moves on after the branch point: its changes are not the pull request's.
  git(root, 'checkout', '-q', 'main');
  write(root, { 'apis/unchanged.yaml': doc('Unchanged', op('u'), op('v')) });
  git(root, 'commit', '-q', '-am', 'main moves on');
  git(root, 'checkout', '-q', 'feature');
  // Not committed yet: an untracked document (new), and an ignored one (never linted).
  write(root, {
    'apis/untracked.yaml': doc('Untracked', op('w')),
    '.gitignore': 'apis/ignored.yaml\n',
    'apis/ignored.yaml': doc('Ignored', op('i')),
  });
  return root;
}

async function cli(cwd, argv) {
  const result = await runCliInProcess(cwd, ['--ruleset', 'api-exposure-lint:exposure', '--format', 'json', ...argv]);
  return { ...result, findings: result.code === 2 && !result.stdout ? [] : JSON.parse(result.stdout) };
}

const byFile = (findings) => {
  const files = {};
  for (const f of findings) (files[f.file] ??= []).push(`${f.code} ${f.path.join('.')}`);
  for (const list of Object.values(files)) list.sort();
  return files;
};
const onPath = (p) => ALL_THREE.map((code) => `${code} paths./${p}.get`);

const history = makeHistory();

test('--changed-since lints the files changed since the merge base (committed + work tree), under their new names', async () => {
  const { code, findings, stderr } = await cli(history, ['--changed-since', 'main']);
  assert.equal(code, 1, stderr);
  assert.deepEqual(byFile(findings), {
    'apis/fixed.yaml': ['external-oauth2 paths./f.get', 'external-rate-limit paths./f.get'],
    'apis/gets-new.yaml': [...onPath('g'), ...onPath('n')].sort(),
    'apis/moved.yaml': [...onPath('a'), ...onPath('b')].sort(),
    'apis/new-name.yaml': onPath('r'),
    'apis/untracked.yaml': onPath('w'),
  });
  // notes.json changed but is not OpenAPI: dropped without a note, since no file was named.
  assert.doesNotMatch(stderr, /skipped/);
});

test('--new-only reports exactly the findings the base version does not have', async () => {
  const { code, findings, stderr } = await cli(history, ['--changed-since', 'main', '--new-only']);
  assert.equal(code, 1, stderr);
  // Not new: the moved block, the renamed file, the remaining findings of the fixed file; main's own change is not here.
  assert.deepEqual(byFile(findings), { 'apis/gets-new.yaml': onPath('n'), 'apis/untracked.yaml': onPath('w') });
});

test('--new-only: the same ref by commit id, from a sub-folder, gives the same answer', async () => {
  const base = git(history, 'rev-parse', 'main').trim();
  const { findings } = await cli(path.join(history, 'apis'), ['--changed-since', base, '--new-only']);
  assert.deepEqual(byFile(findings), { 'gets-new.yaml': onPath('n'), 'untracked.yaml': onPath('w') });
});

test('file arguments narrow the changed files (intersection); a named non-OpenAPI file gets its note', async () => {
  const { findings, stderr } = await cli(history, [
    '--changed-since',
    'main',
    '--new-only',
    'apis/new-name.yaml',
    'apis/unchanged.yaml',
    'apis/gets-*.yaml',
    'apis/notes.json',
  ]);
  assert.deepEqual(byFile(findings), { 'apis/gets-new.yaml': onPath('n') });
  assert.match(stderr, /^api-exposure-lint: skipped apis\/notes\.json: not an OpenAPI or Swagger document$/m);
});

test('nothing changed: no files, exit 0', async () => {
  const { code, findings, stderr } = await cli(history, ['--changed-since', 'HEAD', 'apis/moved.yaml']);
  assert.equal(code, 0);
  assert.deepEqual(findings, []);
  assert.match(stderr, /No problems found in 0 files/);
});

const gitErrors = [
  {
    name: 'unknown ref',
    cwd: () => history,
    argv: ['--changed-since', 'no-such-branch'],
    line: /^api-exposure-lint: --changed-since: unknown git ref "no-such-branch" \(in a shallow clone, fetch it first, e\.g\. actions\/checkout with fetch-depth: 0\)$/,
  },
  {
    name: 'not a git repository',
    cwd: () => scratchDir('ael-nogit-'),
    argv: ['--changed-since', 'main'],
    line: /^api-exposure-lint: --changed-since: \S+ is not in a git repository$/,
  },
];
for (const { name, cwd, argv, line } of gitErrors) {
  test(`--changed-since: ${name} is exit 2 with one line`, async () => {
    const { code, stdout, stderr } = await cli(cwd(), argv);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr.split('\n').length, 2, stderr);
    assert.match(stderr.trimEnd(), line);
  });
}
