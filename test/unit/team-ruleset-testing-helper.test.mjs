// The public testing helper (dist/testing.js, `require('api-exposure-lint/testing')`): one-call lint with a
// ruleset, assertions with readable failures, and the ESLint-style RuleTester.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as testing from '../../dist/testing.js';
import { scratchDir } from '../shared/scratch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { lintWithRuleset, lintResultWithRuleset, expectFindings, expectNoFindings, ruleTester } = testing;

/** A temp folder with a ruleset that maps globs to audiences and has a custom rule; removed after the test. */
function rulesetFolder(t) {
  const dir = scratchDir('ael-testing-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = {
    'ruleset.yaml': [
      'extends: [api-exposure-lint:exposure]',
      'functions: [no-trace]',
      'overrides:',
      "  - files: ['internal/**']",
      '    x-audience: company-internal',
      'rules:',
      '  no-trace:',
      '    given: $.paths[*]',
      '    severity: warn',
      "    message: '{{error}}'",
      '    then: { function: no-trace }',
      '',
    ].join('\n'),
    'functions/no-trace.js': "module.exports = (pathItem) => (pathItem && pathItem.trace ? [{ message: 'TRACE is not allowed' }] : []);\n",
    'api.yaml': API,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const API = `openapi: 3.0.3
info: { title: A, version: '1' }
paths:
  /a:
    trace: { responses: { '200': { description: ok } } }
`;

test('package.json exports the engine, the testing helper and itself', () => {
  const require = createRequire(path.join(root, 'test/unit/x.js'));
  assert.equal(require.resolve('api-exposure-lint'), path.join(root, 'dist/engine.js'));
  assert.equal(require.resolve('api-exposure-lint/testing'), path.join(root, 'dist/testing.js'));
  assert.equal(require.resolve('api-exposure-lint/package.json'), path.join(root, 'package.json'));
  assert.equal(typeof require('api-exposure-lint/testing').lintWithRuleset, 'function');
});

// [case, options (ruleset relative to the folder), expected audience of TRACE /a, custom rule ran?]
const lintCases = [
  ['text, no filePath: next to the ruleset, no glob', { document: API }, 'external-public', true],
  ['text, filePath relative to the ruleset', { document: API, filePath: 'internal/a.yaml' }, 'company-internal', true],
  ['a document path', { document: 'api.yaml' }, 'external-public', true],
  ['a document path with a filePath', { document: 'api.yaml', filePath: 'internal/deep/a.yaml' }, 'company-internal', true],
  ['audience option as the default', { document: API, audience: 'component-internal' }, 'component-internal', true],
  [
    'audienceByGlob option',
    { document: API, filePath: 'x/a.yaml', audienceByGlob: { 'x/**': 'external-partner' } },
    'external-partner',
    true,
  ],
  ['untrusted: the custom function is skipped', { document: API, trustWorkspaceCode: false }, 'external-public', false],
];

for (const [name, options, audience, customRan] of lintCases) {
  test(`lintResultWithRuleset: ${name}`, async (t) => {
    const dir = rulesetFolder(t);
    const cwd = process.cwd();
    process.chdir(dir); // relative document paths are relative to the current directory
    t.after(() => process.chdir(cwd));
    const result = await lintResultWithRuleset({ ruleset: path.join(dir, 'ruleset.yaml'), ...options });
    assert.deepEqual(
      result.operations.map((o) => [o.method, o.resolved.audience]),
      [['trace', audience]],
    );
    assert.equal(
      result.findings.some((f) => f.code === 'no-trace'),
      customRan,
    );
  });
}

test('lintWithRuleset: built-in ruleset names work; a document that is not OpenAPI is an error, not a pass', async () => {
  const findings = await lintWithRuleset({ ruleset: 'api-exposure-lint:exposure', document: API });
  assert.ok(findings.some((f) => f.code === 'external-oauth2'));
  await assert.rejects(lintWithRuleset({ ruleset: 'api-exposure-lint:exposure', document: 'name: not an api\n' }), {
    name: 'NotOpenApiError',
  });
  await assert.rejects(lintWithRuleset({ ruleset: path.join(root, 'no-such-ruleset.yaml'), document: API }), {
    name: 'RulesetLoadError',
    message: /file not found/,
  });
});

const finding = (code, pathArray, extra = {}) => ({
  code,
  path: pathArray,
  message: `${code} says no`,
  severity: 'warn',
  range: { start: { line: 4, character: 4 }, end: { line: 4, character: 9 } },
  ...extra,
});
const FINDINGS = [
  finding('rule-a', ['paths', '/a', 'get'], { audience: 'external-public' }),
  finding('rule-b', ['info'], { severity: 'error' }),
];

// [case, expected, options, error message pattern or null when it passes]
const expectCases = [
  ['exact match, dotted path', [{ code: 'rule-a', path: 'paths./a.get' }, { code: 'rule-b' }], {}, null],
  [
    'array path, severity, audience, line, message RegExp',
    [
      { code: 'rule-a', path: ['paths', '/a', 'get'], severity: 'warn', audience: 'external-public', line: 5, message: /says no/ },
      { code: 'rule-b', message: 'rule-b says no' },
    ],
    {},
    null,
  ],
  ['codes filter', [{ code: 'rule-b' }], { codes: ['rule-b'] }, null],
  ['not exact', [{ code: 'rule-a' }], { exact: false }, null],
  [
    'a missing finding',
    [{ code: 'rule-a' }, { code: 'rule-b' }, { code: 'rule-c', path: 'info' }],
    {},
    /Expected but not found:\n {2}- rule-c at info\nAll findings \(2\):/,
  ],
  ['an unexpected finding', [{ code: 'rule-a' }], {}, /Found but not expected:\n {2}\+ rule-b \(error\) at info, line 5: rule-b says no/],
  [
    'wrong severity',
    [{ code: 'rule-a', severity: 'error' }, { code: 'rule-b' }],
    {},
    /- rule-a \(error\) at <any path>[\s\S]*\+ rule-a \(warn\) at paths\.\/a\.get, line 5 \[external-public\]/,
  ],
  [
    'one expectation per finding',
    [{ code: 'rule-b' }, { code: 'rule-b' }, { code: 'rule-a' }],
    {},
    /Expected but not found:\n {2}- rule-b at <any path>\n/,
  ],
];

for (const [name, expected, options, error] of expectCases) {
  test(`expectFindings: ${name}`, () => {
    if (!error) return expectFindings(FINDINGS, expected, options);
    assert.throws(
      () => expectFindings(FINDINGS, expected, options),
      (e) => e.name === 'AssertionError' && error.test(e.message),
    );
  });
}

test('expectNoFindings passes on none, fails listing what was found', () => {
  expectNoFindings([]);
  expectNoFindings(FINDINGS, { codes: ['rule-c'] });
  assert.throws(() => expectNoFindings(FINDINGS, { codes: ['rule-a'] }), /All findings of rule-a \(1\):\n {4}rule-a \(warn\)/);
});

/** A stand-in test framework that records the suite, so RuleTester's cases can be run and inspected. */
function recordingFramework() {
  const cases = [];
  return { cases, framework: { describe: (name, fn) => fn(), it: (name, fn) => cases.push({ name, fn }) } };
}

test('RuleTester: one test per case, valid and invalid, with readable names', async (t) => {
  const dir = rulesetFolder(t);
  const { cases, framework } = recordingFramework();
  ruleTester(path.join(dir, 'ruleset.yaml'), {}, framework).run('no-trace', {
    valid: [{ name: 'no trace', document: API.replace('trace:', 'get:') }],
    invalid: [{ document: API, findings: [{ path: 'paths./a', message: 'TRACE is not allowed', severity: 'warn' }] }],
  });
  assert.deepEqual(
    cases.map((c) => c.name),
    ['valid: no trace', 'invalid: #1'],
  );
  for (const c of cases) await c.fn();
});

test('RuleTester: a wrong expectation, a finding in a valid case and a suite without invalid cases fail', async (t) => {
  const dir = rulesetFolder(t);
  const ruleset = path.join(dir, 'ruleset.yaml');
  const { cases, framework } = recordingFramework();
  ruleTester(ruleset, {}, framework).run('no-trace', {
    valid: [{ name: 'has trace', document: API }],
    invalid: [{ name: 'wrong path', document: API, findings: [{ path: 'paths./b' }] }],
  });
  await assert.rejects(cases[0].fn(), /Found but not expected:\n {2}\+ no-trace \(warn\) at paths\.\/a/);
  await assert.rejects(cases[1].fn(), /Expected but not found:\n {2}- no-trace at paths\.\/b/);
  assert.throws(
    () => ruleTester(ruleset, {}, framework).run('no-trac', { valid: [{ document: API }], invalid: [] }),
    /at least one invalid case/,
  );
});
