// api-exposure-lint report on a fixture folder: the inventory (audience, origin, requirement status per
// operation), the readiness scores and their formula, each format, --min-score as a CI gate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCliInProcess } from './helpers/cli-in-process.mjs';
import { engine } from './helpers/engine.mjs';
import { scratchDir } from '../shared/scratch.mjs';

const FIXTURE = path.resolve('test/fixtures/report');
const report = (...argv) => runCliInProcess(FIXTURE, ['report', '-r', 'api-exposure-lint:exposure', ...argv]);

test('report markdown: totals per audience, documents, operations with their failing requirements (exact)', async () => {
  const { code, stdout, stderr } = await report('apis');
  assert.equal(code, 0, stderr);
  assert.equal(
    stdout,
    `## API exposure inventory

5 operations in 3 documents, overall readiness 79/100.

| Audience | Operations | Readiness |
|---|---:|---:|
| external-public | 3 | 82 |
| company-internal | 1 | 100 |
| component-internal | 1 | 50 |

### Documents

| Document | Operations | Readiness by audience | Score |
|---|---:|---|---:|
| \`apis/internal.yaml\` | 2 | company-internal 100, component-internal 50 | 75 |
| \`apis/public.yaml\` | 2 | external-public 86 | 86 |
| \`apis/undeclared.json\` | 1 | external-public 73 | 73 |

### Operations

| Document | Operation | Audience | From | Failing requirements | Score |
|---|---|---|---|---|---:|
| \`apis/internal.yaml\` | \`GET /orders\` | company-internal | info.x-audience | none | 100 |
| \`apis/internal.yaml\` | \`DELETE /orders\` | component-internal | operation x-audience | internal-permission-scopes | 50 |
| \`apis/public.yaml\` | \`GET /pets\` | external-public | info.x-audience | external-credentials-onboarding | 91 |
| \`apis/public.yaml\` | \`POST /pets\` | external-public | info.x-audience | external-oauth2, external-credentials-onboarding | 82 |
| \`apis/undeclared.json\` | \`GET /ping\` | external-public | no audience declared: treated as external | external-oauth2, external-rate-limit, external-code-samples | 73 |
`,
  );
});

test('report json: requirement status per operation, document requirements, scores to one decimal', async () => {
  const { code, stdout } = await report('-f', 'json', 'apis');
  assert.equal(code, 0);
  const json = JSON.parse(stdout);
  assert.equal(json.score, 79.1);
  assert.deepEqual(json.scoreByAudience, { 'external-public': 81.8, 'company-internal': 100, 'component-internal': 50 });
  assert.match(json.formula, /operation score = 100 × passed \/ applicable/);
  const [internal, pub, undeclared] = json.documents;
  assert.deepEqual(
    pub.operations.map((op) => [op.method, op.path, op.audience, op.audienceSource, op.line, op.score]),
    [
      ['get', '/pets', 'external-public', 'info', 4, 90.9],
      ['post', '/pets', 'external-public', 'info', 12, 81.8],
    ],
  );
  const oauth = pub.operations[1].requirements.find((r) => r.rule === 'external-oauth2');
  assert.equal(oauth.passed, false);
  assert.equal(oauth.severity, 'error');
  assert.match(oauth.messages[0], /POST \/pets/);
  // The security scheme says nothing about getting credentials: a finding written under components, about
  // every external operation (Finding.concerns), so neither operation passes it.
  for (const op of pub.operations)
    assert.equal(op.requirements.find((r) => r.rule === 'external-credentials-onboarding').passed, false, op.method);
  assert.deepEqual(
    internal.operations[0].requirements.map((r) => [r.rule, r.passed]),
    [
      ['internal-permission-scopes', true],
      ['internal-no-public-servers', true],
    ],
  );
  assert.deepEqual(
    undeclared.documentRequirements.map((r) => [r.rule, r.passed]),
    [
      ['exposure-audience-declared', false],
      ['exposure-servers-marked', true],
    ],
  );
  assert.deepEqual(
    pub.documentRequirements.map((r) => [r.rule, r.passed]),
    [
      ['exposure-audience-declared', true],
      ['exposure-servers-marked', true],
    ],
  );
});

