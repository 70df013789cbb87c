import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { engine, workspace, trusted, codes, workerScript, EXTERNAL_API } from './helpers/engine.mjs';

const lint = (linter, file, extra = {}) => linter.lint({ filePath: file, text: readFileSync(file, 'utf8'), trust: trusted, ...extra });

test('the worker gives the same results as the in-process linter', async () => {
  const root = workspace({ 'api.yaml': EXTERNAL_API });
  const file = path.join(root, 'api.yaml');
  const worker = new engine.WorkerLinter({ workerScript });
  try {
    const inWorker = await lint(worker, file);
    const inProcess = await lint(new engine.Linter(engine.createNodeHost()), file);
    assert.deepEqual(inWorker, inProcess);
  } finally {
    await worker.dispose();
  }
});

test('a rule function that never returns is stopped and named; the other results still appear', { timeout: 60000 }, async () => {
  const root = workspace({
    'api.yaml': EXTERNAL_API,
    'functions/spin.js': 'module.exports = function spin() { for (;;) {} };\n',
    '.spectral.yaml':
      'extends: ["api-exposure-lint:exposure"]\nfunctions: [spin]\nrules:\n  endless:\n    given: $.info\n    then: { function: spin }\n',
  });
  const worker = new engine.WorkerLinter({ workerScript, timeoutMs: 6000, ruleTimeoutMs: 500 });
  try {
    const result = await lint(worker, path.join(root, 'api.yaml'));
    assert.equal(result.findings[0].code, 'rule-timeout');
    assert.match(result.findings[0].message, /"endless"/);
    assert.deepEqual(codes(result).slice(1).sort(), ['external-code-samples', 'external-oauth2', 'external-rate-limit']);
    // The worker that was stuck was replaced: the next lint works.
    const again = await lint(worker, path.join(root, 'api.yaml'), { rulesetFile: 'api-exposure-lint:exposure' });
    assert.deepEqual(codes(again).sort(), ['external-code-samples', 'external-oauth2', 'external-rate-limit']);
  } finally {
    await worker.dispose();
  }
});

test('a lint over its time budget is reported as lint-timeout, naming the rule that was running', { timeout: 60000 }, async () => {
  const root = workspace({
    'api.yaml': EXTERNAL_API,
    'functions/spin.js': 'module.exports = function spin() { for (;;) {} };\n',
    '.spectral.yaml': 'functions: [spin]\nrules:\n  r:\n    given: $\n    then: { function: spin }\n',
  });
  // The rule's own budget is longer than the document's: the document's budget stops it.
  const worker = new engine.WorkerLinter({ workerScript, timeoutMs: 1500, ruleTimeoutMs: 600000 });
  try {
    const result = await lint(worker, path.join(root, 'api.yaml'));
    assert.deepEqual(codes(result), ['lint-timeout']);
    assert.match(result.findings[0].message, /Linting stopped after 1\.5 s while rule "r" was running/);
  } finally {
    await worker.dispose();
  }
});

test(
  'the time budget leaves out the worker start-up and the ruleset loading, which have their own bound',
  { timeout: 120000 },
  async () => {
    const root = workspace({
      'api.yaml': EXTERNAL_API,
      // Slow at load time (module scope): 8 s of ruleset loading, twice the lint's budget.
      'functions/slowLoad.js': 'const end = Date.now() + 8000; while (Date.now() < end) {}\nmodule.exports = () => [];\n',
      '.spectral.yaml':
        'extends: ["api-exposure-lint:exposure"]\nfunctions: [slowLoad]\nrules:\n  r:\n    given: $\n    then: { function: slowLoad }\n',
    });
    const worker = new engine.WorkerLinter({ workerScript, timeoutMs: 4000 });
    try {
      const result = await lint(worker, path.join(root, 'api.yaml'));
      assert.deepEqual(codes(result).sort(), ['external-code-samples', 'external-oauth2', 'external-rate-limit']);
    } finally {
      await worker.dispose();
    }
    // A ruleset that never finishes loading is stopped by the set-up bound.
    const stuck = workspace({
      'api.yaml': EXTERNAL_API,
      'functions/neverLoads.js': 'for (;;) {}\nmodule.exports = () => [];\n',
      '.spectral.yaml': 'functions: [neverLoads]\nrules:\n  r:\n    given: $\n    then: { function: neverLoads }\n',
    });
    const bounded = new engine.WorkerLinter({ workerScript, timeoutMs: 1000, setupTimeoutMs: 2000 });
    try {
      const result = await lint(bounded, path.join(stuck, 'api.yaml'));
      assert.deepEqual(codes(result), ['lint-timeout']);
      assert.match(result.findings[0].message, /loading the ruleset took over 2 s/);
    } finally {
      await bounded.dispose();
    }
  },
);

test('cancelled requests that have not started are rejected, not run', async () => {
  const root = workspace({ 'api.yaml': EXTERNAL_API });
  const file = path.join(root, 'api.yaml');
  const worker = new engine.WorkerLinter({ workerScript });
  try {
    const first = lint(worker, file);
    const stale = worker.lint({ filePath: file, text: EXTERNAL_API, trust: trusted }, { isCancellationRequested: true });
    await assert.rejects(stale, (e) => e.name === 'LintCancelledError');
    assert.equal((await first).isOpenApi, true);
  } finally {
    await worker.dispose();
  }
});

