import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

const op = (p, method = 'get') => ['paths', p, method];

const cases = [
  {
    name: 'defined scopes (any flow), OIDC and API keys pass; each failure mode is named (3.0)',
    fixture: 'scopes/cases-30.yaml',
    expected: [
      [
        op('/empty-scopes'),
        /^GET \/empty-scopes is company-internal \(info\.x-audience\) but does not enforce permission scopes: alternative 1 requires oauth2 'oauth' without any scope$/,
      ],
      [op('/unknown-scope'), /requires scope 'orders:delete' that oauth2 'oauth' does not define$/],
      [op('/anonymous'), /alternative 2 \(\{\}\) allows anonymous access/],
      [op('/disabled'), /the operation sets security: \[\], which disables authentication/],
      [op('/no-security'), /declares no security requirement/],
    ],
  },
  {
    name: 'OAS 2.0 scopes on securityDefinitions',
    fixture: 'scopes/oas2.yaml',
    expected: [
      [op('/unknown-scope'), /is business-unit-internal \(info\.x-audience\) .*requires scope 'write' that oauth2 'oauth' does not define/],
      [op('/empty-scopes'), /without any scope/],
    ],
  },
  {
    name: 'path-level x-internal overrides an external info audience; root security inherited (3.1 JSON)',
    fixture: 'scopes/path-internal-31.json',
    expected: [[op('/reports', 'delete'), /DELETE \/reports is company-internal \(path item x-internal: true\) .*without any scope/]],
  },
  { name: 'external operations are not checked', fixture: 'oauth2/fail-30.yaml', expected: [] },
];

for (const c of cases) {
  test(`internal-permission-scopes: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'internal-permission-scopes' });
    for (const r of results) assert.equal(r.severity, 'error');
  });
}

// The audience matrix: an OAuth requirement without scopes fails for internal operations only.
const scopesDoc = (version, scopes) => {
  const oauth =
    version === '2.0'
      ? { type: 'oauth2', flow: 'application', tokenUrl: 'https://auth.example.com/token', scopes: { 'orders:read': 'Read' } }
      : { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { 'orders:read': 'Read' } } } };
  const doc = {
    ...documentHead(version, 'Orders'),
    paths: { '/orders': { get: { security: [{ oauth: scopes }], responses: { 200: { description: 'OK' } } } } },
  };
  if (version === '2.0') doc.securityDefinitions = { oauth };
  else doc.components = { securitySchemes: { oauth } };
  return { doc, op: ['paths', '/orders', 'get'], expected: [['paths', '/orders', 'get']] };
};
audienceMatrix(assert, {
  code: 'internal-permission-scopes',
  failing: (v) => scopesDoc(v, []),
  passing: (v) => scopesDoc(v, ['orders:read']),
});
