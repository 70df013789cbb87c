// Output formats on hand-made findings: exact text where humans or GitHub read it, parsed structure for JSON/SARIF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FORMATTERS, escapeData, escapeProperty, fingerprint, FINGERPRINT_KEY, jsonPointer } from '../../dist/cli.js';

// The official SARIF 2.1.0 JSON schema (draft-04), shipped offline by @microsoft/jest-sarif.
const require = createRequire(import.meta.url);
const AjvDraft04 = require('ajv-draft-04');
const addFormats = require('ajv-formats');
// The schema's "language" pattern is not valid with the u flag; strict off for its extra keywords.
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));

const cwd = path.resolve('/repo');
const file = (rel) => path.join(cwd, rel);
const range = (line, character, endLine, endCharacter) => ({ start: { line, character }, end: { line: endLine, character: endCharacter } });

const oauth = {
  code: 'external-oauth2',
  message: 'GET /orders is external-public but not secured by OAuth 2',
  severity: 'error',
  path: ['paths', '/orders', 'get'],
  range: range(17, 4, 20, 10),
  audience: 'external-public',
  documentationUrl: 'https://docs.example/external-oauth2',
};
const samples = {
  code: 'external-code-samples',
  message: 'no x-codeSamples',
  severity: 'warn',
  path: ['paths', '/orders', 'get'],
  range: range(17, 4, 17, 8),
  audience: 'external-public',
};
const contact = {
  code: 'info-contact',
  message: 'Info object must have "contact" object.',
  severity: 'info',
  path: ['info'],
  range: range(2, 2, 4, 0),
};
const hint = { code: 'tip', message: 'consider tags', severity: 'hint', path: [], range: range(0, 0, 0, 0) };

const files = [
  { file: file('apis/orders.yaml'), findings: [oauth, samples, contact] },
  { file: file('apis/clean.yaml'), findings: [] },
  { file: file('notes.yaml'), findings: [], skipped: 'not an OpenAPI or Swagger document' },
  { file: file('apis/tips.json'), findings: [hint] },
];
const options = { cwd, elapsedMs: 1234, toolVersion: '9.8.7' };

test('json: one flat array, paths relative to cwd, 0-based ranges, audience null when absent', () => {
  const items = JSON.parse(FORMATTERS.json(files, options));
  assert.deepEqual(items, [
    {
      file: 'apis/orders.yaml',
      code: 'external-oauth2',
      message: oauth.message,
      severity: 'error',
      path: oauth.path,
      range: oauth.range,
      audience: 'external-public',
    },
    {
      file: 'apis/orders.yaml',
      code: 'external-code-samples',
      message: 'no x-codeSamples',
      severity: 'warn',
      path: samples.path,
      range: samples.range,
      audience: 'external-public',
    },
    {
      file: 'apis/orders.yaml',
      code: 'info-contact',
      message: contact.message,
      severity: 'info',
      path: ['info'],
      range: contact.range,
      audience: null,
    },
    { file: 'apis/tips.json', code: 'tip', message: 'consider tags', severity: 'hint', path: [], range: hint.range, audience: null },
  ]);
});

test("json: a finding in a $ref'd file is reported against that file", () => {
  const items = JSON.parse(
    FORMATTERS.json([{ file: file('api.yaml'), findings: [{ ...contact, source: file('shared/info.yaml') }] }], options),
  );
  assert.equal(items[0].file, 'shared/info.yaml');
});

test('json: no findings is an empty array', () => {
  assert.deepEqual(JSON.parse(FORMATTERS.json([{ file: file('a.yaml'), findings: [] }], options)), []);
});

test('stylish: grouped by file, sorted by position, aligned 1-based columns, summary', () => {
  const expected = [
    'apis/orders.yaml',
    '   3:3  info     info-contact           Info object must have "contact" object.                    info',
    '  18:5  error    external-oauth2        GET /orders is external-public but not secured by OAuth 2  paths./orders.get',
    '  18:5  warning  external-code-samples  no x-codeSamples                                           paths./orders.get',
    '',
    'apis/tips.json',
    '  1:1  hint  tip  consider tags',
    '',
    '✖ 4 problems (1 error, 1 warning, 1 info, 1 hint) in 3 files, 1.23 s',
    '',
  ].join('\n');
  assert.equal(FORMATTERS.stylish(files, options), expected);
});

