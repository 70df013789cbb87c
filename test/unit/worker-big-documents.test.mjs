// Big documents in the lint workers: all the lints of a big document (its exposure pass included) run in the one
// worker that holds it, so the language server keeps one copy of it, not two; a lint waiting for that worker does
// not hold up other documents' lints, which another worker takes; and that worker collects its garbage after each
// lint of it, so the next one does not pile up on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import threads from 'node:worker_threads';
import { existsSync, writeFileSync } from 'node:fs';
import { engine, workspace, trusted, workerScript, EXTERNAL_API } from './helpers/engine.mjs';

// Counts the worker threads the linter starts (dist/engine.js reads `Worker` from this module when it starts one).
let started = 0;
const OriginalWorker = threads.Worker;
threads.Worker = class extends OriginalWorker {
  constructor(...args) {
    super(...args);
    started++;
  }
};

const BIG_FROM = 3000;
const big = EXTERNAL_API.replace('title: Shop', 'title: Big') + '# padding\n'.repeat(BIG_FROM / 10);
const small = "openapi: 3.0.3\ninfo: { title: Small, version: '1', x-audience: company-internal }\npaths: {}\n";

// A rule that holds the big document's complete lint until the test writes the release file (or 30 s pass).
const RULESET = `extends: ["api-exposure-lint:exposure"]
functions: [hold]
rules:
  hold:
    given: $.info
    then: { function: hold, functionOptions: { release: RELEASE } }
`;
const HOLD = `const fs = require('node:fs');
module.exports = function hold(info, options) {
  if (!info || info.title !== 'Big') return;
  const until = Date.now() + 30000;
  while (!fs.existsSync(options.release) && Date.now() < until) {}
};
`;

function setUp({ released }) {
  const root = workspace({ 'big.yaml': big, 'small.yaml': small, 'functions/hold.js': HOLD });
  const release = path.join(root, 'release');
  writeFileSync(path.join(root, '.spectral.yaml'), RULESET.replace('RELEASE', JSON.stringify(release)));
  if (released) writeFileSync(release, '');
  const linter = new engine.WorkerLinter({ workerScript, concurrency: 2, oneWorkerFromChars: BIG_FROM, timeoutMs: 120_000 });
  const lint = (name, extra = {}) =>
    linter.lint({ filePath: path.join(root, name), text: name === 'big.yaml' ? big : small, trust: trusted, ...extra });
  return { linter, lint, release };
}

test('a big document: its exposure pass runs in the worker of its complete lint, not in a second copy', async () => {
  assert.ok(big.length >= BIG_FROM && small.length < BIG_FROM);
  const { linter, lint } = setUp({ released: true });
  started = 0;
  try {
    const [complete, exposure] = await Promise.all([lint('big.yaml'), lint('big.yaml', { exposureOnly: true })]);
    assert.equal(exposure.phase, 'exposure');
    assert.ok(complete.findings.length > 0 && exposure.findings.length > 0);
    assert.equal(started, 1, 'both lints of the big document ran in one worker');
    // A small document's exposure pass still takes a second worker, never waiting for the complete lint.
    await Promise.all([lint('small.yaml'), lint('small.yaml', { exposureOnly: true })]);
    assert.equal(started, 2);
  } finally {
    await linter.dispose();
  }
});

test('a lint waiting for the worker that holds a big document does not hold up a small document', { timeout: 90_000 }, async () => {
  const { linter, lint, release } = setUp({ released: false });
  try {
    let bigDone = false;
    const bigComplete = lint('big.yaml').finally(() => (bigDone = true));
    const bigExposure = lint('big.yaml', { exposureOnly: true }); // queued: its worker is held
    const smallResult = await lint('small.yaml'); // queued behind it, taken by the second worker
    assert.equal(bigDone, false, 'the small document was linted while the big one was still held');
    assert.ok(smallResult.findings.every((f) => f.code !== 'rule-error'));
    writeFileSync(release, '');
    const [complete, exposure] = await Promise.all([bigComplete, bigExposure]);
    assert.equal(exposure.phase, 'exposure');
    assert.ok(!complete.findings.some((f) => f.code === 'rule-timeout' || f.code === 'lint-timeout'), JSON.stringify(complete.findings));
    assert.ok(existsSync(release));
  } finally {
    await linter.dispose();
  }
});

test(
  'after the lint of a big document (5 MB and more) the worker collects its garbage and says so; not after a small one',
  { timeout: 120_000 },
  async () => {
    const paths = {};
    const item = (i) => ({ get: { summary: `Item ${i} ${'x'.repeat(200)}`, responses: { 200: { description: 'ok' } } } });
    for (let i = 0, size = 0; size < 5_200_000; i++) size += JSON.stringify((paths[`/items/${i}`] = item(i))).length + 20;
    const bigJson = JSON.stringify({ openapi: '3.0.3', info: { title: 'Big', version: '1', 'x-audience': 'company-internal' }, paths });
    const root = workspace({ 'big.json': bigJson, 'small.yaml': small });
    const logs = [];
    const log = { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
    const linter = new engine.WorkerLinter({ workerScript, log, timeoutMs: 120_000 });
    const collected = () => logs.filter((m) => /after a collection/.test(m));
    try {
      await linter.lint({ filePath: path.join(root, 'small.yaml'), text: small, trust: trusted, exposureOnly: true });
      assert.deepEqual(collected(), []);
      const result = await linter.lint({ filePath: path.join(root, 'big.json'), text: bigJson, trust: trusted, exposureOnly: true });
      assert.equal(result.phase, 'exposure');
      // The collection runs once the result is sent: its line follows the result.
      const deadline = Date.now() + 30_000;
      while (collected().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20)); // polling with a deadline
      const [line] = collected();
      assert.match(line ?? '', /^Linted big\.json \(big\): heap (\d+) → (\d+) MB after a collection/, logs.join('\n'));
      const [, before, after] = line.match(/heap (\d+) → (\d+) MB/).map(Number);
      assert.ok(after < before, line);
    } finally {
      await linter.dispose();
    }
  },
);
