// Argument parsing: good vectors → options, bad vectors → UsageError with a message naming the problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../dist/cli.js';

const defaults = {
  patterns: [],
  audienceGlobs: [],
  outputs: [],
  format: 'stylish',
  failSeverity: 'error',
  quiet: false,
  trustWorkspaceCode: false,
  allowRemote: false,
  verbose: false,
  help: false,
  version: false,
  fix: false,
  fixDryRun: false,
  newOnly: false,
  allowRefRoots: [],
};

const good = [
  {
    argv: ['--output', 'sarif=out/r.sarif', '-o', 'markdown=x.md', '--output=junit=j.xml', 'a.yaml'],
    expect: {
      output: 'markdown=x.md',
      outputs: [
        { format: 'sarif', file: 'out/r.sarif' },
        { format: 'junit', file: 'j.xml' },
      ],
      patterns: ['a.yaml'],
    },
  },
  { argv: ['--shard', '2/3', 'apis'], expect: { shard: { index: 2, count: 3 }, patterns: ['apis'] } },
  { argv: ['--format', 'junit', 'a.yaml'], expect: { format: 'junit', patterns: ['a.yaml'] } },
  { argv: ['api.yaml'], expect: { patterns: ['api.yaml'] } },
  { argv: ['a.yaml', 'apis/**/*.json'], expect: { patterns: ['a.yaml', 'apis/**/*.json'] } },
  { argv: ['--ruleset', 'r.yaml', 'a.yaml'], expect: { ruleset: 'r.yaml', patterns: ['a.yaml'] } },
  { argv: ['--ruleset=r.yaml', 'a.yaml'], expect: { ruleset: 'r.yaml', patterns: ['a.yaml'] } },
  {
    argv: ['-r', 'r.yaml', '-f', 'json', '-o', 'out.json', '-q', 'a.yaml'],
    expect: { ruleset: 'r.yaml', format: 'json', output: 'out.json', quiet: true, patterns: ['a.yaml'] },
  },
  { argv: ['--audience', 'company-internal', 'a.yaml'], expect: { audience: 'company-internal', patterns: ['a.yaml'] } },
  {
    argv: ['--allow-ref-root', '../shared', '--allow-ref-root=/opt/schemas', 'a.yaml'],
    expect: { allowRefRoots: ['../shared', '/opt/schemas'], patterns: ['a.yaml'] },
  },
  {
    argv: ['--audience-glob', 'apis/partner/**=external-partner', '--audience-glob=internal/*.yaml=component-internal', 'a.yaml'],
    expect: {
      audienceGlobs: [
        { glob: 'apis/partner/**', audience: 'external-partner' },
        { glob: 'internal/*.yaml', audience: 'component-internal' },
      ],
      patterns: ['a.yaml'],
    },
  },
  // The glob itself may contain "=": the audience is after the last one.
  {
    argv: ['--audience-glob', 'a=b/*.yaml=external-public', 'x'],
    expect: { audienceGlobs: [{ glob: 'a=b/*.yaml', audience: 'external-public' }], patterns: ['x'] },
  },
  ...['stylish', 'json', 'sarif', 'github', 'gitlab'].map((format) => ({
    argv: ['--format', format, 'a.yaml'],
    expect: { format, patterns: ['a.yaml'] },
  })),
  ...['error', 'warn', 'info', 'hint'].map((s) => ({
    argv: ['--fail-severity', s, 'a.yaml'],
    expect: { failSeverity: s, patterns: ['a.yaml'] },
  })),
  {
    argv: ['--trust-workspace-code', '--allow-remote', '--verbose', 'a.yaml'],
    expect: { trustWorkspaceCode: true, allowRemote: true, verbose: true, patterns: ['a.yaml'] },
  },
  { argv: ['--help'], expect: { help: true } },
  { argv: ['-h'], expect: { help: true } },
  { argv: ['--version'], expect: { version: true } },
  { argv: ['--', '--weird-name.yaml'], expect: { patterns: ['--weird-name.yaml'] } },
  // Fixing
  { argv: ['--fix', 'a.yaml'], expect: { fix: true, patterns: ['a.yaml'] } },
  { argv: ['--fix-dry-run', 'a.yaml'], expect: { fixDryRun: true, patterns: ['a.yaml'] } },
  // Pull requests: with --changed-since, no file arguments means the whole repository.
  { argv: ['--changed-since', 'origin/main'], expect: { changedSince: 'origin/main' } },
  { argv: ['--changed-since=abc123', '--new-only', 'apis/**'], expect: { changedSince: 'abc123', newOnly: true, patterns: ['apis/**'] } },
  { argv: ['--baseline', '.lint-baseline.json', 'a.yaml'], expect: { baseline: '.lint-baseline.json', patterns: ['a.yaml'] } },
  { argv: ['--write-baseline', 'b.json', '--fix', 'a.yaml'], expect: { writeBaseline: 'b.json', fix: true, patterns: ['a.yaml'] } },
  // Limits: seconds → ms, MB (decimal, like the engine's 50 MB default) → characters.
  { argv: ['--timeout', '5', 'a.yaml'], expect: { timeoutMs: 5000, patterns: ['a.yaml'] } },
  { argv: ['--timeout=0.25', 'a.yaml'], expect: { timeoutMs: 250, patterns: ['a.yaml'] } },
  { argv: ['--max-document-size', '2', 'a.yaml'], expect: { maxDocumentSize: 2_000_000, patterns: ['a.yaml'] } },
  { argv: ['--max-document-size=0.5', 'a.yaml'], expect: { maxDocumentSize: 500_000, patterns: ['a.yaml'] } },
  { argv: ['--allow-remote-refs', 'a.yaml'], expect: { allowRemote: true, patterns: ['a.yaml'] } },
];

