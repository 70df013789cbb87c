// Hostile and broken rulesets through the CLI: workspace code never runs untrusted (marker files prove
// it), a throwing or endless rule function costs only that rule, a broken ruleset is one clear line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as g from './helpers/generate.mjs';
import * as r from './helpers/rulesets.mjs';
import { assertWellBehaved, codesOf, findingsOf, runCli } from './helpers/cli.mjs';

const TIMEOUT = { timeout: 120_000 };
const under = (folder, files) =>
  Object.fromEntries(Object.entries(files).map(([file, text]) => [`${folder}/${file}`, file === 'api.yaml' ? g.EXTERNAL_SPEC : text]));

let root;
let probe;
let jsProbe;
test.before(async () => {
  root = await g.fixtureRoot({ 'good/api.yaml': g.EXTERNAL_SPEC });
  probe = r.probeFunction(root.dir);
  jsProbe = r.probeJsRuleset(root.dir);
  await g.writeFiles(root.dir, {
    ...under('probe', probe.files),
    ...under('js-ruleset', jsProbe.files),
    ...under('throws', r.throwingFunction()),
    ...under('loops', r.loopingFunction()),
    ...under('never-settles', r.neverSettlingFunction()),
    'alias-bomb/.spectral.yaml': r.ALIAS_BOMB_RULESET,
    'alias-bomb/api.yaml': g.EXTERNAL_SPEC,
    ...Object.fromEntries(
      Object.entries(r.BROKEN_RULESETS).flatMap(([folder, text]) => [
        [`${folder}/.spectral.yaml`, text],
        [`${folder}/api.yaml`, g.EXTERNAL_SPEC],
      ]),
    ),
  });
});
test.after(() => root?.remove());

test('untrusted: custom functions and JS rulesets do not run (no marker files); built-in rules still apply', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', 'probe/api.yaml'], { cwd: root.dir });
  assertWellBehaved(run, 'untrusted probe', { allowedCodes: [1] });
  assert.deepEqual(codesOf(findingsOf(run, 'probe/api.yaml')), [g.GOOD_CODE]);
  for (const marker of probe.markers) assert.equal(existsSync(marker), false, `${marker} exists: workspace code ran untrusted`);

  const js = await runCli(['--format', 'json', 'js-ruleset/api.yaml'], { cwd: root.dir });
  assertWellBehaved(js, 'untrusted JS ruleset', { allowedCodes: [2] });
  assert.match(js.stderr, /^api-exposure-lint: ruleset .*\.spectral\.js: .*not trusted/m);
  assert.equal(existsSync(jsProbe.marker), false, 'the JS ruleset ran untrusted');
});

test('trusted: the same probes do run (so the untrusted test above would notice if they did)', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', '--trust-workspace-code', 'probe/api.yaml', 'js-ruleset/api.yaml'], { cwd: root.dir });
  assertWellBehaved(run, 'trusted probes', { allowedCodes: [1] });
  for (const marker of [...probe.markers, jsProbe.marker]) assert.equal(existsSync(marker), true, `${marker} missing`);
});

// A failing rule is a defect of the ruleset: the CLI reports it as a configuration problem (exit 2).
test('a throwing rule function becomes one rule-error naming the rule; the other results survive; exit 2', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', '--trust-workspace-code', 'throws/api.yaml'], { cwd: root.dir });
  assertWellBehaved(run, 'throws', { allowedCodes: [2] });
  assert.match(run.stderr, /^api-exposure-lint: throws\/api\.yaml: Rule "boom-rule" .* failed/m);
  const findings = findingsOf(run, 'throws/api.yaml');
  assert.deepEqual(codesOf(findings), [g.GOOD_CODE, 'rule-error'].sort());
  assert.match(findings.find((f) => f.code === 'rule-error').message, /Rule "boom-rule" .*boom from a rule/);
});

