import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead, lintData } from './rules-lint-helper.mjs';

const cases = [
  {
    name: 'shared Problem, an allOf extension and an annotated copy pass; a bespoke shape and a body-less shared response are reported once; HEAD, HTML and internal skipped (3.0 YAML)',
    fixture: 'error-schema/cases-30.yaml',
    expected: [
      [
        ['paths', '/orders', 'post', 'responses', '422', 'content', 'application/json', 'schema'],
        /^This error schema differs from the one most error responses of external operations use/,
      ],
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

// The audience matrix: an error response without a body schema fails for external operations only.
const errorBody = (version) =>
  version === '2.0'
    ? { schema: { $ref: '#/definitions/Problem' } }
    : { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const errorSchemaDoc = (version, withBody) => {
  const problem = { type: 'object', properties: { title: { type: 'string' }, status: { type: 'integer' } } };
  const doc = {
    ...documentHead(version, 'Orders'),
    paths: {
      '/orders': {
        get: {
          responses: {
            200: { description: 'OK' },
            400: { description: 'Bad request', ...errorBody(version) },
            404: { description: 'Not found', ...(withBody ? errorBody(version) : {}) },
          },
        },
      },
    },
  };
  if (version === '2.0') doc.definitions = { Problem: problem };
  else doc.components = { schemas: { Problem: problem } };
  return { doc, op: ['paths', '/orders', 'get'], expected: [['paths', '/orders', 'get', 'responses', '404']] };
};
audienceMatrix(assert, {
  code: 'external-error-schema',
  failing: (v) => errorSchemaDoc(v, false),
  passing: (v) => errorSchemaDoc(v, true),
});

// An error schema that embeds much of the API (Stripe's error embeds the charge, which embeds the customer…):
// each schema here uses the next one eight times, so the inlined schema has 8^40 paths. The shape compared is cut
// after a bounded number of nodes: the lint ends (it used to run for minutes, then out of memory) and still
// tells the odd schema apart, in the complete lint and in the exposure-first pass alike.
test(
  'external-error-schema: an error schema with more paths than can be written out is compared all the same',
  { timeout: 300_000 },
  async () => {
    const { engine, trusted } = await import('./helpers/engine.mjs');
    const schemas = {};
    for (let i = 0; i < 40; i++) {
      const next = { $ref: `#/components/schemas/S${i + 1}` };
      schemas[`S${i}`] = { type: 'object', properties: { code: { type: 'string' } } };
      for (const name of 'abcdefgh') schemas[`S${i}`].properties[name] = next;
    }
    schemas.S40 = { type: 'string' };
    schemas.Odd = { type: 'object', properties: { message: { type: 'string' } } };
    const error = (schema) => ({
      description: 'Error',
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
    });
    const operation = (schema) => ({ responses: { 200: { description: 'OK' }, 400: error(schema) } });
    const doc = {
      ...documentHead('3.0.3', 'Deep errors'),
      paths: { '/a': { get: operation('S0') }, '/b': { get: operation('S0') }, '/c': { get: operation('Odd') } },
      components: { schemas },
    };
    // Reported where the odd schema is written (Spectral places a finding under a $ref at its target).
    const odd = ['components', 'schemas', 'Odd'];
    const complete = (await lintData(doc, 'json')).filter((f) => f.code === 'external-error-schema');
    assert.deepEqual(
      complete.map((f) => f.path),
      [odd],
    );
    const linter = new engine.Linter(engine.createNodeHost());
    const early = await linter.lint({
      filePath: '/tmp/deep-errors.json',
      text: JSON.stringify(doc),
      rulesetFile: 'api-exposure-lint:exposure',
      trust: trusted,
      exposureOnly: true,
    });
    assert.deepEqual(
      early.findings.filter((f) => f.code === 'external-error-schema').map((f) => f.path.map(String)),
      [odd],
    );
  },
);
