// Big documents in the lint workers: a big document's complete lints all run in the one worker that holds it (one
// copy of it, not two); its exposure pass and other documents' lints take the other worker and never wait for
// them; and a worker collects its garbage after each lint of a big document, so the next one does not pile up on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { engine, workspace, trusted, workerScript, EXTERNAL_API } from './helpers/engine.mjs';

const BIG_FROM = 3000;
const big = EXTERNAL_API.replace('title: Shop', 'title: Big') + '# padding\n'.repeat(BIG_FROM / 10);
const small = "openapi: 3.0.3\ninfo: { title: Small, version: '1', x-audience: company-internal }\npaths: {}\n";

// A rule that holds the big document's complete lint until the test writes the release file (or 30 s pass), and one
// that tells which worker thread linted it.
const RULESET = `extends: ["api-exposure-lint:exposure"]
functions: [hold, thread]
rules:
  hold:
    given: $.info
    then: { function: hold, functionOptions: { release: RELEASE } }
  thread:
    given: $.info
    then: { function: thread }
`;
const HOLD = `const fs = require('node:fs');
module.exports = function hold(info, options) {
  if (!info || info.title !== 'Big') return;
  const until = Date.now() + 30000;
  while (!fs.existsSync(options.release) && Date.now() < until) {}
};
`;
const THREAD = "module.exports = () => [{ message: 'thread ' + require('node:worker_threads').threadId }];\n";
const threadOf = (result) => result.findings.find((f) => f.code === 'thread')?.message;

function setUp({ released }) {
  const root = workspace({ 'big.yaml': big, 'small.yaml': small, 'functions/hold.js': HOLD, 'functions/thread.js': THREAD });
  const release = path.join(root, 'release');
  writeFileSync(path.join(root, '.spectral.yaml'), RULESET.replace('RELEASE', JSON.stringify(release)));
  if (released) writeFileSync(release, '');
  const linter = new engine.WorkerLinter({ workerScript, concurrency: 2, oneWorkerFromChars: BIG_FROM, timeoutMs: 120_000 });
  const lint = (name, extra = {}) =>
    linter.lint({ filePath: path.join(root, name), text: name === 'big.yaml' ? big : small, trust: trusted, ...extra });
  return { linter, lint, release };
}

test(
  "a big document's complete lints all run in one worker; its exposure pass and other documents do not wait for them",
  { timeout: 90_000 },
  async () => {
    assert.ok(big.length >= BIG_FROM && small.length < BIG_FROM);
    const { linter, lint, release } = setUp({ released: false });
    try {
      let held = true;
      const first = lint('big.yaml').finally(() => (held = false));
      const second = lint('big.yaml'); // the next version: waits for the worker that holds the document
      const exposure = await lint('big.yaml', { exposureOnly: true }); // taken by the other worker
      assert.equal(exposure.phase, 'exposure');
      assert.ok(held, 'the exposure pass did not wait for the complete lint');
      const other = await lint('small.yaml'); // queued behind the waiting lint, not held up by it
      assert.ok(held, 'the small document did not wait either');
      assert.ok(threadOf(other));
      writeFileSync(release, '');
      const [one, two] = await Promise.all([first, second]);
      assert.ok(threadOf(one) && threadOf(one) === threadOf(two), `${threadOf(one)} then ${threadOf(two)}`);
      assert.notEqual(threadOf(other), threadOf(one));
      assert.ok(!one.findings.some((f) => /timeout/.test(String(f.code))), JSON.stringify(one.findings));
    } finally {
      await linter.dispose();
    }
  },
);

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

test(
  "closing a big document releases the worker that held it (at once when idle, else when its lint ends); the others' workers stay",
  { timeout: 120_000 },
  async () => {
    const { linter, lint, release } = setUp({ released: false });
    const bigPath = path.dirname(release) + '/big.yaml';
    try {
      const held = lint('big.yaml');
      const small1 = threadOf(await lint('small.yaml')); // the other worker: the big one's is busy
      await linter.documentClosed(bigPath); // while its lint runs: released when it ends
      writeFileSync(release, '');
      const big1 = threadOf(await held);
      assert.equal(threadOf(await lint('small.yaml')), small1, "closing the big document stopped another document's worker");
      const big2 = threadOf(await lint('big.yaml'));
      assert.notEqual(big2, big1, 'the closed big document left its worker behind');
      await linter.documentClosed(bigPath); // idle now: released at once
      assert.notEqual(threadOf(await lint('big.yaml')), big2);
      const small2 = threadOf(await lint('small.yaml'));
      await linter.releaseWorkers();
      assert.notEqual(threadOf(await lint('small.yaml')), small2, 'releasing every worker kept one');
    } finally {
      await linter.dispose();
    }
  },
);