test(
  'an endless rule function is stopped and named; a never-settling one hits the document budget; others are linted',
  TIMEOUT,
  async () => {
    const args = [
      '--format',
      'json',
      '--trust-workspace-code',
      '--timeout',
      '3',
      'loops/api.yaml',
      'never-settles/api.yaml',
      'good/api.yaml',
    ];
    const run = await runCli(args, { cwd: root.dir });
    assertWellBehaved(run, 'loops', { allowedCodes: [2] });
    assert.match(run.stderr, /^api-exposure-lint: loops\/api\.yaml: Rule "spin-rule" ran too long/m);
    const loops = findingsOf(run, 'loops/api.yaml');
    assert.deepEqual(codesOf(loops), [g.GOOD_CODE, 'rule-timeout'].sort(), JSON.stringify(loops));
    assert.match(loops.find((f) => f.code === 'rule-timeout').message, /Rule "spin-rule" ran too long/);
    const waits = codesOf(findingsOf(run, 'never-settles/api.yaml'));
    assert.ok(waits.includes('lint-timeout') || waits.includes('rule-timeout'), waits.join());
    assert.deepEqual(codesOf(findingsOf(run, 'good/api.yaml')), [g.GOOD_CODE]);
  },
);

test('each broken ruleset: exit 2 and one stderr line naming the ruleset file, no stack trace, bounded', TIMEOUT, async () => {
  const folders = Object.keys(r.BROKEN_RULESETS);
  const pending = [...folders];
  const worker = async () => {
    for (let folder = pending.shift(); folder; folder = pending.shift()) {
      const run = await runCli(['--format', 'json', `${folder}/api.yaml`], { cwd: root.dir });
      assertWellBehaved(run, folder, { allowedCodes: [2] });
      const lines = run.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, `${folder}: ${run.stderr}`);
      assert.match(lines[0], new RegExp(`^api-exposure-lint: ruleset.*${folder}/\\.spectral\\.yaml`), folder);
    }
  };
  await Promise.all([worker(), worker()]);
});

test('a ruleset that is a YAML alias bomb cannot hang the run: the time budget stops it', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', '--timeout', '2', 'alias-bomb/api.yaml', 'good/api.yaml'], { cwd: root.dir });
  assertWellBehaved(run, 'alias-bomb ruleset');
  assert.deepEqual(codesOf(findingsOf(run, 'good/api.yaml')), [g.GOOD_CODE]);
});

test('a ruleset that is a YAML alias bomb is refused at once as a broken ruleset', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', 'alias-bomb/api.yaml'], { cwd: root.dir, deadlineMs: 8_000 });
  assertWellBehaved(run, 'alias-bomb ruleset', { allowedCodes: [2] });
  assert.match(run.stderr, /^api-exposure-lint: ruleset.*alias-bomb\/\.spectral\.yaml/m);
});

test('--ruleset naming a missing file or a directory: exit 2, one line', TIMEOUT, async () => {
  for (const ruleset of ['missing.yaml', 'good']) {
    const run = await runCli(['--format', 'json', '--ruleset', ruleset, 'good/api.yaml'], { cwd: root.dir });
    assertWellBehaved(run, ruleset, { allowedCodes: [2] });
    assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, run.stderr);
  }
});

test('--verbose adds the details (and may add stack traces)', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', '--verbose', 'broken-rule/api.yaml'], { cwd: root.dir });
  assert.equal(run.code, 2);
  assert.ok(run.stderr.split('\n').filter(Boolean).length >= 1);
});

test('a batch where one folder has a broken ruleset still lints and reports the other folders', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', 'broken-syntax/api.yaml', 'good/api.yaml'], { cwd: root.dir });
  assert.equal(run.code, 2, 'a configuration error still fails the run');
  assert.match(run.stderr, /broken-syntax\/\.spectral\.yaml/);
  assert.deepEqual(codesOf(findingsOf(run, 'good/api.yaml')), [g.GOOD_CODE], 'the good folder must still be reported');
});