test('ruleset errors cross the worker boundary as RulesetLoadError', async () => {
  const root = workspace({ 'api.yaml': EXTERNAL_API, '.spectral.yaml': 'rules:\n  bad: { given: 1 }\n' });
  const worker = new engine.WorkerLinter({ workerScript });
  try {
    await assert.rejects(
      lint(worker, path.join(root, 'api.yaml')),
      (e) => e.name === 'RulesetLoadError' && e.rulesetFile.endsWith('.spectral.yaml') && /rules\.bad\.given/.test(e.message),
    );
  } finally {
    await worker.dispose();
  }
});

test(
  'a running lint whose request was cancelled is abandoned at once; its worker stops running rules and serves the next lint',
  { timeout: 60000 },
  async () => {
    const root = workspace({
      'api.yaml': EXTERNAL_API,
      // Busy for a few seconds per call: long enough to be stopped rather than awaited.
      'functions/slow.js': 'module.exports = function slow() { const end = Date.now() + 4000; while (Date.now() < end) {} return []; };\n',
      '.spectral.yaml':
        'extends: ["api-exposure-lint:exposure"]\nfunctions: [slow]\nrules:\n  slow-rule:\n    given: $.info\n    then: { function: slow }\n',
    });
    const file = path.join(root, 'api.yaml');
    const worker = new engine.WorkerLinter({ workerScript, timeoutMs: 60000 });
    try {
      const token = { isCancellationRequested: false };
      const running = worker.lint({ filePath: file, text: readFileSync(file, 'utf8'), trust: trusted }, token);
      token.isCancellationRequested = true; // the user typed again while it runs
      await assert.rejects(running, (e) => e.name === 'LintCancelledError');
      const next = await lint(worker, file, { rulesetFile: 'api-exposure-lint:exposure' });
      assert.deepEqual(codes(next).sort(), ['external-code-samples', 'external-oauth2', 'external-rate-limit']);
    } finally {
      await worker.dispose();
    }
  },
);

test('the quick-fix worker gives the same fixes as the in-process fixers', async () => {
  const root = workspace({ 'api.yaml': EXTERNAL_API });
  const file = path.join(root, 'api.yaml');
  const { findings } = await lint(new engine.Linter(engine.createNodeHost()), file);
  const fixes = new engine.FixWorker(workerScript);
  try {
    for (const finding of findings) {
      assert.deepEqual(
        await fixes.run({ kind: 'all', text: EXTERNAL_API, finding, format: 'yaml' }),
        engine.getFixes(EXTERNAL_API, finding, { format: 'yaml' }),
      );
      const listed = await fixes.run({ kind: 'list', text: EXTERNAL_API, finding, format: 'yaml' });
      assert.deepEqual(listed, engine.listFixes(EXTERNAL_API, finding, { format: 'yaml' }));
      assert.deepEqual(
        await fixes.run({ kind: 'resolve', text: EXTERNAL_API, finding, id: listed[0].id, format: 'yaml' }),
        engine.resolveFix(EXTERNAL_API, finding, listed[0].id, { format: 'yaml' }),
      );
    }
    assert.deepEqual(
      await fixes.run({ kind: 'fixAll', text: EXTERNAL_API, findings, format: 'yaml' }),
      engine.getFixAllEdits(EXTERNAL_API, findings, { format: 'yaml' }),
    );
  } finally {
    await fixes.dispose();
  }
});

test('idle workers can be released (their memory given back); the next lint starts a fresh one', async () => {
  const root = workspace({ 'api.yaml': EXTERNAL_API });
  const file = path.join(root, 'api.yaml');
  const worker = new engine.WorkerLinter({ workerScript });
  try {
    const before = await lint(worker, file);
    await worker.releaseWorkers();
    assert.deepEqual(await lint(worker, file), before);
  } finally {
    await worker.dispose();
  }
});

test('a lint stopped past its budget still shows the exposure findings, computed alone', { timeout: 180000 }, async () => {
  const spin = (name) => `  ${name}:\n    given: $.info\n    then: { function: spin }\n`;
  const root = workspace({
    'api.yaml': EXTERNAL_API,
    'functions/spin.js': 'module.exports = function spin() { for (;;) {} };\n',
    // More endless rules than the worker retries without them: the last one runs into the hard stop.
    '.spectral.yaml': `extends: ["api-exposure-lint:exposure"]\nfunctions: [spin]\nrules:\n${['a', 'b', 'c', 'd'].map(spin).join('')}`,
  });
  const worker = new engine.WorkerLinter({ workerScript, timeoutMs: 3000, ruleTimeoutMs: 300 });
  try {
    const result = await lint(worker, path.join(root, 'api.yaml'));
    assert.equal(result.findings[0].code, 'lint-timeout');
    assert.match(result.findings[0].message, /only the exposure rules' findings are shown/);
    assert.deepEqual(codes(result).slice(1).sort(), ['external-code-samples', 'external-oauth2', 'external-rate-limit']);
  } finally {
    await worker.dispose();
  }
});