test('report --min-score: exit 1 below the threshold with one line, 0 at or above; bad values exit 2', async () => {
  const below = await report('--min-score', '90', '-q', '-o', path.join(scratchDir('ael-report-'), 'r.md'), 'apis');
  assert.equal(below.code, 1);
  assert.equal(below.stderr, 'api-exposure-lint: report: overall readiness 79 is below --min-score 90\n');
  const above = await report('--min-score', '79', '-f', 'json', 'apis');
  assert.equal(above.code, 0);
  for (const value of ['abc', '101', '-5']) {
    const bad = await report('--min-score', value, 'apis');
    assert.equal(bad.code, 2, value);
    assert.match(bad.stderr, /--min-score/);
  }
});

test('report -o / --output: the html page and json written from one run; the console gets the headline', async () => {
  const dir = scratchDir('ael-report-');
  const { code, stdout } = await report(
    '-f',
    'html',
    '-o',
    path.join(dir, 'report.html'),
    '--output',
    `json=${path.join(dir, 'r.json')}`,
    'apis',
  );
  assert.equal(code, 0);
  assert.equal(stdout, '5 operations in 3 documents, overall readiness 79/100\n');
  const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /\b(src|href)=/i, 'nothing to load');
  assert.doesNotMatch(html, /https?:\/\/(?!api\.example\.com)/, 'no URLs but the specs’ own');
  assert.equal((html.match(/<tr data-audience=/g) ?? []).length, 5);
  assert.equal(JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')).documents.length, 3);
});

test('buildInventory: requirements follow the audience kind; findings of other rules and other files are kept apart', () => {
  const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 8 } };
  const op = (method, audience, kind) => ({
    path: '/x',
    method,
    jsonPath: ['paths', '/x', method],
    range,
    resolved: { audience, kind, source: 'info', detail: 'info.x-audience' },
  });
  const finding = (code, method, extra = {}) => ({
    code,
    message: code,
    severity: 'warn',
    path: ['paths', '/x', method, 'responses'],
    range,
    ...extra,
  });
  const inventory = engine.buildInventory([
    {
      file: 'a.yaml',
      sourcePath: '/repo/a.yaml',
      operations: [op('get', 'external-partner', 'external'), op('post', 'business-unit-internal', 'internal')],
      findings: [
        finding('external-rate-limit', 'GET'),
        finding('oas3-api-servers', 'get'),
        finding('external-code-samples', 'get', { source: '/repo/shared.yaml' }),
        // Written under components of another file, about GET /x only (its rule recorded so).
        finding('external-credentials-onboarding', 'get', {
          path: ['components', 'securitySchemes', 'oauth'],
          range: { start: { line: 40, character: 4 }, end: { line: 40, character: 9 } },
          source: '/repo/shared.yaml',
          concerns: [{ path: '/x', method: 'get' }],
        }),
      ],
    },
    { file: 'empty.yaml', operations: [], findings: [] },
  ]);
  const [get, post] = inventory.documents[0].operations;
  // Every rule about external operations, in registry order (a new rule adds itself here).
  const external = engine.EXPOSURE_RULES.filter((rule) => rule.appliesTo === 'external').map((rule) => rule.code);
  assert.deepEqual(
    get.requirements.map((r) => [r.rule, r.passed]),
    external.map((rule) => [rule, rule !== 'external-rate-limit' && rule !== 'external-credentials-onboarding']),
  );
  assert.equal(get.otherFindings, 1);
  assert.equal(Math.round(get.score), Math.round((100 * (external.length - 2)) / external.length)); // 9 of 11
  assert.deepEqual(
    post.requirements.map((r) => [r.rule, r.passed]),
    [
      ['internal-permission-scopes', true],
      ['internal-no-public-servers', true],
    ],
  );
  assert.equal(inventory.documents[1].score, null);
  assert.deepEqual(inventory.operationsByAudience, { 'external-partner': 1, 'business-unit-internal': 1 });
  assert.equal(Math.round(inventory.score), 91);
  // Every exposure rule of the ruleset is a requirement, with the audiences it applies to.
  assert.deepEqual(
    engine
      .exposureRequirements()
      .map((r) => r.code)
      .sort(),
    Object.keys(engine.EXPOSURE_RULES_META).sort(),
  );
});
