// The CLI on multi-file descriptions (test/fixtures/multi-file/split): each fragment is linted once per root
// that uses it, with that root's audience, and reported in its own file; files are counted right; a fragment
// on its own is explained, not linted; --fix edits fragments (and the root's components when a fix needs them);
// --changed-since picks the roots of a changed fragment and --new-only compares with the fragment's base version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCliInProcess } from './helpers/cli-in-process.mjs';
import { repoRoot } from './helpers/engine.mjs';
import { scratchDir } from '../shared/scratch.mjs';

const SPLIT = path.join(repoRoot, 'test/fixtures/multi-file/split');

function copy() {
  const dir = scratchDir('ael-multi-');
  cpSync(SPLIT, dir, { recursive: true });
  return dir;
}

async function json(cwd, argv) {
  const result = await runCliInProcess(cwd, ['--format', 'json', ...argv]);
  return { ...result, findings: JSON.parse(result.stdout) };
}

const codesIn = (findings, file) =>
  findings
    .filter((f) => f.file === file)
    .map((f) => `${f.code}:${f.audience}`)
    .sort();

test("a shared fragment is linted once per root, with each root's audience, and reported in its own file", async () => {
  const { code, findings } = await json(SPLIT, ['public.yaml', 'internal.json']);
  assert.equal(code, 1);
  assert.deepEqual(codesIn(findings, 'paths/pets.yaml'), [
    'external-code-samples:external-public',
    'external-oauth2:external-public',
    'external-rate-limit:external-public',
    'internal-permission-scopes:company-internal',
  ]);
  assert.deepEqual(codesIn(findings, 'paths/pet.json'), ['external-oauth2:external-public', 'external-rate-limit:external-public']);
  const oauth = findings.find((f) => f.file === 'paths/pets.yaml' && f.code === 'external-oauth2');
  assert.equal(oauth.range.start.line, 1, 'the range is in the fragment');
  assert.deepEqual(oauth.path, ['get'], 'the JSON path is in the fragment');
  assert.equal(findings.filter((f) => f.file === 'public.yaml' || f.file === 'internal.json').length, 0, 'the roots do not repeat them');
});

test('the summary counts every linted file, fragments included, and fragments of linted roots get no "skipped" note', async () => {
  const { stdout, stderr } = await runCliInProcess(SPLIT, ['public.yaml', 'paths/pets.yaml', 'paths/pet.json']);
  // public.yaml, paths/pets.yaml, paths/pet.json, components/schemas/{pet,owner}.yaml, components/responses/not-found.yaml
  assert.match(stdout, /✖ 6 problems .* in 6 files/);
  assert.doesNotMatch(stderr, /skipped/);
});

test('a fragment on its own is explained, not linted; an unrelated YAML file keeps its usual note', async () => {
  const dir = copy();
  writeFileSync(path.join(dir, 'compose.yaml'), 'services: {}\n');
  const { code, stderr, findings } = await json(dir, ['paths/orphan.yaml', 'compose.yaml']);
  assert.equal(code, 0);
  assert.deepEqual(findings, []);
  assert.match(
    stderr,
    /skipped paths\/orphan\.yaml: a fragment of an OpenAPI document that no linted document \$refs: lint the root document that uses it/,
  );
  assert.match(stderr, /skipped compose\.yaml: not an OpenAPI or Swagger document/);
});

test('SARIF, GitHub and GitLab locations point into the fragments', async () => {
  const { stdout } = await runCliInProcess(SPLIT, ['--format', 'sarif', 'public.yaml']);
  const uris = new Set(JSON.parse(stdout).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
  assert.ok(uris.has('paths/pets.yaml') && uris.has('paths/pet.json'), [...uris].join(', '));
  const github = await runCliInProcess(SPLIT, ['--format', 'github', 'public.yaml']);
  assert.match(github.stdout, /^::error file=paths\/pets\.yaml,line=2,/m);
  const gitlab = JSON.parse((await runCliInProcess(SPLIT, ['--format', 'gitlab', 'public.yaml'])).stdout);
  assert.ok(gitlab.some((issue) => issue.location.path === 'paths/pet.json'));
});

test('bad references: a cycle across files, a missing file and one outside the repository are reported; the rest is linted', async () => {
  const dir = copy();
  const { findings } = await json(dir, ['bad-refs/root.yaml']);
  const messages = findings.map((f) => `${f.file} ${f.code} ${f.message}`).join('\n');
  assert.match(messages, /bad-refs\/loop-b\.yaml ref-cycle \$ref cycle: loop-a\.yaml → loop-b\.yaml → loop-a\.yaml never reaches a value/);
  assert.match(messages, /bad-refs\/root\.yaml invalid-ref .*missing\.yaml/);
  assert.match(messages, /bad-refs\/root\.yaml invalid-ref .*outside the workspace/);
});

test("--fix edits fragments, adds what a fix needs to the root's components, and the re-lint sees the fixed fragments", async () => {
  const dir = copy();
  const { code, findings } = await json(dir, ['--fix', 'public.yaml']);
  assert.equal(code, 0, JSON.stringify(findings, null, 1));
  const pet = JSON.parse(readFileSync(path.join(dir, 'paths/pet.json'), 'utf8'));
  assert.deepEqual(pet.get.security, [{ oauth2: ['pets:read'] }]);
  assert.deepEqual(pet.get.responses['429'], { $ref: '../public.yaml#/components/responses/TooManyRequests' });
  const root = readFileSync(path.join(dir, 'public.yaml'), 'utf8');
  assert.match(root, /\n  securitySchemes:\n    oauth2:\n/);
  assert.match(readFileSync(path.join(dir, 'paths/pets.yaml'), 'utf8'), /\n  x-codeSamples:\n/);
});

test('--fix-dry-run prints the diff of every file and writes none', async () => {
  const dir = copy();
  const before = readFileSync(path.join(dir, 'paths/pets.yaml'), 'utf8');
  const { stdout } = await runCliInProcess(dir, ['--fix-dry-run', 'public.yaml']);
  assert.match(stdout, /^--- a\/paths\/pets\.yaml$/m);
  assert.match(stdout, /^--- a\/public\.yaml$/m);
  assert.equal(readFileSync(path.join(dir, 'paths/pets.yaml'), 'utf8'), before);
});

function git(cwd, ...args) {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

test('--changed-since lints the roots of a changed fragment; --new-only reports only what the fragment change brought', async () => {
  const dir = copy();
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  // stock.json loses its scopes: a new internal-permission-scopes finding, through internal.json only.
  const stock = path.join(dir, 'paths/stock.json');
  writeFileSync(stock, readFileSync(stock, 'utf8').replace('["stock:read"]', '[]'));
  git(dir, 'commit', '-q', '-am', 'feature');

  const all = await json(dir, ['--changed-since', 'main']);
  assert.ok(all.findings.some((f) => f.file === 'paths/stock.json' && f.code === 'internal-permission-scopes'));
  assert.ok(
    all.findings.some((f) => f.file === 'paths/pets.yaml'),
    'internal.json was linted in full',
  );
  assert.ok(!all.findings.some((f) => f.file === 'paths/pet.json'), 'public.yaml does not use stock.json: not linted');

  const fresh = await json(dir, ['--changed-since', 'main', '--new-only']);
  assert.deepEqual(
    fresh.findings.map((f) => `${f.file} ${f.code}`),
    ['paths/stock.json internal-permission-scopes'],
  );
});
