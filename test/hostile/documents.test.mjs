// Hostile documents through the built CLI: each one alone (exit code, one clear stderr line, no stack
// traces, no hang) and all of them in one batch (every good file still linted and reported).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as g from './helpers/generate.mjs';
import { assertWellBehaved, codesOf, findingsOf, runCli } from './helpers/cli.mjs';

const SUITE_TIMEOUT = { timeout: 150_000 };

/** file → [its text, the codes it must yield (subset), or 'skipped' for non-OpenAPI files]. */
const CASES = {
  'alias-bomb.yaml': [g.aliasBomb(), ['document-too-complex']],
  'friendly-aliases.yaml': [g.friendlyAliases(), ['info-contact']],
  'deep-10000.json': [g.deepJson(10_000), ['document-too-complex']],
  'deep-10000-flow.yaml': [g.deepYamlFlow(10_000), ['document-too-complex']],
  'deep-10000-block.yaml': [g.deepYamlBlock(10_000), ['document-too-complex']],
  'deep-100.json': [g.deepJson(100), ['info-contact']],
  'unclosed-flow.yaml': [g.MALFORMED['unclosed-flow.yaml'], ['parser']],
  'bad-indent.yaml': [g.MALFORMED['bad-indent.yaml'], ['parser']],
  'tab-indent.yaml': [g.MALFORMED['tab-indent.yaml'], ['parser']],
  'unterminated-string.yaml': [g.MALFORMED['unterminated-string.yaml'], ['parser']],
  'duplicate-keys.yaml': [g.MALFORMED['duplicate-keys.yaml'], ['parser']],
  'trailing-comma.json': [g.MALFORMED['trailing-comma.json'], ['parser']],
  'truncated.json': [g.MALFORMED['truncated.json'], ['parser']],
  'only-key.yaml': [g.MALFORMED['only-key.yaml'], []],
  'empty.yaml': ['', 'skipped'],
  'junk-with-nul.yaml': [g.junkBytes(4096), ['lint-error']],
  'junk-without-nul.json': [g.junkBytes(4096, { withNul: false }), 'skipped'],
  'ref-cycle.yaml': [
    g.specWith(
      "components:\n  schemas:\n    A: { $ref: '#/components/schemas/B' }\n    B: { $ref: '#/components/schemas/A' }\n    C: { $ref: './cycle-other.yaml#/X' }\n",
    ),
    ['info-contact'],
  ],
  // A fragment of ref-cycle.yaml, which the batch lints too: linted through that root (no "skipped" note of its own).
  'cycle-other.yaml': ["X: { $ref: './ref-cycle.yaml#/components/schemas/C' }\n", []],
  'self-ref.yaml': [
    g.specWith(
      "components:\n  schemas:\n    Self: { $ref: '#/components/schemas/Self' }\n    Tree: { type: object, properties: { child: { $ref: '#/components/schemas/Tree' } } }\n",
    ),
    ['info-contact'],
  ],
  ...Object.fromEntries(Object.entries(g.NOT_OPENAPI).map(([file, text]) => [file, [text, file === 'openapi-1.yaml' ? [] : 'skipped']])),
  ...Object.fromEntries(Object.entries(g.unicodeVariants()).map(([file, text]) => [file, [text, [g.GOOD_CODE]]])),
  'lone-surrogate.json': [g.loneSurrogateJson(), ['info-contact']],
};
const GOOD = 'good.yaml';
/** Error-severity codes: a file that yields one must fail the run (exit 1), never pass silently. */
const ERROR_CODES = ['document-too-complex', 'lint-error', 'parser', g.GOOD_CODE];
const files = { [GOOD]: g.EXTERNAL_SPEC, ...Object.fromEntries(Object.entries(CASES).map(([file, [text]]) => [file, text])) };

let root;
test.before(async () => (root = await g.fixtureRoot(files)));
test.after(() => root?.remove());

