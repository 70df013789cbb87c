import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

const op = (p, method = 'get') => ['paths', p, method];

const cases = [
  {
    name: '$ref 401/403 and a 4XX range pass; anonymous (security: [] or [{}]) and internal operations are skipped (3.0 YAML)',
    fixture: 'auth-responses/cases-30.yaml',
    expected: [
      [
        op('/orders', 'post'),
        /^POST \/orders is external-partner \(info\.x-audience\) but is secured and does not document 403 \(credentials valid, permission missing\)$/,
      ],
      [op('/orders/{id}', 'delete'), /does not document 401 \(credentials missing or invalid\) nor 403/],
    ],
  },
  {
    name: 'Swagger 2.0: an apiKey operation; one with no security at all is left to external-oauth2 (2.0 JSON)',
    fixture: 'auth-responses/oas2.json',
    expected: [[op('/forecasts'), /is secured and does not document 401 \(credentials missing or invalid\)$/]],
  },
  {
    name: 'an internal document with one external operation (3.1 YAML)',
    fixture: 'auth-responses/internal-31.yaml',
    expected: [[op('/partner/stock'), /external-partner \(operation x-audience\) .*does not document 403/]],
  },
];

for (const c of cases) {
  test(`external-auth-responses: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-auth-responses' });
    for (const r of results) assert.equal(r.severity, 'warn');
  });
}

// The audience matrix: a secured operation without 401/403 fails for external operations only.
const authDoc = (version, documented) => {
  const responses = {
    200: { description: 'OK' },
    ...(documented ? { 401: { description: 'Unauthorized' }, 403: { description: 'Forbidden' } } : {}),
  };
  const doc = { ...documentHead(version, 'Orders'), security: [{ key: [] }], paths: { '/orders': { get: { responses } } } };
  const key = { type: 'apiKey', in: 'header', name: 'X-Key' };
  if (version === '2.0') doc.securityDefinitions = { key };
  else doc.components = { securitySchemes: { key } };
  return { doc, op: ['paths', '/orders', 'get'], expected: [['paths', '/orders', 'get']] };
};
audienceMatrix(assert, { code: 'external-auth-responses', failing: (v) => authDoc(v, false), passing: (v) => authDoc(v, true) });
