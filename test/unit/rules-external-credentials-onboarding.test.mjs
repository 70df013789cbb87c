import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

const cases = [
  {
    name: 'an OAuth scheme with only URLs and a TODO description fail; a description or x-registration-url pass; internal-only schemes skipped (3.0 YAML)',
    fixture: 'credentials/cases-30.yaml',
    expected: [
      [
        ['components', 'securitySchemes', 'shopOAuth'],
        /^The oauth2 security scheme 'shopOAuth' protects external operations \(GET \/orders\) but does not say how to get credentials/,
      ],
      [['components', 'securitySchemes', 'basic'], /'basic' protects external operations \(GET \/products\)/],
    ],
  },
  {
    name: 'Swagger 2.0 root security; an unused scheme is not reported (2.0 JSON)',
    fixture: 'credentials/oas2.json',
    expected: [[['securityDefinitions', 'key'], /apiKey security scheme 'key'/]],
  },
  { name: 'an internal document (3.1 YAML)', fixture: 'credentials/internal-31.yaml', expected: [] },
];

for (const c of cases) {
  test(`external-credentials-onboarding: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-credentials-onboarding' });
    for (const r of results) assert.equal(r.severity, 'warn');
  });
}

test('external-credentials-onboarding: with no audience declared, the fallback and the configured default decide (3.0 JSON)', async () => {
  const base = { fixture: 'credentials/undeclared.json', code: 'external-credentials-onboarding' };
  await assertRuleResults(assert, {
    ...base,
    config: {},
    expected: [[['components', 'securitySchemes', 'token'], /http security scheme 'token' protects external operations \(GET \/tickets\)/]],
  });
  await assertRuleResults(assert, { ...base, config: { defaultAudience: 'company-internal' }, expected: [] });
});

// The audience matrix: a security scheme that does not say how to get credentials fails when external operations use it.
const onboardingDoc = (version, description) => {
  const key = { type: 'apiKey', in: 'header', name: 'X-Key', ...(description ? { description } : {}) };
  const doc = {
    ...documentHead(version, 'Orders'),
    paths: { '/orders': { get: { security: [{ key: [] }], responses: { 200: { description: 'OK' } } } } },
  };
  if (version === '2.0') doc.securityDefinitions = { key };
  else doc.components = { securitySchemes: { key } };
  return {
    doc,
    op: ['paths', '/orders', 'get'],
    expected: [version === '2.0' ? ['securityDefinitions', 'key'] : ['components', 'securitySchemes', 'key']],
  };
};
audienceMatrix(assert, {
  code: 'external-credentials-onboarding',
  failing: (v) => onboardingDoc(v),
  passing: (v) => onboardingDoc(v, 'Request a key at https://developers.example.com/keys.'),
});
