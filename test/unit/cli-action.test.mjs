// action.yml, checked as a structure: every input is declared and used, steps reference only declared
// inputs, and the two lint scripts, run by bash with a stub CLI for a table of inputs, produce command
// lines that parseArgs accepts with the options the inputs ask for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../dist/cli.js';
import { scratchDir } from '../shared/scratch.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const actionText = readFileSync(path.join(repo, 'action.yml'), 'utf8');
const action = YAML.parse(actionText);
const INPUTS = [
  'files',
  'ruleset',
  'fail-severity',
  'sarif',
  'sarif-file',
  'changed-since',
  'new-only',
  'audience',
  'trust-workspace-code',
  'exposure-review',
  'exposure-comment',
  'fail-on-review',
  'github-token',
];
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
      assert.match(expression, /^github\.(action_path|event\.pull_request\.(base\.sha|number)|repository|token)$/);
    }
  }
  for (const step of steps) for (const [, name] of (step.if ?? '').matchAll(/inputs\.([\w-]+)/g)) used.add(name);
  assert.deepEqual([...used].sort(), [...INPUTS].sort(), 'every input is used');
  // Scripts never interpolate ${{ }} themselves: inputs arrive as environment variables.
  for (const step of steps) if (step.run) assert.doesNotMatch(step.run, EXPRESSION, step.name);
});

/** Runs a step's script with bash; the CLI is a stub that records its argv. Returns the argv, or undefined if skipped. */
function runStep(step, inputs) {
  const actionPath = scratchDir('ael-action-');
  mkdirSync(path.join(actionPath, 'bin'));
  const record = path.join(actionPath, 'argv.json');
  writeFileSync(
    path.join(actionPath, 'bin', 'api-exposure-lint.js'),
    `require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\n`,
  );
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default])), 'changed-since': '', ...inputs };
  const evaluate = (text) =>
    text.replace(EXPRESSION, (_, expression) =>
      expression === 'github.action_path' ? actionPath : values[/^inputs\.([\w-]+)$/.exec(expression)[1]],
    );
  if (step.if) {
    const [, name, expected] = /^inputs\.([\w-]+) == '(\w+)'$/.exec(step.if);
    if (values[name] !== expected) return undefined;
  }
  const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, evaluate(v)]));
  const result = spawnSync('bash', ['-c', step.run], {
    cwd: actionPath,
    env: { PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`, ...env },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(readFileSync(record, 'utf8'));
}

const lintStep = () => action.runs.steps.find((s) => s.run?.includes('--format github'));
const sarifStep = () => action.runs.steps.find((s) => s.run?.includes('--format sarif'));

const lintCases = [
  {
    name: 'a pull request with defaults',
    inputs: { 'changed-since': 'abc123' },
    expect: { format: 'github', failSeverity: 'error', changedSince: 'abc123', patterns: [] },
  },
  {
    name: 'every input set',
    inputs: {
      files: 'apis/**/*.yaml\nspecs/public.json',
      ruleset: '.spectral.yaml',
      'fail-severity': 'warn',
      'changed-since': 'abc123',
      'new-only': 'true',
      audience: 'company-internal',
      'trust-workspace-code': 'true',
    },
    expect: {
      format: 'github',
      failSeverity: 'warn',
      changedSince: 'abc123',
      newOnly: true,
      ruleset: '.spectral.yaml',
      audience: 'company-internal',
      trustWorkspaceCode: true,
      patterns: ['apis/**/*.yaml', 'specs/public.json'],
    },
  },
  {
    name: 'a push (no base commit): the whole repository; new-only ignored',
    inputs: { 'new-only': 'true' },
    expect: { format: 'github', patterns: ['.'], newOnly: false },
  },
  {
    name: 'files with spaces between them and a glob bash must not expand',
    inputs: { files: '  a.yaml   *.json ' },
    expect: { patterns: ['a.yaml', '*.json'] },
  },
  {
    name: 'a hostile input is data, not code',
    inputs: { ruleset: '$(touch pwned); `id`' },
    expect: { ruleset: '$(touch pwned); `id`', patterns: ['.'] },
  },
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
  const options = parseArgs(
    runStep(sarifStep(), { sarif: 'true', 'changed-since': 'abc123', 'new-only': 'true', 'trust-workspace-code': 'true' }),
  );
  assert.deepEqual(
    [options.format, options.output, options.changedSince, options.newOnly, options.trustWorkspaceCode, options.patterns],
    ['sarif', 'api-exposure-lint.sarif', undefined, false, true, ['.']],
  );
});

test('action.yml SARIF step: findings (exit 1) do not stop the upload, a usage error (exit 2) does', () => {
  for (const [exitCode, stepStatus] of [
    [0, 0],
    [1, 0],
    [2, 2],
  ]) {
    const step = sarifStep();
    const run = `fake_cli() { return ${exitCode}; }\n` + step.run.replace('node "$ACTION_PATH/bin/api-exposure-lint.js"', 'fake_cli');
    const result = spawnSync('bash', ['-c', run], {
      env: {
        PATH: process.env.PATH,
        INPUT_FILES: '',
        INPUT_RULESET: '',
        INPUT_AUDIENCE: '',
        INPUT_TRUST_WORKSPACE_CODE: 'false',
        INPUT_SARIF_FILE: 'x.sarif',
      },
    });
    assert.equal(result.status, stepStatus, `CLI exit ${exitCode}`);
  }
});

/**
 * Runs the exposure review step with bash: a stub CLI that records its argv, writes the markdown it was asked
 * for and exits with `cliExit`; a stub `gh` that records its calls and lists `existingComment` if given.
 */
function runExposureStep(inputs, { cliExit = 0, existingComment, prNumber = '42' } = {}) {
  const step = action.runs.steps.find((s) => s.run?.includes('diff --base'));
  const dir = scratchDir('ael-action-review-');
  mkdirSync(path.join(dir, 'bin'));
  const files = {
    argv: path.join(dir, 'argv.json'),
    gh: path.join(dir, 'gh.log'),
    summary: path.join(dir, 'summary.md'),
    env: path.join(dir, 'env'),
  };
  writeFileSync(files.summary, '# earlier steps\n');
  writeFileSync(files.env, '');
  writeFileSync(
    path.join(dir, 'bin', 'api-exposure-lint.js'),
    `const fs = require('fs'); const argv = process.argv.slice(2); fs.writeFileSync(${JSON.stringify(files.argv)}, JSON.stringify(argv));
     const out = argv[argv.indexOf('--output') + 1].replace(/^markdown=/, ''); fs.writeFileSync(out, '## API exposure changes\\n\\nstub\\n'); process.exit(${cliExit});\n`,
  );
  writeFileSync(
    path.join(dir, 'bin', 'gh'),
    `#!/bin/sh\necho "$*" >> ${JSON.stringify(files.gh)}\ncase "$*" in *--paginate*) ${existingComment ? `echo ${existingComment}` : 'true'};; esac\n`,
    { mode: 0o755 },
  );
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default])), 'changed-since': '', ...inputs };
  const context = {
    'github.action_path': dir,
    'github.token': 'TOKEN',
    'github.event.pull_request.number': prNumber,
    'github.repository': 'owner/repo',
  };
  const evaluate = (text) => text.replace(EXPRESSION, (_, e) => (e in context ? context[e] : values[/^inputs\.([\w-]+)$/.exec(e)[1]]));
  const [, name, expected] = /^inputs\.([\w-]+) == '(\w+)'$/.exec(step.if);
  if (values[name] !== expected) return undefined;
  const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, evaluate(v)]));
  const result = spawnSync('bash', ['-c', step.run], {
    cwd: dir,
    env: {
      PATH: `${path.join(dir, 'bin')}:${path.dirname(process.execPath)}:${process.env.PATH}`,
      RUNNER_TEMP: dir,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_ENV: files.env,
      ...env,
    },
    encoding: 'utf8',
  });
  const read = (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    status: result.status,
    stderr: result.stderr,
    argv: read(files.argv) && JSON.parse(read(files.argv)),
    gh: read(files.gh),
    summary: read(files.summary),
    env: read(files.env),
  };
}

