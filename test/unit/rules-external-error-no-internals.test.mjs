import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

const cases = [
  {
    name: "a $ref'd Spring-style error, nested allOf/items, traceId and success schemas pass, internal operations skipped (3.0 YAML)",
    fixture: 'error-internals/cases-30.yaml',
    expected: [
      [['components', 'schemas', 'SpringError', 'properties', 'exception'], /^Error schema property 'exception' exposes internals/],
      [['components', 'schemas', 'SpringError', 'properties', 'stackTrace'], /'stackTrace'/],
      [['components', 'schemas', 'SpringError', 'properties', 'debugInfo'], /'debugInfo'/],
      [['components', 'schemas', 'SpringError', 'properties', 'debugInfo', 'properties', 'internalMessage'], /'internalMessage'/],
      [
        [
          'paths',
          '/accounts',
          'post',
          'responses',
          '400',
          'content',
          'application/problem+json',
          'schema',
          'allOf',
          '1',
          'properties',
          'errors',
          'items',
          'properties',
          'sql_state',
        ],
        /'sql_state'/,
      ],
    ],
  },
  {
    name: 'Swagger 2.0 default response; names compared without case, - or _ (2.0 JSON)',
    fixture: 'error-internals/oas2.json',
    expected: [[['definitions', 'Fault', 'properties', 'Exception-Type'], /'Exception-Type'/]],
  },
  { name: 'an RFC 9457 problem passes (3.1 YAML)', fixture: 'error-internals/pass-31.yaml', expected: [] },
];

for (const c of cases) {
  test(`external-error-no-internals: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-error-no-internals' });
    for (const r of results) assert.equal(r.severity, 'error');
  });
}

test('external-error-no-internals: teams add property names (x-exposure.internalErrorProperties)', async () => {
  await assertRuleResults(assert, {
    fixture: 'error-internals/oas2.json',
    code: 'external-error-no-internals',
    config: { internalErrorProperties: ['fault_string'] },
    expected: [
      [['definitions', 'Fault', 'properties', 'faultString'], /'faultString'/],
      [['definitions', 'Fault', 'properties', 'Exception-Type'], /'Exception-Type'/],
    ],
  });
});

// The audience matrix: an error schema with a stack trace fails for external operations only.
const internalsDoc = (version, property) => {
  const schema = { type: 'object', properties: { title: { type: 'string' }, [property]: { type: 'string' } } };
  const error =
    version === '2.0' ? { description: 'Error', schema } : { description: 'Error', content: { 'application/json': { schema } } };
  const at = version === '2.0' ? ['schema'] : ['content', 'application/json', 'schema'];
  return {
    doc: { ...documentHead(version, 'Orders'), paths: { '/orders': { get: { responses: { 200: { description: 'OK' }, 500: error } } } } },
    op: ['paths', '/orders', 'get'],
    expected: [['paths', '/orders', 'get', 'responses', '500', ...at, 'properties', property]],
  };
};
audienceMatrix(assert, {
  code: 'external-error-no-internals',
  failing: (v) => internalsDoc(v, 'stackTrace'),
  passing: (v) => internalsDoc(v, 'detail'),
});