test('stylish: no findings → only the "No problems" line; singular forms', () => {
  assert.equal(FORMATTERS.stylish([{ file: file('a.yaml'), findings: [] }], { cwd }), 'No problems found in 1 file\n');
  assert.match(
    FORMATTERS.stylish([{ file: file('a.yaml'), findings: [oauth] }], { cwd, elapsedMs: 50 }),
    /✖ 1 problem \(1 error, 0 warnings, 0 infos, 0 hints\) in 1 file, 0\.05 s\n$/,
  );
});

test('stylish: summary can be turned off (--quiet) and colours only when asked', () => {
  assert.equal(FORMATTERS.stylish([{ file: file('a.yaml'), findings: [] }], { cwd, summary: false }), '');
  assert.doesNotMatch(FORMATTERS.stylish([{ file: file('a.yaml'), findings: [oauth] }], { cwd, summary: false }), /problem/);
  assert.doesNotMatch(FORMATTERS.stylish(files, options), /\u001b\[/);
  const colored = FORMATTERS.stylish(files, { ...options, color: true });
  assert.match(colored, /\u001b\[31merror\s*\u001b\[39m/);
  // Colour does not change the text once escape codes are stripped.
  assert.equal(colored.replace(/\u001b\[\d+m/g, ''), FORMATTERS.stylish(files, options));
});

test('stylish: multi-line messages stay on one line', () => {
  const out = FORMATTERS.stylish([{ file: file('a.yaml'), findings: [{ ...hint, message: 'first\n  second' }] }], { cwd });
  assert.match(out, /first second/);
  assert.doesNotMatch(out, /first\n/);
});

test('github: one workflow command per finding with 1-based positions and mapped levels', () => {
  const expected = [
    '::error file=apis/orders.yaml,line=18,col=5,endLine=21,endColumn=11,title=external-oauth2::GET /orders is external-public but not secured by OAuth 2',
    '::warning file=apis/orders.yaml,line=18,col=5,endLine=18,endColumn=9,title=external-code-samples::no x-codeSamples',
    '::notice file=apis/orders.yaml,line=3,col=3,endLine=5,endColumn=1,title=info-contact::Info object must have "contact" object.',
    '::notice file=apis/tips.json,line=1,col=1,endLine=1,endColumn=1,title=tip::consider tags',
    '',
  ].join('\n');
  assert.equal(FORMATTERS.github(files, options), expected);
});

test('github: escapes %, CR and LF in messages and also , and : in properties', () => {
  assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
  assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  const out = FORMATTERS.github([{ file: file('we,ird:name.yaml'), findings: [{ ...hint, code: 'x:y', message: '50%\nmore' }] }], options);
  assert.equal(out, '::notice file=we%2Cird%3Aname.yaml,line=1,col=1,endLine=1,endColumn=1,title=x%3Ay::50%25%0Amore\n');
});

test('github: no findings → no output', () => {
  assert.equal(FORMATTERS.github([{ file: file('a.yaml'), findings: [] }], options), '');
});

test('sarif: required 2.1.0 structure, rules, results and locations', () => {
  const log = JSON.parse(FORMATTERS.sarif(files, options));
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const [run] = log.runs;
  assert.equal(run.tool.driver.name, 'api-exposure-lint');
  assert.equal(run.tool.driver.version, '9.8.7');
  assert.match(run.tool.driver.informationUri, /^https:\/\//);
  assert.deepEqual(
    run.tool.driver.rules.map((r) => [r.id, r.shortDescription.text.length > 0, r.helpUri, r.defaultConfiguration.level]),
    [
      ['external-oauth2', true, 'https://docs.example/external-oauth2', 'error'],
      ['external-code-samples', true, undefined, 'warning'],
      ['info-contact', true, undefined, 'note'],
      ['tip', true, undefined, 'note'],
    ],
  );
  assert.deepEqual(
    run.results.map((r) => [r.ruleId, r.ruleIndex, r.level]),
    [
      ['external-oauth2', 0, 'error'],
      ['external-code-samples', 1, 'warning'],
      ['info-contact', 2, 'note'],
      ['tip', 3, 'note'],
    ],
  );
  const [first] = run.results;
  assert.deepEqual(first.message, { text: oauth.message });
  assert.deepEqual(first.locations[0].physicalLocation, {
    artifactLocation: { uri: 'apis/orders.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 18, startColumn: 5, endLine: 21, endColumn: 11 },
  });
  assert.deepEqual(first.locations[0].logicalLocations, [{ fullyQualifiedName: '/paths/~1orders/get' }]);
  assert.match(first.partialFingerprints[FINGERPRINT_KEY], /^[0-9a-f]{64}$/);
  // Skipped files surface as notifications, not results.
  assert.equal(run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'notes.yaml');
});

test('sarif: supplied rule metadata provides descriptions; codes not described are still listed', () => {
  const rules = [
    {
      id: 'external-oauth2',
      description: 'External operations require OAuth 2.',
      documentationUrl: 'https://docs.example/oauth',
      severity: 'error',
    },
  ];
  const run = JSON.parse(FORMATTERS.sarif(files, { ...options, rules })).runs[0];
  assert.deepEqual(run.tool.driver.rules[0], {
    id: 'external-oauth2',
    shortDescription: { text: 'External operations require OAuth 2.' },
    helpUri: 'https://docs.example/oauth',
    defaultConfiguration: { level: 'error' },
  });
  for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
});

test('sarif: fingerprints survive line moves but change with rule, file or JSON path', () => {
  const fp = (finding, rel = 'apis/orders.yaml') =>
    JSON.parse(FORMATTERS.sarif([{ file: file(rel), findings: [finding] }], options)).runs[0].results[0].partialFingerprints[
      FINGERPRINT_KEY
    ];
  const original = fp(oauth);
  assert.equal(fp({ ...oauth, range: range(40, 0, 44, 2) }), original);
  assert.equal(original, fingerprint('external-oauth2', 'apis/orders.yaml', ['paths', '/orders', 'get']));
  assert.notEqual(fp({ ...oauth, code: 'other' }), original);
  assert.notEqual(fp(oauth, 'apis/other.yaml'), original);
  assert.notEqual(fp({ ...oauth, path: ['paths', '/orders', 'post'] }), original);
});

test('sarif: no findings is still a valid log with an empty result list', () => {
  const run = JSON.parse(FORMATTERS.sarif([{ file: file('a.yaml'), findings: [] }], options)).runs[0];
  assert.deepEqual(run.results, []);
  assert.deepEqual(run.tool.driver.rules, []);
});

test('sarif: valid against the official SARIF 2.1.0 schema (findings, skipped files, rules, no findings)', () => {
  const rules = [
    {
      id: 'external-oauth2',
      description: 'External operations require OAuth 2.',
      documentationUrl: 'https://docs.example/oauth',
      severity: 'error',
    },
  ];
  for (const input of [files, [{ file: file('a.yaml'), findings: [] }]]) {
    const log = JSON.parse(FORMATTERS.sarif(input, { ...options, rules }));
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  }
  // The validator does reject a broken log.
  assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: {} }] }), false);
});

test('gitlab: Code Quality issues with mapped severities, 1-based begin lines and relative paths', () => {
  const issues = JSON.parse(FORMATTERS.gitlab(files, options));
  assert.deepEqual(
    issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin, i.description]),
    [
      ['external-oauth2', 'major', 'apis/orders.yaml', 18, oauth.message],
      ['external-code-samples', 'minor', 'apis/orders.yaml', 18, 'no x-codeSamples'],
      ['info-contact', 'info', 'apis/orders.yaml', 3, contact.message],
      ['tip', 'info', 'apis/tips.json', 1, 'consider tags'],
    ],
  );
  for (const issue of issues)
    assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
  // The same identity as SARIF and baselines: rule + file + JSON path.
  assert.equal(issues[0].fingerprint, fingerprint('external-oauth2', 'apis/orders.yaml', ['paths', '/orders', 'get']));
  assert.equal(
    JSON.parse(FORMATTERS.gitlab([{ file: file('apis/orders.yaml'), findings: [{ ...oauth, range: range(90, 0, 91, 0) }] }], options))[0]
      .fingerprint,
    issues[0].fingerprint,
  );
});

test('gitlab: fingerprints are unique even for two findings with the same identity; no findings → []', () => {
  const twice = JSON.parse(
    FORMATTERS.gitlab([{ file: file('a.yaml'), findings: [oauth, { ...oauth, message: 'again' }, oauth] }], options),
  );
  assert.equal(new Set(twice.map((i) => i.fingerprint)).size, 3);
  assert.equal(twice[0].fingerprint, fingerprint('external-oauth2', 'a.yaml', oauth.path));
  assert.equal(FORMATTERS.gitlab([{ file: file('a.yaml'), findings: [] }], options), '[]\n');
});

test('jsonPointer escapes ~ and /', () => {
  assert.equal(jsonPointer(['paths', '/a~b/{id}', 'get', 0]), '/paths/~1a~0b~1{id}/get/0');
  assert.equal(jsonPointer([]), '');
});
