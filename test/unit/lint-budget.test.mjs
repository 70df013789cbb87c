// A spent time budget keeps what was found: rule functions stop being called, the findings computed so
// far are returned, and one finding names the rules that did not finish. The clocks are simulated (the rule
// function advances them), so the test does not depend on the machine's speed. The budget counts the lint
// thread's CPU time when the host can tell it: time spent waiting for a core on a loaded machine is not
// charged to the document (up to a wall-clock cap of five times the budget).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { engine, workspace, trusted } from './helpers/engine.mjs';

const operations = Array.from(
  { length: 8 },
  (_, i) => `  /items${i}:\n    get:\n      operationId: op${i}\n      responses: { '200': { description: OK } }\n`,
).join('');
const API = `openapi: 3.0.3\ninfo: { title: T, version: '1', x-audience: external-public }\npaths:\n${operations}`;

test('past the budget, the findings so far are kept and one finding names the unfinished rule', async () => {
  const root = workspace({
    'api.yaml': API,
    // Each call "takes" 10 s of the simulated clock.
    'functions/slow.js':
      'module.exports = function slow() { globalThis.__budgetTestClock += 10000; return [{ message: "slow finding" }]; };\n',
    '.spectral.yaml':
      'extends: ["api-exposure-lint:exposure"]\nfunctions: [slow]\nrules:\n  slow:\n    given: $.paths[*][*]\n    then: { function: slow }\n',
  });
  const file = path.join(root, 'api.yaml');
  // Wall-clock counting: a host that cannot tell the thread's CPU time.
  const linter = new engine.Linter({ ...engine.createNodeHost(), threadCpuMs: undefined });
  const lint = (timeoutMs) => linter.lint({ filePath: file, text: readFileSync(file, 'utf8'), trust: trusted, timeoutMs });
  const realNow = Date.now;
  globalThis.__budgetTestClock = realNow();
  Date.now = () => globalThis.__budgetTestClock;
  try {
    const complete = await lint(1_000_000);
    assert.equal(complete.findings.filter((f) => f.code === 'slow').length, 8);
    assert.ok(!complete.findings.some((f) => f.code === 'lint-timeout'));

    // 25 s: the calls starting at +0, +10 and +20 s run; the other five start past the budget.
    const partial = await lint(25_000);
    assert.equal(partial.findings.filter((f) => f.code === 'slow').length, 3);
    const stopped = partial.findings.filter((f) => f.code === 'lint-timeout');
    assert.equal(stopped.length, 1);
    assert.match(
      stopped[0].message,
      /^Linting stopped after 25 s: rule "slow" did not finish, so its findings may be incomplete; all other results are shown/,
    );
    const exposure = (r) =>
      r.findings
        .filter((f) => engine.EXPOSURE_RULE_CODES.includes(f.code))
        .map((f) => f.code + f.path.join('.'))
        .sort();
    assert.deepEqual(exposure(partial), exposure(complete), 'the rules that ran before the budget was spent keep all their findings');
  } finally {
    Date.now = realNow;
  }
});

/** Lints the 8-operation API with a rule whose every call takes 10 s of wall-clock time and `cpuPerCall` of CPU. */
async function lintWithClocks({ timeoutMs, cpuPerCall }) {
  const root = workspace({
    'api.yaml': API,
    'functions/slow.js': `module.exports = function slow() { globalThis.__budgetTestClock += 10000; globalThis.__budgetTestCpu += ${cpuPerCall}; return [{ message: "slow finding" }]; };\n`,
    '.spectral.yaml':
      'extends: ["api-exposure-lint:exposure"]\nfunctions: [slow]\nrules:\n  slow:\n    given: $.paths[*][*]\n    then: { function: slow }\n',
  });
  const file = path.join(root, 'api.yaml');
  const linter = new engine.Linter({ ...engine.createNodeHost(), threadCpuMs: () => globalThis.__budgetTestCpu });
  const realNow = Date.now;
  globalThis.__budgetTestClock = realNow();
  globalThis.__budgetTestCpu = 0;
  Date.now = () => globalThis.__budgetTestClock;
  try {
    const result = await linter.lint({ filePath: file, text: readFileSync(file, 'utf8'), trust: trusted, timeoutMs });
    return {
      slow: result.findings.filter((f) => f.code === 'slow').length,
      stopped: result.findings.some((f) => f.code === 'lint-timeout'),
    };
  } finally {
    Date.now = realNow;
  }
}

const CPU_BUDGET_CASES = [
  // A loaded machine: the thread got a tenth of the wall-clock time. 80 s of waiting, 8 s of CPU: within 25 s.
  { name: 'waiting for a core is not charged', timeoutMs: 25_000, cpuPerCall: 1000, slow: 8, stopped: false },
  // An idle machine: CPU time is wall-clock time, the budget stops the same calls as a wall clock would.
  { name: 'CPU time counts', timeoutMs: 25_000, cpuPerCall: 10_000, slow: 3, stopped: true },
  // No CPU at all (awaiting something that never comes): stopped past five times the budget of wall-clock time.
  { name: 'waiting is capped at five times the budget', timeoutMs: 10_000, cpuPerCall: 0, slow: 6, stopped: true },
];

for (const { name, timeoutMs, cpuPerCall, slow, stopped } of CPU_BUDGET_CASES) {
  test(`the budget counts the thread's CPU time: ${name}`, async () => {
    assert.deepEqual(await lintWithClocks({ timeoutMs, cpuPerCall }), { slow, stopped });
  });
}

test("the Node host reads the calling thread's CPU time (Linux), which grows while it computes", () => {
  const host = engine.createNodeHost();
  const before = host.threadCpuMs();
  if (process.platform !== 'linux') return assert.equal(before, undefined);
  assert.equal(typeof before, 'number');
  let after = before;
  const deadline = Date.now() + 60_000;
  let sum = 0; // busy work the engine cannot skip: its result is asserted below
  for (; after - before < 30 && Date.now() < deadline; after = host.threadCpuMs()) for (let i = 0; i < 1e6; i++) sum += i;
  assert.ok(sum > 0);
  assert.ok(after - before >= 30, `${before} → ${after}`);
});

test('the budget grows with the document beyond 3 MB', () => {
  assert.equal(engine.effectiveBudgetMs(30_000, 100_000), 30_000);
  assert.equal(engine.effectiveBudgetMs(30_000, 3_000_000), 30_000);
  assert.equal(engine.effectiveBudgetMs(30_000, 13_000_000), 130_000);
  assert.equal(engine.effectiveBudgetMs(undefined, 21_000_000), 210_000);
});
