import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

const op = (p, method = 'get') => ['paths', p, method];

const cases = [
  {
    name: 'x-codeSamples, legacy x-code-samples and one good item pass; internal skipped (3.1)',
    fixture: 'code-samples/cases-31.yaml',
    expected: [
      [op('/missing'), /^GET \/missing is external-public \(info\.x-audience\) but has no x-codeSamples/],
      [op('/empty-lang'), /has no usable x-codeSamples item: each needs a non-empty string lang and source/],
      [op('/not-a-list'), /has no usable x-codeSamples item/],
    ],
  },
  {
    name: 'OAS 2.0 JSON',
    fixture: 'code-samples/oas2.json',
    expected: [[op('/missing'), /GET \/missing is external-partner \(info\.x-audience\) but has no x-codeSamples/]],
  },
];

for (const c of cases) {
  test(`external-code-samples: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-code-samples' });
    for (const r of results) assert.equal(r.severity, 'warn');
  });
}

// The audience matrix: an operation without code samples fails for external operations only.
const samplesDoc = (version, withSamples) => ({
  doc: {
    ...documentHead(version, 'Orders'),
    paths: {
      '/orders': {
        get: {
          ...(withSamples ? { 'x-codeSamples': [{ lang: 'Shell', source: 'curl https://api.example.com/orders' }] } : {}),
          responses: { 200: { description: 'OK' } },
        },
      },
    },
  },
  op: ['paths', '/orders', 'get'],
  expected: [['paths', '/orders', 'get']],
});
audienceMatrix(assert, { code: 'external-code-samples', failing: (v) => samplesDoc(v, false), passing: (v) => samplesDoc(v, true) });