test('action.yml exposure review: on a pull request, the diff markdown goes to the job summary', () => {
  assert.equal(runExposureStep({ 'exposure-review': 'false', 'changed-since': 'abc123' }), undefined);
  const push = runExposureStep({});
  assert.equal(push.status, 0);
  assert.equal(push.argv, undefined, 'no base commit: no diff');
  const pr = runExposureStep({
    'changed-since': 'abc123',
    files: 'apis specs/a.yaml',
    ruleset: '.spectral.yaml',
    'trust-workspace-code': 'true',
  });
  assert.equal(pr.status, 0, pr.stderr);
  assert.deepEqual(pr.argv.slice(0, 4), ['diff', '--base', 'abc123', '--fail-on-review']);
  assert.ok(pr.argv.includes('--trust-workspace-code') && pr.argv.includes('.spectral.yaml'));
  assert.deepEqual(pr.argv.slice(-3), ['--', 'apis', 'specs/a.yaml']);
  assert.equal(pr.summary, '# earlier steps\n## API exposure changes\n\nstub\n');
  assert.equal(pr.gh, undefined, 'no comment unless asked');
  assert.equal(pr.env, '');
});

test('action.yml exposure review: a change that needs review is recorded for the last step; exit 2 fails at once', () => {
  const review = runExposureStep({ 'changed-since': 'abc123' }, { cliExit: 1 });
  assert.equal(review.status, 0, 'the lint step still runs and annotates the diff');
  assert.equal(review.env, 'API_EXPOSURE_LINT_REVIEW_NEEDED=true\n');
  assert.equal(runExposureStep({ 'changed-since': 'abc123' }, { cliExit: 2 }).status, 2);
  const last = action.runs.steps.at(-1);
  assert.equal(last.if, "inputs.fail-on-review == 'true'");
  for (const [flag, status] of [
    ['true', 1],
    ['', 0],
  ]) {
    assert.equal(
      spawnSync('bash', ['-c', last.run], { env: { PATH: process.env.PATH, API_EXPOSURE_LINT_REVIEW_NEEDED: flag } }).status,
      status,
    );
  }
});

test('action.yml exposure review: the pull-request comment is created once, then edited in place', () => {
  const created = runExposureStep({ 'changed-since': 'abc123', 'exposure-comment': 'true' });
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.gh, /^api repos\/owner\/repo\/issues\/42\/comments --paginate --jq .*\n/);
  assert.match(
    created.gh,
    /\napi --method POST repos\/owner\/repo\/issues\/42\/comments -f body=<!-- api-exposure-lint:exposure-review -->\n## API exposure changes\n\nstub\n$/,
  );
  const edited = runExposureStep({ 'changed-since': 'abc123', 'exposure-comment': 'true' }, { existingComment: '777' });
  assert.match(edited.gh, /\napi --method PATCH repos\/owner\/repo\/issues\/comments\/777 -f body=<!-- api-exposure-lint/);
  assert.doesNotMatch(edited.gh, /--method POST/);
  assert.equal(
    runExposureStep({ 'changed-since': 'abc123', 'exposure-comment': 'true' }, { prNumber: '' }).gh,
    undefined,
    'not a pull request: no comment',
  );
});
