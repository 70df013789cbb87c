// bin/api-exposure-lint.js starts the first lint worker before the CLI bundle loads, told which ruleset to warm up
// meanwhile, and the CLI lints with that very worker (one worker for one file, not one started early and another
// one later), with the same results as `node dist/cli.js`. Runs that lint nothing start no worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CLI_V8_FLAGS, loadBundle } from '../../dist/cli.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(repoRoot, 'bin/api-exposure-lint.js');
const TRACE = path.join(repoRoot, 'test/unit/helpers/trace-cli-start.cjs');

async function tracedRun(args, script = BIN) {
  const outcome = await promisify(execFile)(process.execPath, ['--require', TRACE, script, ...args], { cwd: repoRoot }).catch(
    (error) => error,
  );
  const line = outcome.stderr.split('\n').find((l) => l.startsWith('TRACE '));
  assert.ok(line, `no trace in stderr: ${outcome.stderr}`);
  return { code: outcome.code ?? 0, stdout: outcome.stdout, events: JSON.parse(line.slice('TRACE '.length)) };
}

const lintWorkers = (events) => events.filter((e) => e.worker === 'lint-worker.js').length;

const warmUps = [
  { name: 'no ruleset option: the default (or the one found by the files)', args: [], warmUp: {} },
  { name: '-r spectral:oas', args: ['-r', 'spectral:oas'], warmUp: { ruleset: 'spectral:oas' } },
  {
    name: '--ruleset=<file>',
    args: ['--ruleset=test/fixtures/cli/rulesets/contact-warn.yaml'],
    warmUp: { ruleset: 'test/fixtures/cli/rulesets/contact-warn.yaml' },
  },
];
for (const { name, args, warmUp } of warmUps) {
  test(`the early worker warms up the run's ruleset (${name}); results equal node dist/cli.js's`, async () => {
    const files = ['examples/petstore-external.yaml', 'examples/orders-internal.yaml'];
    const viaBin = await tracedRun(['--format', 'json', ...args, ...files]);
    const direct = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'dist/cli.js'), '--format', 'json', ...args, ...files],
      {
        cwd: repoRoot,
      },
    ).catch((error) => error);
    assert.equal(viaBin.code, direct.code ?? 0);
    assert.deepEqual(JSON.parse(viaBin.stdout), JSON.parse(direct.stdout));
    const early = viaBin.events.find((e) => e.worker === 'lint-worker.js');
    assert.deepEqual(early?.warmUp, warmUp, JSON.stringify(viaBin.events));
  });
}

test('the lint worker starts before the CLI bundle loads, and that worker does the lint', async () => {
  const { code, stdout, events } = await tracedRun(['--format', 'json', 'examples/petstore-external.yaml']);
  assert.equal(code, 1, 'the example has errors');
  assert.ok(
    JSON.parse(stdout).some((f) => f.severity === 'error'),
    stdout,
  );
  const started = events.findIndex((e) => e.worker === 'lint-worker.js');
  const cliLoaded = events.findIndex((e) => e.bundle === 'cli.js');
  assert.ok(started >= 0 && cliLoaded >= 0, JSON.stringify(events));
  assert.ok(started < cliLoaded, `worker started after the CLI loaded: ${JSON.stringify(events)}`);
  assert.equal(lintWorkers(events), 1, `one file, one worker: ${JSON.stringify(events)}`);
  // The CLI's workers have a small young generation (CLI_YOUNG_GENERATION_MB); the early one too, or it is not adopted.
  assert.equal(events[started].youngGenerationMb, 8, JSON.stringify(events));
});

