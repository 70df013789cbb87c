// The CLI run in-process, with a fake linter: file expansion, per-file failures, configuration errors,
// notes, --quiet, --output and colour decisions. The real engine is exercised by cli-integration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { run, lintFile, createLintPlan, parseArgs } from '../../dist/cli.js';
import { scratchDir } from '../shared/scratch.mjs';

const OPENAPI = 'openapi: 3.0.3\n';

/** A temporary repository: { relative path: content }. */
function makeRepo(files) {
  const root = scratchDir('ael-cli-');
  mkdirSync(path.join(root, '.git'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

/**
 * Fake engine: a document is OpenAPI when it starts with "openapi:"; each line "# <severity> <code> [<json.path>]"
 * becomes a finding (path ["info"] unless given); "# crash" throws; a ruleset file named bad.yaml fails
 * to load; "# untrusted <what>" reports skipped workspace code.
 */
function fakeLinter(calls) {
  return {
    async lint(options) {
      calls.push(options);
      if (options.rulesetFile?.endsWith('bad.yaml')) {
        const error = new Error('rules.x.then.function: function "nope" is not defined\n  at line 4');
        error.name = 'RulesetLoadError';
        error.rulesetFile = options.rulesetFile;
        throw error;
      }
      if (options.text.includes('# crash')) throw new Error('engine exploded');
      const findings = [];
      const untrusted = [];
      options.text.split('\n').forEach((line, i) => {
        const m = /^# (error|warn|info|hint) (\S+)(?: (\S+))?/.exec(line);
        const range = { start: { line: i, character: 0 }, end: { line: i, character: 5 } };
        if (m)
          findings.push({
            code: m[2],
            message: m[2] === 'rule-error' ? 'Rule "boom" of r.yaml failed and was skipped: kaboom' : `${m[2]} says no`,
            severity: m[1],
            path: m[3] ? m[3].split('.') : ['info'],
            range,
          });
        const u = /^# untrusted (.+)/.exec(line);
        if (u) untrusted.push(u[1]);
      });
      const result = {
        isOpenApi: options.text.startsWith('openapi:'),
        format: 'yaml',
        findings,
        operations: [],
        ruleset: options.rulesetFile ?? 'builtin',
      };
      if (untrusted.length > 0) result.untrustedCodeSkipped = untrusted;
      return result;
    },
  };
}

async function cli(cwd, argv, { env = {}, isTTY = false } = {}) {
  const out = [];
  const err = [];
  const calls = [];
  const code = await run({
    argv,
    cwd,
    env,
    stdout: { write: (s) => out.push(s), isTTY },
    stderr: { write: (s) => err.push(s) },
    version: '1.2.3',
    createLinter: () => fakeLinter(calls),
    now: () => 0,
  });
  return { code, stdout: out.join(''), stderr: err.join(''), calls };
}

const lintedFiles = (calls, root) => calls.map((c) => path.relative(root, c.filePath).split(path.sep).join('/'));

test('globs, directories and literal files expand; node_modules, .git and dotfiles are not walked', async () => {
  const root = makeRepo({
    'apis/a.yaml': OPENAPI,
    'apis/nested/b.json': OPENAPI,
    'apis/node_modules/dep/c.yaml': OPENAPI,
    'apis/.hidden/d.yaml': OPENAPI,
    'apis/.spectral.yaml': 'rules: {}\n',
    'apis/readme.md': 'hi',
    'other/e.yml': OPENAPI,
  });
  mkdirSync(path.join(root, '.git', 'x'), { recursive: true });
  writeFileSync(path.join(root, '.git', 'x', 'f.yaml'), OPENAPI);
  symlinkSync(path.join(root, 'other', 'e.yml'), path.join(root, 'apis', 'link.yaml'));

  const glob = await cli(root, ['--format', 'json', 'apis/**/*.{yaml,json}']);
  assert.equal(glob.code, 0, glob.stderr);
  assert.deepEqual(lintedFiles(glob.calls, root), ['apis/a.yaml', 'apis/link.yaml', 'apis/nested/b.json']);

  const dir = await cli(root, ['--format', 'json', 'apis', 'other/e.yml', './apis/a.yaml']);
  assert.deepEqual(lintedFiles(dir.calls, root), ['apis/a.yaml', 'apis/link.yaml', 'apis/nested/b.json', 'other/e.yml']);

  // A literal path is linted even where a walk would not go.
  const literal = await cli(root, ['--format', 'json', 'apis/node_modules/dep/c.yaml']);
  assert.deepEqual(lintedFiles(literal.calls, root), ['apis/node_modules/dep/c.yaml']);
});

test('lint options: repository root for discovery and trust, audiences, explicit ruleset, throw on ruleset errors', async () => {
  const root = makeRepo({ 'apis/a.yaml': OPENAPI, 'config/rules.yaml': 'rules: {}\n' });
  const { code, calls } = await cli(path.join(root, 'apis'), [
    '--ruleset',
    '../config/rules.yaml',
    '--audience',
    'company-internal',
    '--audience-glob',
    'partner/**=external-partner',
    '--trust-workspace-code',
    'a.yaml',
  ]);
  assert.equal(code, 0);
  const [options] = calls;
  assert.equal(options.filePath, path.join(root, 'apis', 'a.yaml'));
  assert.equal(options.text, OPENAPI);
  assert.equal(options.rulesetFile, path.join(root, 'config', 'rules.yaml'));
  assert.equal(options.discoveryRoot, root);
  assert.equal(options.onRulesetError, 'throw');
  assert.deepEqual(options.trust, { trustWorkspaceCode: true, allowRemote: false, allowedRoots: [root, path.join(root, 'config')] });
  assert.deepEqual(options.audience, {
    defaultAudience: 'company-internal',
    audienceByGlob: [{ glob: 'partner/**', audience: 'external-partner', origin: '--audience-glob', baseDir: path.join(root, 'apis') }],
  });

  const builtin = await cli(root, ['--ruleset', 'spectral:oas', '--allow-remote', 'apis/a.yaml']);
  assert.equal(builtin.calls[0].rulesetFile, 'spectral:oas');
  assert.deepEqual(builtin.calls[0].trust, { trustWorkspaceCode: false, allowRemote: true, allowedRoots: [root] });
  assert.equal((await cli(root, ['apis/a.yaml'])).calls[0].rulesetFile, undefined);
});

const usageErrors = [
  { argv: ['nothing/**/*.yaml'], line: 'api-exposure-lint: no files match nothing/**/*.yaml' },
  { argv: ['missing.yaml'], line: 'api-exposure-lint: no such file: missing.yaml' },
  {
    argv: ['--format', 'xml', 'a.yaml'],
    line: 'api-exposure-lint: invalid value "xml" for --format: expected one of stylish, json, sarif, github, gitlab, junit',
  },
  { argv: ['--baseline', 'missing.json', 'a.yaml'], line: /^api-exposure-lint: cannot read baseline \S+missing\.json: ENOENT: .+$/ },
  { argv: ['--baseline', 'a.yaml', 'a.yaml'], line: /^api-exposure-lint: baseline \S+a\.yaml is not valid JSON: .+$/ },
  {
    argv: ['--baseline', 'old.json', 'a.yaml'],
    line: /^api-exposure-lint: baseline \S+old\.json: expected \{ "version": 1, "findings": \[\.\.\.\] \} \(write one with --write-baseline\)$/,
  },
  {
    argv: ['--ruleset', 'bad.yaml', 'a.yaml'],
    line: /^api-exposure-lint: ruleset \S+bad\.yaml: rules\.x\.then\.function: function "nope" is not defined at line 4$/,
  },
];

for (const { argv, line } of usageErrors) {
  test(`exit 2 with one stderr line for ${argv.join(' ')}`, async () => {
    const root = makeRepo({ 'a.yaml': OPENAPI, 'bad.yaml': 'rules: {}\n', 'old.json': '{ "version": 0, "findings": [] }' });
    const { code, stdout, stderr } = await cli(root, argv);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr.split('\n').length, 2, stderr); // one line plus the final newline
    if (typeof line === 'string') assert.equal(stderr, line + '\n');
    else assert.match(stderr.trimEnd(), line);
  });
}

test('--verbose adds detail to a ruleset error', async () => {
  const root = makeRepo({ 'a.yaml': OPENAPI, 'bad.yaml': 'rules: {}\n' });
  const { code, stderr } = await cli(root, ['--verbose', '--ruleset', 'bad.yaml', 'a.yaml']);
  assert.equal(code, 2);
  assert.ok(stderr.split('\n').length > 2);
});

test('a binary file or an engine failure is reported on that file and the others are still linted', async () => {
  const root = makeRepo({ 'a.yaml': OPENAPI + '# warn w1\n', 'b.yaml': 'openapi: 3.0.3\n# crash\n', 'c.yaml': OPENAPI + '# error e1\n' });
  writeFileSync(path.join(root, 'bin.yaml'), Buffer.from([0x6f, 0x70, 0x00, 0x01, 0x02]));
  const { code, stdout, stderr, calls } = await cli(root, ['--format', 'json', '*.yaml']);
  assert.equal(code, 1);
  assert.equal(stderr, '✖ 4 problems (3 errors, 1 warning, 0 infos, 0 hints) in 4 files, 0.00 s\n');
  assert.deepEqual(lintedFiles(calls, root), ['a.yaml', 'b.yaml', 'c.yaml']);
  assert.deepEqual(
    JSON.parse(stdout).map((f) => [f.file, f.code, f.severity, f.message]),
    [
      ['a.yaml', 'w1', 'warn', 'w1 says no'],
      ['b.yaml', 'lint-error', 'error', 'lint failed: engine exploded'],
      ['bin.yaml', 'lint-error', 'error', 'binary file, not linted'],
      ['c.yaml', 'e1', 'error', 'e1 says no'],
    ],
  );
});

test('non-OpenAPI files are skipped with a note on stderr, silenced by --quiet', async () => {
  const root = makeRepo({ 'api.yaml': OPENAPI, 'compose.yaml': 'services: {}\n' });
  const loud = await cli(root, ['api.yaml', 'compose.yaml']);
  assert.equal(loud.code, 0);
  assert.equal(loud.stderr, 'api-exposure-lint: skipped compose.yaml: not an OpenAPI or Swagger document\n');
  assert.equal(loud.stdout, 'No problems found in 1 file, 0.00 s\n');
  const quiet = await cli(root, ['--quiet', 'api.yaml', 'compose.yaml']);
  assert.equal(quiet.stderr, '');
  assert.equal(quiet.stdout, '');
});

test('--quiet shows only errors, no summary; the exit code still honours --fail-severity', async () => {
  const root = makeRepo({ 'a.yaml': OPENAPI + '# warn w1\n# error e1\n', 'b.yaml': OPENAPI + '# warn w2\n' });
  const quiet = await cli(root, ['--quiet', 'a.yaml', 'b.yaml']);
  assert.equal(quiet.code, 1);
  assert.equal(quiet.stdout, 'a.yaml\n  3:1  error  e1  e1 says no  info\n');
  const onlyWarnings = await cli(root, ['--quiet', '--fail-severity', 'warn', 'b.yaml']);
  assert.equal(onlyWarnings.stdout, '');
  assert.equal(onlyWarnings.code, 1);
  const json = await cli(root, ['--quiet', '--format', 'json', 'a.yaml', 'b.yaml']);
  assert.deepEqual(
    JSON.parse(json.stdout).map((f) => f.code),
    ['e1'],
  );
});

test('--output writes the report to a file and prints the summary on stdout unless --quiet', async () => {
  const root = makeRepo({ 'a.yaml': OPENAPI + '# error e1\n' });
  const loud = await cli(root, ['--format', 'sarif', '--output', 'reports/out.sarif', 'a.yaml'], { isTTY: true });
  assert.equal(loud.code, 1);
  assert.equal(loud.stdout.replace(/\u001b\[\d+m/g, ''), '✖ 1 problem (1 error, 0 warnings, 0 infos, 0 hints) in 1 file, 0.00 s\n');
  const sarif = JSON.parse(readFileSync(path.join(root, 'reports', 'out.sarif'), 'utf8'));
  assert.equal(sarif.runs[0].results[0].ruleId, 'e1');
  assert.equal(sarif.runs[0].tool.driver.version, '1.2.3');

  const quiet = await cli(root, ['--quiet', '--output', 'out.txt', 'a.yaml'], { isTTY: true });
  assert.equal(quiet.stdout, '');
  // Files never get colour codes.
  assert.equal(readFileSync(path.join(root, 'out.txt'), 'utf8'), 'a.yaml\n  2:1  error  e1  e1 says no  info\n');
});

test('--output to an unwritable place is a configuration error', async () => {
  const root = makeRepo({ 'a.yaml': OPENAPI });
  const { code, stderr } = await cli(root, ['--output', 'a.yaml/out.json', 'a.yaml']);
  assert.equal(code, 2);
  assert.match(stderr, /^api-exposure-lint: cannot write output file \S+out\.json: .+\n$/);
});

test('colours only on a TTY without NO_COLOR', async () => {
  const root = makeRepo({ 'a.yaml': OPENAPI + '# error e1\n' });
  assert.match((await cli(root, ['a.yaml'], { isTTY: true })).stdout, /\u001b\[31m/);
  assert.doesNotMatch((await cli(root, ['a.yaml'], { isTTY: true, env: { NO_COLOR: '1' } })).stdout, /\u001b\[/);
  assert.doesNotMatch((await cli(root, ['a.yaml'], { isTTY: false })).stdout, /\u001b\[/);
});

test('--version and --help print to stdout and exit 0 without linting', async () => {
  const root = makeRepo({});
  const version = await cli(root, ['--version']);
  assert.deepEqual([version.code, version.stdout, version.calls.length], [0, '1.2.3\n', 0]);
  const help = await cli(root, ['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: api-exposure-lint \[options\] <files, folders or globs\.\.\.>/);
  for (const option of [
    '--ruleset',
    '--audience',
    '--audience-glob',
    '--format',
    '--output',
    '--fail-severity',
    '--quiet',
    '--trust-workspace-code',
    '--allow-remote',
    '--verbose',
    '--version',
    '--help',
    '--fix',
    '--fix-dry-run',
    '--changed-since',
    '--new-only',
    '--baseline',
    '--write-baseline',
    '--timeout',
    '--max-document-size',
    '--allow-remote-refs',
  ]) {
    assert.ok(help.stdout.includes(option), option);
  }
});

test('--timeout and --max-document-size reach the engine as timeoutMs and maxDocumentSize; absent, the engine defaults apply', async () => {
  const root = makeRepo({ 'a.yaml': OPENAPI });
  const limited = await cli(root, ['--timeout', '2.5', '--max-document-size', '3', '--allow-remote-refs', 'a.yaml']);
  assert.equal(limited.calls[0].timeoutMs, 2500);
  assert.equal(limited.calls[0].maxDocumentSize, 3_000_000);
  assert.equal(limited.calls[0].trust.allowRemote, true);
  const plain = (await cli(root, ['a.yaml'])).calls[0];
  assert.ok(!('timeoutMs' in plain) && !('maxDocumentSize' in plain));
});

// Where the summary line goes: inside the stylish report, else on stderr (stdout holds a machine-readable report).
const summaryCases = [
  { format: 'stylish', stdout: /✖ 1 problem .* 0\.00 s\n$/, stderr: '' },
  ...['json', 'sarif', 'github', 'gitlab'].map((format) => ({
    format,
    stdout: /^(?!.*problem)/s,
    stderr: '✖ 1 problem (1 error, 0 warnings, 0 infos, 0 hints) in 1 file, 0.00 s\n',
  })),
];
for (const { format, stdout, stderr } of summaryCases) {
  test(`summary line for --format ${format}; none with --quiet`, async () => {
    const root = makeRepo({ 'a.yaml': OPENAPI + '# error e1\n' });
    const loud = await cli(root, ['--format', format, 'a.yaml']);
    assert.equal(loud.code, 1);
    assert.match(loud.stdout, stdout);
    assert.equal(loud.stderr, stderr);
    const quiet = await cli(root, ['--quiet', '--format', format, 'a.yaml']);
    assert.equal(quiet.stderr, '');
    assert.doesNotMatch(quiet.stdout, /problem/);
  });
}

test('untrusted workspace code: one note per ruleset on stderr, none with --quiet', async () => {
  const root = makeRepo({
    'a.yaml': OPENAPI + '# untrusted custom functions boom\n# untrusted rule terms\n',
    'b.yaml': OPENAPI + '# untrusted custom functions boom\n# untrusted rule terms\n',
    'c.yaml': OPENAPI,
  });
  const loud = await cli(root, ['--format', 'json', 'a.yaml', 'b.yaml', 'c.yaml']);
  assert.equal(loud.code, 0);
  const notes = loud.stderr.split('\n').filter((l) => l.includes('note:'));
  assert.deepEqual(notes, [
    'api-exposure-lint: note: workspace code not run (untrusted): custom functions boom, rule terms; pass --trust-workspace-code to run it',
  ]);
  assert.equal((await cli(root, ['--quiet', 'a.yaml'])).stderr, '');
});

test('a rule function that failed: every result is printed, then one stderr line per failure, exit 2 (even with --quiet)', async () => {
  const root = makeRepo({ 'a.yaml': OPENAPI + '# error rule-error\n# warn w1\n', 'b.yaml': OPENAPI + '# error e1\n' });
  for (const quiet of [[], ['--quiet']]) {
    const { code, stdout, stderr } = await cli(root, [...quiet, '--format', 'json', 'a.yaml', 'b.yaml']);
    assert.equal(code, 2);
    const shown = JSON.parse(stdout).map((f) => `${f.file} ${f.code}`);
    assert.deepEqual(shown, quiet.length ? ['a.yaml rule-error', 'b.yaml e1'] : ['a.yaml rule-error', 'a.yaml w1', 'b.yaml e1']);
    const lines = stderr.split('\n').filter(Boolean);
    assert.equal(lines[lines.length - 1], 'api-exposure-lint: a.yaml: Rule "boom" of r.yaml failed and was skipped: kaboom');
    assert.equal(lines.filter((l) => l.includes('boom')).length, 1);
  }
  // A rule that ran out of time is the same.
  const slow = makeRepo({ 'a.yaml': OPENAPI + '# error rule-timeout\n' });
  assert.equal((await cli(slow, ['a.yaml'])).code, 2);
});

test('baseline round trip: write (exit 0, sorted, relative to the baseline folder), lint with it (clean), add a finding (only it)', async () => {
  const root = makeRepo({
    'apis/a.yaml': OPENAPI + '# error e1 paths./a.get\n# warn w1\n# error rule-error\n',
    'apis/b.yaml': OPENAPI + '# error e1 paths./b.get\n',
  });
  const written = await cli(root, ['--write-baseline', 'config/baseline.json', 'apis']);
  assert.equal(written.code, 2, 'the failed rule still makes the run incomplete');
  assert.equal(written.stdout, '');
  assert.match(written.stderr, /^api-exposure-lint: wrote 3 findings to baseline config\/baseline\.json\n/);
  const baseline = JSON.parse(readFileSync(path.join(root, 'config', 'baseline.json'), 'utf8'));
  assert.equal(baseline.version, 1);
  assert.deepEqual(
    baseline.findings.map((f) => [f.file, f.code, f.path]),
    [
      ['../apis/a.yaml', 'e1', '/paths/~1a/get'],
      ['../apis/a.yaml', 'w1', '/info'],
      ['../apis/b.yaml', 'e1', '/paths/~1b/get'],
    ],
    'sorted by file, rule, path; run problems (rule-error) are never recorded',
  );
  for (const f of baseline.findings) assert.match(f.fingerprint, /^[0-9a-f]{64}$/);

  // The same baseline written from another folder is byte-identical: paths are relative to the baseline file.
  const before = readFileSync(path.join(root, 'config', 'baseline.json'), 'utf8');
  await cli(path.join(root, 'apis'), ['--write-baseline', '../config/baseline.json', '.']);
  assert.equal(readFileSync(path.join(root, 'config', 'baseline.json'), 'utf8'), before);

  writeFileSync(path.join(root, 'apis/a.yaml'), OPENAPI + '# error e1 paths./a.get\n# warn w1\n');
  const clean = await cli(root, ['--baseline', 'config/baseline.json', '--format', 'json', 'apis']);
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(JSON.parse(clean.stdout), []);

  // Lines move (the baseline does not care) and one finding is new: only it is reported.
  writeFileSync(path.join(root, 'apis/a.yaml'), OPENAPI + '\n\n# warn w1\n# error e1 paths./a.get\n# error e1 paths./a.post\n');
  const added = await cli(root, ['--baseline', 'config/baseline.json', '--format', 'json', 'apis']);
  assert.equal(added.code, 1);
  assert.deepEqual(
    JSON.parse(added.stdout).map((f) => [f.file, f.code, f.path.join('.')]),
    [['apis/a.yaml', 'e1', 'paths./a.post']],
  );

  // Each baseline entry excuses one finding: a second identical finding is new.
  writeFileSync(path.join(root, 'apis/b.yaml'), OPENAPI + '# error e1 paths./b.get\n# error e1 paths./b.get\n');
  const twice = await cli(root, ['--baseline', 'config/baseline.json', '--format', 'json', 'apis/b.yaml']);
  assert.deepEqual(
    JSON.parse(twice.stdout).map((f) => f.code),
    ['e1'],
  );
});

test('files linted two at a time keep their order in the report, whatever order their lints finish in', async () => {
  const root = makeRepo({
    'a.yaml': OPENAPI + '# warn first-rule\n',
    'b.yaml': OPENAPI + '# warn second-rule\n',
    'c.txt.yaml': 'not: openapi\n',
  });
  const calls = [];
  const inner = fakeLinter(calls);
  let running = 0;
  let maxRunning = 0;
  // Each lint waits until both have started (or, if lints ran one at a time, for a deadline): the files are read
  // asynchronously, so either may start first. The first file's lint then also waits for the second one to finish.
  let bothStarted;
  const both = new Promise((resolve) => (bothStarted = resolve));
  let secondFinished;
  const second = new Promise((resolve) => (secondFinished = resolve));
  const withDeadline = async (promise) => {
    let timer;
    await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, 20_000)))]);
    clearTimeout(timer);
  };
  const out = [];
  const err = [];
  const code = await run({
    argv: ['--format', 'json', 'a.yaml', 'b.yaml', 'c.txt.yaml'],
    cwd: root,
    env: {},
    stdout: { write: (s) => out.push(s) },
    stderr: { write: (s) => err.push(s) },
    version: '1.2.3',
    // The first file's lint finishes last.
    createLinter: () => ({
      async lint(options) {
        running++;
        maxRunning = Math.max(maxRunning, running);
        if (running === 2) bothStarted();
        await withDeadline(both);
        if (options.filePath.endsWith('a.yaml')) await withDeadline(second);
        running--;
        if (options.filePath.endsWith('b.yaml')) secondFinished();
        return inner.lint(options);
      },
    }),
    now: () => 0,
    concurrency: 2,
  });
  assert.equal(code, 0);
  assert.equal(maxRunning, 2, 'two lints ran at the same time');
  assert.deepEqual(
    JSON.parse(out.join('')).map((f) => `${f.file} ${f.code}`),
    ['a.yaml first-rule', 'b.yaml second-rule'],
  );
  assert.match(err.join(''), /skipped c\.txt\.yaml/);
});

// A run over a folder of hundreds of specs must not hold every file's text until the report is written: only --fix
// and --fix-dry-run, which edit them, keep it.
for (const { flags, keepsText } of [
  { flags: [], keepsText: false },
  { flags: ['--format', 'sarif'], keepsText: false },
  { flags: ['--fix'], keepsText: true },
  { flags: ['--fix-dry-run'], keepsText: true },
]) {
  test(`a linted file keeps its text ${keepsText ? 'with' : 'without'} ${flags.join(' ') || 'fix options'}`, async () => {
    const root = makeRepo({ 'api.yaml': `${OPENAPI}# warn some-rule\n` });
    const file = path.join(root, 'api.yaml');
    const calls = [];
    const plan = createLintPlan(parseArgs([...flags, file]), { cwd: root, stderr: { write() {} }, createLinter: () => fakeLinter(calls) });
    const linted = await lintFile(file, plan);
    assert.deepEqual(
      linted.report.findings.map((f) => f.code),
      ['some-rule'],
    );
    assert.equal(calls.length, 1);
    assert.equal(linted.source?.text, keepsText ? readFileSync(file, 'utf8') : undefined);
  });
}
