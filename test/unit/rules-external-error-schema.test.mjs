import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults } from './rules-lint-helper.mjs';

const cases = [
  {
    name: 'shared Problem, an allOf extension and an annotated copy pass; a bespoke shape and a body-less shared response are reported once; HEAD, HTML and internal skipped (3.0 YAML)',
    fixture: 'error-schema/cases-30.yaml',
    expected: [
      [['paths', '/orders', 'post', 'responses', '422', 'content', 'application/json', 'schema'], /^This error schema differs from the one most error responses of external operations use/],
      [['components', 'responses', 'NotFound'], /^This 404 error response of external operations documents no body schema/],
    ],
  },
  {
    name: 'Swagger 2.0 response schemas (2.0 YAML)',
    fixture: 'error-schema/oas2.yaml',
    expected: [[['paths', '/alerts', 'get', 'responses', '500', 'schema'], /differs from the one most error responses/]],
  },
  { name: '4XX and 5XX ranges sharing one problem+json response (3.1 JSON)', fixture: 'error-schema/pass-31.json', expected: [] },
];

for (const c of cases) {
  test(`external-error-schema: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-error-schema' });
    for (const r of results) assert.equal(r.severity, 'warn');
  });
}

test('external-error-schema: with no audience declared, the fallback and the configured default decide', async () => {
  const base = { fixture: 'error-schema/undeclared.yaml', code: 'external-error-schema' };
  const reported = [[['paths', '/tickets', 'get', 'responses', '500', 'content', 'application/json', 'schema'], /differs/]];
  await assertRuleResults(assert, { ...base, config: {}, expected: reported });
  await assertRuleResults(assert, { ...base, config: { defaultAudience: 'external-partner' }, expected: reported });
  await assertRuleResults(assert, { ...base, config: { defaultAudience: 'component-internal' }, expected: [] });
});