for (const { argv, expect } of good) {
  test(`parseArgs accepts ${JSON.stringify(argv)}`, () => {
    assert.deepEqual(parseArgs(argv), { ...defaults, ...expect });
  });
}

const bad = [
  { argv: ['--shard', '4/3', 'a'], message: /invalid value "4\/3" for --shard: expected I\/N/ },
  { argv: ['--shard', 'x', 'a'], message: /invalid value "x" for --shard/ },
  { argv: [], message: /no files given/ },
  { argv: ['--quiet'], message: /no files given/ },
  { argv: ['--bogus', 'a.yaml'], message: /unknown option --bogus/ },
  { argv: ['-z', 'a.yaml'], message: /unknown option -z/ },
  { argv: ['a.yaml', '--format'], message: /option --format needs a value/ },
  {
    argv: ['--format', 'xml', 'a.yaml'],
    message: /invalid value "xml" for --format: expected one of stylish, json, sarif, github, gitlab, junit/,
  },
  { argv: ['--fail-severity', 'fatal', 'a.yaml'], message: /invalid value "fatal" for --fail-severity/ },
  {
    argv: ['--audience', 'public', 'a.yaml'],
    message:
      /invalid value "public" for --audience: expected one of external-public, external-partner, company-internal, business-unit-internal, component-internal/,
  },
  { argv: ['--audience-glob', 'apis/**', 'a.yaml'], message: /--audience-glob: expected <glob>=<audience>/ },
  { argv: ['--audience-glob', '=external-public', 'a.yaml'], message: /--audience-glob: expected <glob>=<audience>/ },
  { argv: ['--audience-glob', 'apis/**=nobody', 'a.yaml'], message: /invalid value "nobody" for --audience-glob/ },
  { argv: ['--ruleset=', 'a.yaml'], message: /--ruleset needs a non-empty value/ },
  { argv: ['--quiet=yes', 'a.yaml'], message: /--quiet does not take a value/ },
  { argv: ['--fix=yes', 'a.yaml'], message: /--fix does not take a value/ },
  { argv: ['--allow-remote-refs=1', 'a.yaml'], message: /--allow-remote does not take a value/ },
  { argv: ['--fix', '--fix-dry-run', 'a.yaml'], message: /--fix and --fix-dry-run cannot be combined/ },
  { argv: ['--new-only', 'a.yaml'], message: /--new-only needs --changed-since <git-ref>/ },
  { argv: ['--changed-since'], message: /option --changed-since needs a value/ },
  { argv: ['--changed-since', '--output=x', 'a.yaml'], message: /invalid value "--output=x" for --changed-since: expected a git ref/ },
  { argv: ['--baseline', 'b.json'], message: /no files given/ },
  { argv: ['--baseline', 'b.json', '--write-baseline', 'b.json', 'a.yaml'], message: /do not combine it with --baseline/ },
  {
    argv: ['--write-baseline', 'b.json', '--changed-since', 'main', '--new-only'],
    message: /--write-baseline cannot be combined with --new-only/,
  },
  { argv: ['--write-baseline', 'b.json', '--fix-dry-run', 'a.yaml'], message: /--write-baseline cannot be combined with --fix-dry-run/ },
  ...['0', '-1', 'abc', '1e3', 'Infinity', ' '].map((value) => ({
    argv: ['--timeout', value, 'a.yaml'],
    message:
      value === ' '
        ? /invalid value " " for --timeout/
        : new RegExp(`invalid value "${value}" for --timeout: expected a positive number of seconds`),
  })),
  {
    argv: ['--max-document-size', '0', 'a.yaml'],
    message: /invalid value "0" for --max-document-size: expected a positive number of megabytes/,
  },
  { argv: ['--max-document-size', '20MB', 'a.yaml'], message: /invalid value "20MB" for --max-document-size/ },
];

for (const { argv, message } of bad) {
  test(`parseArgs rejects ${JSON.stringify(argv)}`, () => {
    assert.throws(
      () => parseArgs(argv),
      (error) => error instanceof UsageError && message.test(error.message) && !error.message.includes('\n'),
    );
  });
}
