import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

const op = (p, method = 'get') => ['paths', p, method];

const cases = [
  {
    name: 'x-sunset date, Sunset and (lower-case) Deprecation headers pass; a TODO x-sunset fails; internal skipped (3.0 YAML)',
    fixture: 'sunset/cases-30.yaml',
    expected: [
      [op('/v1/orders'), /^GET \/v1\/orders is external-partner \(info\.x-audience\) but is deprecated without announcing its end/],
      [op('/v1/orders', 'put'), /its x-sunset "TODO" is not a date$/],
    ],
  },
  {
    name: 'Swagger 2.0 with an HTTP-date x-sunset (2.0 JSON)',
    fixture: 'sunset/oas2.json',
    expected: [[op('/forecast-legacy'), /is deprecated without announcing its end/]],
  },
  {
    name: 'no audience declared: treated as external (3.1 YAML)',
    fixture: 'sunset/cases-31.yaml',
    expected: [[op('/pets'), /external-public \(no audience declared: treated as external\)/]],
  },
];

for (const c of cases) {
  test(`external-deprecation-sunset: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-deprecation-sunset' });
    for (const r of results) assert.equal(r.severity, 'warn');
  });
}

test('external-deprecation-sunset: each internal default audience silences it', async () => {
  for (const defaultAudience of ['company-internal', 'business-unit-internal', 'component-internal']) {
    await assertRuleResults(assert, {
      fixture: 'sunset/cases-31.yaml',
      code: 'external-deprecation-sunset',
      config: { defaultAudience },
      expected: [],
    });
  }
});

// The audience matrix: a deprecated operation that does not announce its end fails for external operations only.
const sunsetDoc = (version, announced) => ({
  doc: {
    ...documentHead(version, 'Orders'),
    paths: {
      '/v1/orders': {
        get: { deprecated: true, ...(announced ? { 'x-sunset': '2030-06-30' } : {}), responses: { 200: { description: 'OK' } } },
      },
    },
  },
  op: ['paths', '/v1/orders', 'get'],
  expected: [['paths', '/v1/orders', 'get']],
});
audienceMatrix(assert, { code: 'external-deprecation-sunset', failing: (v) => sunsetDoc(v, false), passing: (v) => sunsetDoc(v, true) });
