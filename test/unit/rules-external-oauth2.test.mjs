import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, lintFixture, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

const op = (p, method = 'get') => ['paths', p, method];
const PREFIX = /is external-public \(info\.x-audience\) but is not secured by OAuth 2 \/ OpenID Connect: /;
const failing = [
  [op('/apikey'), /GET \/apikey .*alternative 2 uses apiKey 'key'$/],
  [op('/anonymous'), /alternative 2 \(\{\}\) allows anonymous access/],
  [op('/disabled'), /the operation sets security: \[\], which disables authentication/],
  [op('/undefined-scheme'), /alternative 1 names undefined scheme 'ghost'/],
  [op('/inherited'), /alternative 1 uses apiKey 'key' \(security inherited from the root\)/],
];

const cases = [
  { name: 'OAuth 2 / OIDC in every alternative passes (3.0)', fixture: 'oauth2/pass-30.yaml', expected: [] },
  { name: 'each failure mode, internal operation skipped (3.0 YAML)', fixture: 'oauth2/fail-30.yaml', expected: failing },
  { name: 'same document as 3.1 JSON gives the same results', fixture: 'oauth2/fail-31.json', expected: failing },
  {
    name: 'no security at all, audience from the fallback',
    fixture: 'oauth2/no-security.yaml',
    expected: [[op('/orders'), /is external-public \(no audience declared: treated as external\) but .*declares no security requirement/]],
  },
  {
    name: 'OAS 2.0 securityDefinitions',
    fixture: 'oauth2/oas2.yaml',
    expected: [[op('/basic'), /GET \/basic is external-partner \(info\.x-audience\) .*alternative 1 uses basic 'basic'/]],
  },
  {
    name: 'internal audiences are not checked',
    fixture: 'scopes/cases-30.yaml',
    expected: [[op('/external'), /declares no security requirement/]],
  },
];

for (const c of cases) {
  test(`external-oauth2: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-oauth2' });
    for (const r of results) assert.equal(r.severity, 'error');
  });
}

test('external-oauth2: messages use the same prefix for the info audience', async () => {
  const results = (await lintFixture('oauth2/fail-30.yaml')).filter((r) => r.code === 'external-oauth2');
  assert.ok(results.length > 0, 'the fixture has external-oauth2 findings');
  for (const r of results) {
    assert.match(r.message, PREFIX);
    assert.equal(r.audience, 'external-public', 'the engine annotates findings with the operation audience');
  }
});

// The audience matrix: an operation secured by an API key only fails for external operations only.
const oauthDoc = (version, scheme) => {
  const schemes = {
    key: { type: 'apiKey', in: 'header', name: 'X-Key' },
    oauth:
      version === '2.0'
        ? { type: 'oauth2', flow: 'application', tokenUrl: 'https://auth.example.com/token', scopes: { 'orders:read': 'Read' } }
        : {
            type: 'oauth2',
            flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { 'orders:read': 'Read' } } },
          },
  };
  const security = [{ [scheme]: scheme === 'oauth' ? ['orders:read'] : [] }];
  const doc = {
    ...documentHead(version, 'Orders'),
    paths: { '/orders': { get: { security, responses: { 200: { description: 'OK' } } } } },
  };
  if (version === '2.0') doc.securityDefinitions = schemes;
  else doc.components = { securitySchemes: schemes };
  return { doc, op: ['paths', '/orders', 'get'], expected: [['paths', '/orders', 'get']] };
};
audienceMatrix(assert, { code: 'external-oauth2', failing: (v) => oauthDoc(v, 'key'), passing: (v) => oauthDoc(v, 'oauth') });