function assertOutcome(run, file, expected) {
  if (expected === 'skipped') {
    assert.equal(findingsOf(run, file).length, 0, `${file} should be skipped: ${JSON.stringify(findingsOf(run, file))}`);
    assert.match(run.stderr, new RegExp(`^api-exposure-lint: skipped ${file.replace(/\./g, '\\.')}: not an OpenAPI`, 'm'), file);
    return;
  }
  const codes = codesOf(findingsOf(run, file));
  for (const code of expected) assert.ok(codes.includes(code), `${file}: expected ${code} in ${codes.join(', ')}`);
  const refused = ['document-too-complex', 'lint-error'].filter((c) => codes.includes(c));
  if (!expected.some((c) => refused.includes(c)))
    assert.deepEqual(refused, [], `${file} was not linted: ${JSON.stringify(findingsOf(run, file))}`);
}

const ALONE = [
  'alias-bomb.yaml',
  'deep-10000.json',
  'deep-10000-flow.yaml',
  'deep-10000-block.yaml',
  'unclosed-flow.yaml',
  'truncated.json',
  'junk-with-nul.yaml',
  'junk-without-nul.json',
  'ref-cycle.yaml',
  'docker-compose.yaml',
  'empty.yaml',
  'bom-crlf.yaml',
];

test('every hostile document alone: bounded run, documented exit code, clean stderr, the expected outcome', SUITE_TIMEOUT, async () => {
  // One of each kind (the batch below covers every case's outcome): CLI start-up dominates, keep the count low.
  const entries = Object.entries(CASES).filter(([file]) => ALONE.includes(file));
  // Two at a time: this machine has two cores.
  const pending = [...entries];
  const worker = async () => {
    for (let entry = pending.shift(); entry; entry = pending.shift()) {
      const [file, [, expected]] = entry;
      const run = await runCli(['--format', 'json', file], { cwd: root.dir });
      const mustFail = expected !== 'skipped' && expected.some((code) => ERROR_CODES.includes(code));
      assertWellBehaved(run, file, { allowedCodes: mustFail ? [1] : [0, 1] });
      assert.ok(Array.isArray(run.findings), `${file}: JSON report on stdout: ${run.stdout.slice(0, 300)}`);
      assertOutcome(run, file, expected);
    }
  };
  await Promise.all([worker(), worker()]);
});

test(
  'one batch with every hostile document: the good file is still linted and reported, each file has its outcome',
  SUITE_TIMEOUT,
  async () => {
    const run = await runCli(['--format', 'json', ...Object.keys(files)], { cwd: root.dir });
    assertWellBehaved(run, 'batch', { allowedCodes: [1] });
    assert.deepEqual(codesOf(findingsOf(run, GOOD)), [g.GOOD_CODE]);
    for (const [file, [, expected]] of Object.entries(CASES)) assertOutcome(run, file, expected);
    // The same batch as stylish output (what a developer sees): no stack traces either.
    const stylish = await runCli(Object.keys(files), { cwd: root.dir });
    assertWellBehaved(stylish, 'batch stylish', { allowedCodes: [1] });
    assert.match(stylish.stdout, /document-too-complex/);
  },
);

test('CRLF, BOM and odd Unicode do not change results: same findings, same positions', SUITE_TIMEOUT, async () => {
  const variants = Object.keys(g.unicodeVariants()).filter((file) => file !== 'unicode-keys.yaml');
  const run = await runCli(['--format', 'json', GOOD, ...variants], { cwd: root.dir });
  assertWellBehaved(run, 'unicode', { allowedCodes: [1] });
  const shape = (file) =>
    findingsOf(run, file).map(({ code, severity, path, range, audience }) => ({ code, severity, path, range, audience }));
  const baseline = shape(GOOD);
  assert.equal(baseline.length, 1);
  for (const file of variants) assert.deepEqual(shape(file), baseline, file);
  // A path key with RTL override and emoji: reported on that operation, with the key intact.
  const keyed = findingsOf(await runCli(['--format', 'json', 'unicode-keys.yaml'], { cwd: root.dir }), 'unicode-keys.yaml');
  assert.deepEqual(
    keyed.map((f) => [f.code, f.path[1]]),
    [[g.GOOD_CODE, '/órdenes/🦄/\u202Eabc']],
  );
});