test('a run with a big file gets workers with a bigger young generation, the early one too (and it does the lint)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ael-big-'));
  try {
    // Just over the threshold, and quick to lint: one long description.
    const file = path.join(dir, 'big.json');
    const spec = { openapi: '3.0.3', info: { title: 'Big', version: '1', description: 'x'.repeat(5_000_000) }, paths: {} };
    writeFileSync(file, JSON.stringify(spec));
    const { code, stdout, events } = await tracedRun(['--format', 'json', '-r', 'spectral:oas', file]);
    assert.equal(code, 0, 'warnings only');
    assert.ok(
      JSON.parse(stdout).some((f) => f.code === 'oas3-api-servers'),
      stdout,
    );
    const workers = events.filter((e) => e.worker === 'lint-worker.js');
    assert.equal(workers.length, 1, `the early worker was adopted: ${JSON.stringify(events)}`);
    assert.equal(workers[0].youngGenerationMb, 32, JSON.stringify(events));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("each of the CLI's lint workers, early or not, has its small young generation", async () => {
  const { events } = await tracedRun(['--format', 'json', 'examples/petstore-external.yaml', 'examples/orders-internal.yaml']);
  const workers = events.filter((e) => e.worker === 'lint-worker.js');
  assert.equal(workers.length, 2, JSON.stringify(events));
  for (const worker of workers) assert.equal(worker.youngGenerationMb, 8, JSON.stringify(events));
});

// V8's flags are the whole process's: set before the first worker starts, this one bounds every lint's heap growth.
// The language server's bound is 50%, the CLI's lower (it trades some time on the biggest specs for memory).
const SERVER_HEAP_GROWTH = '--heap-growing-percent=50';
const CLI_HEAP_GROWTH = `--heap-growing-percent=${CLI_V8_FLAGS.heapGrowingPercent}`;
const boundsHeapBeforeWorkers = (events, growth) => {
  const flag = events.findIndex((e) => e.v8Flags === growth);
  const worker = events.findIndex((e) => e.worker === 'lint-worker.js');
  return flag >= 0 && (worker < 0 || flag < worker);
};

test('the CLI bounds V8 heap growth before its lint worker starts, launched by bin or as dist/cli.js', async () => {
  const { events } = await tracedRun(['--format', 'json', 'examples/petstore-external.yaml']);
  assert.ok(CLI_V8_FLAGS.heapGrowingPercent < 50);
  assert.ok(boundsHeapBeforeWorkers(events, CLI_HEAP_GROWTH), JSON.stringify(events));
  const direct = await tracedRun(['examples/petstore-external.yaml'], path.join(repoRoot, 'dist/cli.js'));
  assert.ok(boundsHeapBeforeWorkers(direct.events, CLI_HEAP_GROWTH), JSON.stringify(direct.events));
});

test('the language server bounds V8 heap growth when it starts', async () => {
  const server = execFile(process.execPath, ['--require', TRACE, path.join(repoRoot, 'dist/server.js'), '--stdio'], { cwd: repoRoot });
  let stderr = '';
  server.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => server.on('exit', resolve));
  server.stdin.end(); // the client went away: the server exits
  await exited;
  const line = stderr.split('\n').find((l) => l.startsWith('TRACE '));
  assert.ok(line, stderr);
  assert.ok(boundsHeapBeforeWorkers(JSON.parse(line.slice('TRACE '.length)), SERVER_HEAP_GROWTH), line);
});

const noLint = [
  { name: '--version', args: ['--version'] },
  { name: '--help', args: ['--help'] },
  { name: 'merge --help', args: ['merge', '--help'] },
];
for (const { name, args } of noLint) {
  test(`\`${name}\` starts no lint worker`, async () => {
    const { code, events } = await tracedRun(args);
    assert.equal(code, 0);
    assert.equal(lintWorkers(events), 0, JSON.stringify(events));
  });
}

test('a run that fails on its arguments exits 2 at once, the early worker notwithstanding', async () => {
  const { code, events } = await tracedRun(['--no-such-option', 'examples/petstore-external.yaml']);
  assert.equal(code, 2);
  assert.ok(lintWorkers(events) <= 1, JSON.stringify(events));
});

// The main thread of a plain lint reads arguments and files and writes reports: the engine runs in the workers, and
// dist/cli.js is built without it (scripts/build.mjs). What runs the engine in the main thread is in dist/cli-engine.js,
// loaded by the runs that need it, and gives them what they had before the split.
const engineLoads = (events) => events.filter((e) => e.bundle === 'cli-engine.js').length;
const PETSTORE = 'examples/petstore-external.yaml';
const sarifRuleDocs = (log) => log.runs[0].tool.driver.rules.filter((rule) => rule.helpUri).map((rule) => rule.id);
const engineRuns = [
  { name: 'a plain lint', args: ['--format', 'json', PETSTORE], loads: 0, check: (out) => assert.ok(JSON.parse(out).length > 0) },
  {
    name: 'SARIF (the built-in rules described, from dist/builtin-rules.json)',
    args: ['--format', 'sarif', PETSTORE],
    loads: 0,
    check: (out) => assert.ok(sarifRuleDocs(JSON.parse(out)).includes('external-oauth2'), out),
  },
  {
    name: '--fix-dry-run (the built-in rules fix)',
    args: ['--fix-dry-run', PETSTORE],
    loads: 1,
    check: (out) => assert.match(out, /^\+\+\+ .*petstore-external\.yaml/m),
  },
  {
    name: 'a file that is not OpenAPI (is it a fragment?)',
    args: ['--format', 'json', 'test/fixtures/cli/not-openapi.yaml'],
    loads: 1,
    check: (out) => assert.deepEqual(JSON.parse(out), []),
  },
];
for (const { name, args, loads, check } of engineRuns) {
  test(`the CLI's main thread loads the engine's bundle only when the run needs it: ${name}`, async () => {
    const { stdout, events } = await tracedRun(args);
    check(stdout);
    assert.equal(engineLoads(events), loads, JSON.stringify(events));
  });
}

test("--output sarif=<file> beside the console's report describes the built-in rules too", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-engine-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'out.sarif');
  const { events } = await tracedRun(['--output', `sarif=${file}`, PETSTORE]);
  assert.ok(sarifRuleDocs(JSON.parse(readFileSync(file, 'utf8'))).includes('external-oauth2'));
  assert.equal(engineLoads(events), 0, JSON.stringify(events));
});

test("the built-in rules SARIF describes, written by the build, are the rule modules' own", () => {
  const written = JSON.parse(readFileSync(path.join(repoRoot, 'dist/builtin-rules.json'), 'utf8'));
  const fromEngine = loadBundle(path.join(repoRoot, 'dist/cli-engine.js')).exports.builtinRuleMetadata();
  assert.ok(fromEngine.some((rule) => rule.id === 'external-oauth2' && rule.description && rule.documentationUrl));
  assert.deepEqual(written, fromEngine);
});
