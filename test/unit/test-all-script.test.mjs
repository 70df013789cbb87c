// scripts/test-all.mjs (`npm run test:all`): a failing tier does not stop the later ones, the summary names every
// failure, and the exit code is the worst tier's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTiers, summarizeOutput, TIERS } from '../../scripts/test-all.mjs';

function sink() {
  let text = '';
  return {
    write: (chunk) => (text += chunk),
    get text() {
      return text;
    },
  };
}

const node = (code) => `"${process.execPath}" -e ${JSON.stringify(code)}`;

test('every tier runs after a failing one; the summary lists the failures; the exit code is the worst', async () => {
  const tap = (name, ok) =>
    `console.log(${JSON.stringify(`TAP version 13\n${ok ? 'ok' : 'not ok'} 1 - ${name}\n1..1\n# pass ${ok ? 1 : 0}\n# fail ${ok ? 0 : 1}`)})`;
  const tiers = [
    { name: 'first', command: node(`${tap('adds numbers', false)}; process.exit(1)`) },
    { name: 'second', command: node(`${tap('parses YAML', true)}`) },
    { name: 'third', command: node(`console.error('boom'); process.exit(3)`) },
  ];
  const stdout = sink();
  const stderr = sink();
  const { results, exitCode } = await runTiers(tiers, { stdout, stderr });
  assert.deepEqual(
    results.map((r) => [r.name, r.code]),
    [
      ['first', 1],
      ['second', 0],
      ['third', 3],
    ],
  );
  assert.equal(exitCode, 3);
  assert.match(stderr.text, /boom/); // each tier's own output is passed through
  const summary = stdout.text.slice(stdout.text.indexOf('test:all summary'));
  assert.match(summary, /FAIL first .* 0 passed, 1 failed/);
  assert.match(summary, /✖ adds numbers/);
  assert.match(summary, /ok {3}second .* 1 passed, 0 failed/);
  assert.match(summary, /FAIL third .*\(exit 3\)/);
  assert.match(summary, /2 of 3 tiers failed: first, third/);
});

test('all tiers passing exit 0', async () => {
  const { exitCode } = await runTiers(
    [
      { name: 'a', command: node('') },
      { name: 'b', command: node('') },
    ],
    { stdout: sink(), stderr: sink() },
  );
  assert.equal(exitCode, 0);
});

test('counts and failed names are read from both node --test reporters', () => {
  const spec = '✔ one (1.2ms)\n✖ two (3ms)\nℹ tests 2\nℹ pass 1\nℹ fail 1\n✖ failing tests:\n\n✖ two (3ms)\n';
  assert.deepEqual(summarizeOutput(spec), { pass: 1, fail: 1, failed: ['two'] });
  const nested = 'TAP version 13\n    not ok 1 - inner\nnot ok 1 - outer\n# pass 4\n# fail 1\n';
  assert.deepEqual(summarizeOutput(nested), { pass: 4, fail: 1, failed: ['outer'] });
});

test('the tiers cover the README test command: type check, lint, build, unit, LSP, hostile and real-editor tests', () => {
  assert.deepEqual(
    TIERS.map((t) => t.name),
    ['typecheck', 'lint', 'build', 'unit', 'lsp', 'hostile', 'e2e'],
  );
});
