// The built CLI end to end (node dist/cli.js) with the real engine on test/fixtures/cli.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// The official SARIF 2.1.0 schema (draft-04), shipped offline by @microsoft/jest-sarif.
const require = createRequire(import.meta.url);
const AjvDraft04 = require('ajv-draft-04');
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
require('ajv-formats')(ajv);
const validateSarif = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repo, 'dist', 'cli.js');
const fixtures = path.join(repo, 'test', 'fixtures', 'cli');

function cli(...args) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: fixtures,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SCARF_ANALYTICS: 'false' },
    timeout: 60_000,
  });
  return { code: status, stdout, stderr };
}

const json = (...args) => {
  const result = cli('--format', 'json', ...args);
  return { ...result, findings: JSON.parse(result.stdout) };
};

test('an external API secured by an API key fails with external-oauth2 (exit 1)', () => {
  const { code, findings, stderr } = json('external-findings.yaml');
  assert.equal(code, 1, stderr);
  const oauth = findings.find((f) => f.code === 'external-oauth2');
  assert.ok(oauth, JSON.stringify(findings));
  assert.deepEqual(
    [oauth.file, oauth.severity, oauth.audience, oauth.path],
    ['external-findings.yaml', 'error', 'external-public', ['paths', '/orders', 'get']],
  );
});

test('stylish output names the file, the rule and the summary', () => {
  const { code, stdout } = cli('external-findings.yaml');
  assert.equal(code, 1);
  assert.match(stdout, /^external-findings\.yaml\n/);
  assert.match(stdout, /\n +\d+:\d+ +error +external-oauth2 /);
  assert.match(stdout, /\n✖ \d+ problems? \(\d+ errors?, .* in 1 file, [\d.]+ s\n$/);
});

test('a clean internal API passes (exit 0)', () => {
  const { code, stdout, stderr } = cli('clean.yaml');
  assert.equal(code, 0, stdout + stderr);
  assert.match(stdout, /^No problems found in 1 file/);
});

test('--fail-severity decides whether warnings fail the run', () => {
  const ruleset = ['--ruleset', 'rulesets/contact-warn.yaml', 'no-contact.yaml'];
  const byDefault = json(...ruleset);
  assert.deepEqual(
    byDefault.findings.map((f) => [f.code, f.severity]),
    [['contact-required', 'warn']],
  );
  assert.equal(byDefault.code, 0);
  assert.equal(cli('--fail-severity', 'warn', ...ruleset).code, 1);
  assert.equal(cli('--fail-severity', 'hint', ...ruleset).code, 1);
});

test('a missing ruleset file is exit 2 with exactly one stderr line naming it', () => {
  const { code, stdout, stderr } = cli('--ruleset', 'no-such-ruleset.yaml', 'clean.yaml');
  assert.equal(code, 2);
  assert.equal(stdout, '');
  const lines = stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], /^api-exposure-lint: ruleset .*no-such-ruleset\.yaml: /);
});

test('an invalid ruleset is exit 2 with one line and no stack trace', () => {
  const { code, stderr } = cli('--ruleset', 'rulesets/broken.yaml', 'clean.yaml');
  assert.equal(code, 2);
  assert.equal(stderr.split('\n').filter(Boolean).length, 1, stderr);
  assert.match(stderr, /^api-exposure-lint: ruleset .*broken\.yaml: /);
  assert.doesNotMatch(stderr, /\n\s+at /);
});

test('a bad option is exit 2 with one stderr line', () => {
  const { code, stdout, stderr } = cli('--no-such-option', 'clean.yaml');
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr, 'api-exposure-lint: unknown option --no-such-option (see --help)\n');
});

test('a malformed YAML file does not stop the other files', () => {
  const { code, findings } = json('mixed/*.yaml');
  assert.equal(code, 1);
  const files = new Set(findings.map((f) => f.file));
  assert.ok(files.has('mixed/good.yaml'), JSON.stringify(findings));
  assert.ok(files.has('mixed/broken.yaml'));
  assert.ok(findings.some((f) => f.file === 'mixed/good.yaml' && f.code === 'external-oauth2'));
  assert.ok(findings.some((f) => f.file === 'mixed/broken.yaml' && f.severity === 'error'));
});

test('a YAML file that is not OpenAPI is skipped with a note, and --quiet silences it', () => {
  const loud = json('not-openapi.yaml', 'clean.yaml');
  assert.equal(loud.code, 0);
  assert.deepEqual(loud.findings, []);
  assert.match(
    loud.stderr,
    /^api-exposure-lint: skipped not-openapi\.yaml: not an OpenAPI or Swagger document\nNo problems found in 1 file, [\d.]+ s\n$/,
  );
  assert.equal(cli('--quiet', 'not-openapi.yaml').stderr, '');
});

test('sarif and github formats on a real run', () => {
  const sarif = cli('--format', 'sarif', 'external-findings.yaml', 'not-openapi.yaml');
  const log = JSON.parse(sarif.stdout);
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  const driver = log.runs[0].tool.driver;
  assert.equal(
    driver.version,
    JSON.parse(spawnSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: repo, encoding: 'utf8' }).stdout).version,
  );
  const result = log.runs[0].results.find((r) => r.ruleId === 'external-oauth2');
  assert.equal(driver.rules[result.ruleIndex].id, 'external-oauth2');
  assert.match(driver.rules[result.ruleIndex].helpUri ?? '', /^https?:\/\//);
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'external-findings.yaml');

  const github = cli('--format', 'github', 'external-findings.yaml');
  assert.match(github.stdout, /^::error file=external-findings\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=external-oauth2::/m);

  const gitlab = cli('--format', 'gitlab', 'external-findings.yaml');
  const issue = JSON.parse(gitlab.stdout).find((i) => i.check_name === 'external-oauth2');
  assert.deepEqual([issue.severity, issue.location.path], ['major', 'external-findings.yaml']);
  assert.equal(issue.fingerprint, result.partialFingerprints['apiExposureLint/v1'], 'the same identity as SARIF');
  assert.match(gitlab.stderr, /^✖ \d+ problems? .* in 1 file/);
});

test('--version prints the package version', () => {
  const { code, stdout } = cli('--version');
  assert.equal(code, 0);
  assert.match(stdout, /^\d+\.\d+\.\d+/);
});
