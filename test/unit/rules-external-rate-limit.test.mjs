import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

const op = (p, method = 'get') => ['paths', p, method];
const NO_429 = /missing a 429 response with a Retry-After header/;
const NO_RETRY_AFTER = /missing a Retry-After header on its 429 response/;
const NO_HEADERS = /missing rate-limit headers .* on its 429 or 2xx responses/;

const cases = [
  {
    name: '$ref 429, headers on 2xx, lower-case names pass; each missing part is named (3.0)',
    fixture: 'rate-limit/cases-30.yaml',
    expected: [
      [
        op('/no-429'),
        /^GET \/no-429 is external-public \(info\.x-audience\) but does not document rate limiting: missing a 429 response with a Retry-After header$/,
      ],
      [op('/no-retry-after'), /^(?!.*rate-limit headers).*missing a Retry-After header on its 429 response$/],
      [op('/no-rate-limit-headers'), /^(?!.*Retry-After header).*missing rate-limit headers/],
      [op('/nothing'), new RegExp(`${NO_429.source}; ${NO_HEADERS.source}`)],
    ],
  },
  {
    name: 'OAS 2.0 JSON with a $ref to root responses',
    fixture: 'rate-limit/oas2.json',
    expected: [[op('/bad'), /GET \/bad is external-partner .*missing a 429 response/]],
  },
];

for (const c of cases) {
  test(`external-rate-limit: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-rate-limit' });
    for (const r of results) assert.equal(r.severity, 'warn');
  });
}

test('external-rate-limit: the missing-part patterns are distinct', () => {
  assert.doesNotMatch('missing a Retry-After header on its 429 response', NO_429);
  assert.doesNotMatch('missing a 429 response with a Retry-After header', NO_RETRY_AFTER);
});

// The audience matrix: an operation that documents no rate limiting fails for external operations only.
const rateDoc = (version, documented) => {
  const header = version === '2.0' ? { type: 'integer' } : { schema: { type: 'integer' } };
  const responses = documented
    ? {
        200: { description: 'OK', headers: { RateLimit: header } },
        429: { description: 'Too many requests', headers: { 'Retry-After': header } },
      }
    : { 200: { description: 'OK' } };
  return {
    doc: { ...documentHead(version, 'Orders'), paths: { '/orders': { get: { responses } } } },
    op: ['paths', '/orders', 'get'],
    expected: [['paths', '/orders', 'get']],
  };
};
audienceMatrix(assert, { code: 'external-rate-limit', failing: (v) => rateDoc(v, false), passing: (v) => rateDoc(v, true) });
