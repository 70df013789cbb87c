// action.yml, checked as a structure: every input is declared and used, steps reference only declared
// inputs, and the two lint scripts, run by bash with a stub CLI for a table of inputs, produce command
// lines that parseArgs accepts with the options the inputs ask for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../dist/cli.js';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const actionText = readFileSync(path.join(repo, 'action.yml'), 'utf8');
const action = YAML.parse(actionText);
const INPUTS = ['files', 'ruleset', 'fail-severity', 'sarif', 'sarif-file', 'changed-since', 'new-only', 'audience', 'trust-workspace-code'];
const EXPRESSION = /\$\{\{\s*([^}]+?)\s*\}\}/g;

test('action.yml: a composite action with the documented inputs and defaults', () => {
  assert.equal(action.runs.using, 'composite');
  assert.deepEqual(Object.keys(action.inputs).sort(), [...INPUTS].sort());
  for (const [name, input] of Object.entries(action.inputs)) {
    assert.ok(input.description?.length > 20, `${name} is described`);
    assert.equal(typeof input.default, 'string', `${name} has a string default`);
  }
  assert.equal(action.inputs['changed-since'].default, '${{ github.event.pull_request.base.sha }}');
  assert.equal(action.inputs['trust-workspace-code'].default, 'false');
  assert.equal(action.inputs.sarif.default, 'false');
  assert.equal(action.inputs['fail-severity'].default, 'error');
});

test('action.yml: Node 20, npm ci in the action path, SARIF upload, and only declared inputs referenced', () => {
  const steps = action.runs.steps;
  const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
  assert.equal(String(setupNode.with['node-version']), '20');
  const install = steps.find((s) => /\bnpm ci\b/.test(s.run ?? ''));
  assert.equal(install['working-directory'], '${{ github.action_path }}');
  assert.ok(steps.indexOf(install) > steps.indexOf(setupNode));
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.equal(upload.if, "inputs.sarif == 'true'");
  assert.equal(upload.with.sarif_file, '${{ inputs.sarif-file }}');
  for (const step of steps) if (step.run) assert.equal(step.shell, 'bash', `${step.name} says its shell`);

  const used = new Set();
  for (const [, expression] of actionText.matchAll(EXPRESSION)) {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) {
      assert.ok(INPUTS.includes(input[1]), `unknown input ${input[1]}`);
      used.add(input[1]);
    } else {
      assert.match(expression, /^github\.(action_path|event\.pull_request\.base\.sha)$/);
    }
  }
  for (const step of steps) for (const [, name] of (step.if ?? '').matchAll(/inputs\.([\w-]+)/g)) used.add(name);
  assert.deepEqual([...used].sort(), [...INPUTS].sort(), 'every input is used');
  // Scripts never interpolate ${{ }} themselves: inputs arrive as environment variables.
  for (const step of steps) if (step.run) assert.doesNotMatch(step.run, EXPRESSION, step.name);
});

/** Runs a step's script with bash; the CLI is a stub that records its argv. Returns the argv, or undefined if skipped. */
function runStep(step, inputs) {
  const actionPath = mkdtempSync(path.join(tmpdir(), 'ael-action-'));
  mkdirSync(path.join(actionPath, 'bin'));
  const record = path.join(actionPath, 'argv.json');
  writeFileSync(path.join(actionPath, 'bin', 'api-exposure-lint.js'), `require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\n`);
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default])), 'changed-since': '', ...inputs };
  const evaluate = (text) =>
    text.replace(EXPRESSION, (_, expression) => (expression === 'github.action_path' ? actionPath : values[/^inputs\.([\w-]+)$/.exec(expression)[1]]));
  if (step.if) {
    const [, name, expected] = /^inputs\.([\w-]+) == '(\w+)'$/.exec(step.if);
    if (values[name] !== expected) return undefined;
  }
  const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, evaluate(v)]));
  const result = spawnSync('bash', ['-c', step.run], { cwd: actionPath, env: { PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`, ...env }, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(readFileSync(record, 'utf8'));
}

const lintStep = () => action.runs.steps.find((s) => s.run?.includes('--format github'));
const sarifStep = () => action.runs.steps.find((s) => s.run?.includes('--format sarif'));

const lintCases = [
  { name: 'a pull request with defaults', inputs: { 'changed-since': 'abc123' }, expect: { format: 'github', failSeverity: 'error', changedSince: 'abc123', patterns: [] } },
  {
    name: 'every input set',
    inputs: { files: 'apis/**/*.yaml\nspecs/public.json', ruleset: '.spectral.yaml', 'fail-severity': 'warn', 'changed-since': 'abc123', 'new-only': 'true', audience: 'company-internal', 'trust-workspace-code': 'true' },
    expect: { format: 'github', failSeverity: 'warn', changedSince: 'abc123', newOnly: true, ruleset: '.spectral.yaml', audience: 'company-internal', trustWorkspaceCode: true, patterns: ['apis/**/*.yaml', 'specs/public.json'] },
  },
  { name: 'a push (no base commit): the whole repository; new-only ignored', inputs: { 'new-only': 'true' }, expect: { format: 'github', patterns: ['.'], newOnly: false } },
  { name: 'files with spaces between them and a glob bash must not expand', inputs: { files: '  a.yaml   *.json ' }, expect: { patterns: ['a.yaml', '*.json'] } },
  { name: 'a hostile input is data, not code', inputs: { ruleset: '$(touch pwned); `id`' }, expect: { ruleset: '$(touch pwned); `id`', patterns: ['.'] } },
];
for (const { name, inputs, expect } of lintCases) {
  test(`action.yml lint step: ${name}`, () => {
    const argv = runStep(lintStep(), inputs);
    const options = parseArgs(argv);
    for (const [key, value] of Object.entries(expect)) assert.deepEqual(options[key], value, key);
  });
}

test('action.yml SARIF step: runs only with sarif true, on every file, to the sarif-file, never with --changed-since', () => {
  assert.equal(runStep(sarifStep(), { 'changed-since': 'abc123' }), undefined);
  const options = parseArgs(runStep(sarifStep(), { sarif: 'true', 'changed-since': 'abc123', 'new-only': 'true', 'trust-workspace-code': 'true' }));
  assert.deepEqual([options.format, options.output, options.changedSince, options.newOnly, options.trustWorkspaceCode, options.patterns], ['sarif', 'api-exposure-lint.sarif', undefined, false, true, ['.']]);
});

test('action.yml SARIF step: findings (exit 1) do not stop the upload, a usage error (exit 2) does', () => {
  for (const [exitCode, stepStatus] of [[0, 0], [1, 0], [2, 2]]) {
    const step = sarifStep();
    const run = `fake_cli() { return ${exitCode}; }\n` + step.run.replace('node "$ACTION_PATH/bin/api-exposure-lint.js"', 'fake_cli');
    const result = spawnSync('bash', ['-c', run], { env: { PATH: process.env.PATH, INPUT_FILES: '', INPUT_RULESET: '', INPUT_AUDIENCE: '', INPUT_TRUST_WORKSPACE_CODE: 'false', INPUT_SARIF_FILE: 'x.sarif' } });
    assert.equal(result.status, stepStatus, `CLI exit ${exitCode}`);
  }
});
