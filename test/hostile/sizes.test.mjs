// Size and time budgets through the CLI: a document over the size limit is reported, not read into the
// linter; a large document within the limit is stopped by --timeout; neighbours in the batch are unaffected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as g from './helpers/generate.mjs';
import { assertWellBehaved, codesOf, findingsOf, runCli } from './helpers/cli.mjs';

const TIMEOUT = { timeout: 120_000 };
const MB = 1_000_000;
let root;
test.before(async () => {
  root = await g.fixtureRoot({
    'good.yaml': g.EXTERNAL_SPEC,
    'oversized-55mb.yaml': g.oversizedSpec(55 * MB),
    'large-3mb.yaml': g.largeSpec(3 * MB),
  });
});
test.after(() => root?.remove());

test('a 55 MB document is reported as too large (warning), the good file is linted, exit 1 from the good file only', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', 'oversized-55mb.yaml', 'good.yaml'], { cwd: root.dir });
  assertWellBehaved(run, 'oversized', { allowedCodes: [1] });
  const [tooLarge] = findingsOf(run, 'oversized-55mb.yaml');
  assert.equal(tooLarge.code, 'document-too-large');
  assert.equal(tooLarge.severity, 'warn');
  assert.match(tooLarge.message, /55\.0 MB, over the 50\.0 MB limit/);
  assert.deepEqual(codesOf(findingsOf(run, 'good.yaml')), [g.GOOD_CODE]);
  const alone = await runCli(['--format', 'json', 'oversized-55mb.yaml'], { cwd: root.dir });
  assertWellBehaved(alone, 'oversized alone', { allowedCodes: [0] }); // a warning does not fail the run
});

test('--max-document-size lowers the limit', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', '--max-document-size', '2', 'large-3mb.yaml'], { cwd: root.dir });
  assertWellBehaved(run, 'max size', { allowedCodes: [0] });
  assert.deepEqual(codesOf(findingsOf(run, 'large-3mb.yaml')), ['document-too-large']);
});

// The budget counts the lint only (not the worker's start-up or the ruleset's loading): 1 s stops the 3 MB document
// (~4 s of CPU in full; 9 s before yaml-locations.ts, 3.7 of them locating findings) and leaves the small one, linted
// in a fraction of that, a wide margin on a loaded machine.
test('a large document within the size limit is stopped by --timeout; the file after it is still linted', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', '--timeout', '1', 'large-3mb.yaml', 'good.yaml'], { cwd: root.dir });
  assertWellBehaved(run, 'timeout', { allowedCodes: [1] });
  const large = findingsOf(run, 'large-3mb.yaml');
  assert.equal(large[0]?.code, 'lint-timeout', JSON.stringify(large).slice(0, 500));
  // The budget may be scaled a little with the document's size.
  assert.match(large[0].message, /Linting stopped after 1(\.\d+)? s/);
  // Every finding computed before the budget ran out is kept (how many depends on the machine's speed: with the
  // workers' code cache the lint may get into Spectral's walk within 1 s), and the message names the rules cut short,
  // whose findings may be incomplete (a rule runs once per place it applies to, so it can be stopped midway).
  // A worker still busy well past the budget (a slow machine: its parse and $ref resolution are not cut short) is
  // stopped, and the exposure rules, run alone, give the document its exposure findings.
  const unfinished = [...large[0].message.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  if (/no results/.test(large[0].message)) assert.equal(large.length, 1, large[0].message);
  else if (/only the exposure rules' findings are shown/.test(large[0].message)) {
    assert.ok(large.length > 1, 'the exposure findings are shown');
    for (const finding of large.slice(1)) assert.match(finding.code, /^(external|internal|exposure)-/, 'only exposure rules');
  } else {
    assert.ok(unfinished.length > 0, large[0].message);
    assert.match(large[0].message, /did not finish, so (its|their) findings may be incomplete; all other results are shown/);
  }
  for (const finding of large.slice(1)) {
    assert.notEqual(finding.code, 'lint-timeout', 'one lint-timeout finding');
    assert.ok(finding.range && Array.isArray(finding.path) && finding.file === 'large-3mb.yaml', JSON.stringify(finding));
  }
  assert.deepEqual(codesOf(findingsOf(run, 'good.yaml')), [g.GOOD_CODE]);
});
