// Workers that die are replaced: a lint worker terminated from outside or out of memory resolves its
// job with one finding saying so (never a partial result) and the next lint gets a fresh worker; a
// quick-fix worker that dies fails its pending requests with a clear error and the next request works; disposing
// the linter (the language server's shutdown) is no crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { engine, workspace, trusted, codes, workerScript, EXTERNAL_API } from './helpers/engine.mjs';
import { pollUntil } from '../shared/poll.mjs';

const lint = (linter, file, extra = {}) => linter.lint({ filePath: file, text: readFileSync(file, 'utf8'), trust: trusted, ...extra });
const EXPOSURE = ['external-code-samples', 'external-oauth2', 'external-rate-limit'];

/** A ruleset whose one custom function behaves as `body` says; plus the good spec. (Functions are bundled: no __dirname of their own.) */
function rulesetWith(body) {
  return workspace({
    'api.yaml': EXTERNAL_API,
    'functions/rogue.js': body,
    '.spectral.yaml':
      'extends: ["api-exposure-lint:exposure"]\nfunctions: [rogue]\nrules:\n  rogue-rule:\n    given: $.info\n    then: { function: rogue }\n',
  });
}

/** A workspace whose rule function signals (through a file) that it is running, then never settles; `started` waits for it. */
function hangingRule() {
  const root = rulesetWith('');
  const running = path.join(root, 'RUNNING');
  writeFileSync(
    path.join(root, 'functions/rogue.js'),
    `module.exports = function rogue() { require('fs').writeFileSync(${JSON.stringify(running)}, ''); return new Promise(() => {}); };\n`,
  );
  return { root, started: () => pollUntil(() => existsSync(running), { what: 'the rule to start', timeoutMs: 60000, intervalMs: 20 }) };
}

test('a lint worker terminated mid-lint: one lint-error for that lint, a new worker for the next', { timeout: 120000 }, async () => {
  const { root, started } = hangingRule();
  const linter = new engine.WorkerLinter({ workerScript, timeoutMs: 120000 });
  try {
    const pending = lint(linter, path.join(root, 'api.yaml'));
    await started();
    // Killed from outside, as an OOM killer or a crash would.
    await linter.workers[0].worker.terminate();
    const result = await pending;
    assert.deepEqual(codes(result), ['lint-error']);
    assert.match(
      result.findings[0].message,
      /^Linting stopped: the lint worker crashed: it exited unexpectedly \(exit code 1\). The worker was replaced/,
    );
    const next = await lint(linter, path.join(root, 'api.yaml'), { rulesetFile: 'api-exposure-lint:exposure' });
    assert.deepEqual(codes(next).sort(), EXPOSURE);
  } finally {
    await linter.dispose();
  }
});

test('a lint worker out of memory: one lint-error naming the limit; the next lint works', { timeout: 120000 }, async () => {
  const root = rulesetWith('module.exports = function rogue() { const hoard = []; for (;;) hoard.push(new Array(1e5).fill({})); };\n');
  const linter = new engine.WorkerLinter({ workerScript, timeoutMs: 120000, ruleTimeoutMs: 120000, maxMemoryMb: 96 });
  try {
    const result = await lint(linter, path.join(root, 'api.yaml'));
    assert.deepEqual(codes(result), ['lint-error']);
    assert.match(result.findings[0].message, /^Linting stopped: it needed more than 96 MB of memory while rule "rogue-rule" was running/);
    const next = await lint(linter, path.join(root, 'api.yaml'), { rulesetFile: 'api-exposure-lint:exposure' });
    assert.deepEqual(codes(next).sort(), EXPOSURE);
  } finally {
    await linter.dispose();
  }
});

test('disposing the linter is no crash: nothing logged, a lint it was running is cancelled', { timeout: 120000 }, async () => {
  const { root, started } = hangingRule();
  const errors = [];
  const log = { info() {}, warn: (m) => errors.push(m), error: (m) => errors.push(m) };
  const linter = new engine.WorkerLinter({ workerScript, timeoutMs: 120000, concurrency: 2, log });
  // One worker has linted and is idle, the other is running a lint that never ends.
  const idle = await lint(linter, path.join(root, 'api.yaml'), { rulesetFile: 'api-exposure-lint:exposure' });
  assert.deepEqual(codes(idle).sort(), EXPOSURE);
  const pending = lint(linter, path.join(root, 'api.yaml'));
  await started();
  const cancelled = assert.rejects(pending, { name: 'LintCancelledError', message: 'Lint cancelled: the linter was shut down' });
  await linter.dispose();
  await cancelled;
  await pollUntil(() => linter.runningThreads() === 0, { what: 'the worker threads to end', intervalMs: 20 });
  assert.deepEqual(errors, []);
});

test('a quick-fix worker that dies fails its pending request clearly; the next request gets a new worker', { timeout: 60000 }, async () => {
  const fixes = new engine.FixWorker(workerScript);
  const finding = {
    code: 'external-oauth2',
    message: '',
    severity: 'error',
    path: ['paths', '/orders', 'get'],
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
  try {
    const pending = fixes.run({ kind: 'list', text: EXTERNAL_API, finding });
    await fixes.worker.terminate();
    await assert.rejects(pending, /the quick-fix worker exited/);
    const listed = await fixes.run({ kind: 'list', text: EXTERNAL_API, finding });
    assert.ok(Array.isArray(listed));
  } finally {
    await fixes.dispose();
  }
});
