import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults } from './rules-lint-helper.mjs';

const op = (p, method = 'get') => ['paths', p, method];

const cases = [
  {
    name: 'defined scopes (any flow), OIDC and API keys pass; each failure mode is named (3.0)',
    fixture: 'scopes/cases-30.yaml',
    expected: [
      [op('/empty-scopes'), /^GET \/empty-scopes is company-internal \(info\.x-audience\) but does not enforce permission scopes: alternative 1 requires oauth2 'oauth' without any scope$/],
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
