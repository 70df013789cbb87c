// A spent time budget keeps what was found: rule functions stop being called, the findings computed so
// far are returned, and one finding names the rules that did not finish. The clock is simulated (the rule
// function advances it), so the test does not depend on the machine's speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { engine, workspace, trusted } from './helpers/engine.mjs';

const operations = Array.from({ length: 8 }, (_, i) => `  /items${i}:\n    get:\n      operationId: op${i}\n      responses: { '200': { description: OK } }\n`).join('');
const API = `openapi: 3.0.3\ninfo: { title: T, version: '1', x-audience: external-public }\npaths:\n${operations}`;

test('past the budget, the findings so far are kept and one finding names the unfinished rule', async () => {
  const root = workspace({
    'api.yaml': API,
    // Each call "takes" 10 s of the simulated clock.
    'functions/slow.js': 'module.exports = function slow() { globalThis.__budgetTestClock += 10000; return [{ message: "slow finding" }]; };\n',
    '.spectral.yaml': 'extends: ["api-exposure-lint:exposure"]\nfunctions: [slow]\nrules:\n  slow:\n    given: $.paths[*][*]\n    then: { function: slow }\n',
  });
  const file = path.join(root, 'api.yaml');
  const linter = new engine.Linter(engine.createNodeHost());
  const lint = (timeoutMs) => linter.lint({ filePath: file, text: readFileSync(file, 'utf8'), trust: trusted, timeoutMs });
  const realNow = Date.now;
  globalThis.__budgetTestClock = realNow();
  Date.now = () => globalThis.__budgetTestClock;
  try {
    const complete = await lint(1_000_000);
    assert.equal(complete.findings.filter((f) => f.code === 'slow').length, 8);
    assert.ok(!complete.findings.some((f) => f.code === 'rule-timeout'));

    // 25 s: the calls starting at +0, +10 and +20 s run; the other five start past the budget.
    const partial = await lint(25_000);
    assert.equal(partial.findings.filter((f) => f.code === 'slow').length, 3);
    const stopped = partial.findings.filter((f) => f.code === 'rule-timeout');
    assert.equal(stopped.length, 1);
    assert.match(stopped[0].message, /^Linting stopped after 25 s: rule "slow" did not finish, so its findings may be incomplete; all other results are shown/);
    const exposure = (r) => r.findings.filter((f) => engine.EXPOSURE_RULE_CODES.includes(f.code)).map((f) => f.code + f.path.join('.')).sort();
    assert.deepEqual(exposure(partial), exposure(complete), 'the rules that ran before the budget was spent keep all their findings');
  } finally {
    Date.now = realNow;
  }
});

test('the budget grows with the document beyond 5 MB', () => {
  assert.equal(engine.effectiveBudgetMs(30_000, 100_000), 30_000);
  assert.equal(engine.effectiveBudgetMs(30_000, 13_000_000), 78_000);
  assert.equal(engine.effectiveBudgetMs(undefined, 20_000_000), 120_000);
});
