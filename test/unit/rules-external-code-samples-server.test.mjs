import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

const sample = (p, method, i, key = 'x-codeSamples') => ['paths', p, method, key, String(i), 'source'];

const cases = [
  {
    name: 'server variables (enum and free), SDK samples, body URLs, relative servers, internal operations (3.0 YAML)',
    fixture: 'samples-server/cases-30.yaml',
    expected: [
      [
        sample('/pets', 'get', 2),
        /^GET \/pets is external-public \(info\.x-audience\) but its code sample \(Shell\) calls https:\/\/pets-staging\.example\.com\/v1\/pets, which is not a server it is served by: https:\/\/api\.pets\.example\.com\/\{version\}, https:\/\/\{region\}\.pets\.example\.com\/v1$/,
      ],
      [sample('/pets', 'get', 4), /calls https:\/\/api\.pets\.example\.com\/v3\/pets,/],
      [sample('/pets', 'post', 1, 'x-code-samples'), /code sample \(Python\) calls http:\/\/localhost:8000\/v1\/pets,/],
    ],
  },
  {
    name: 'Swagger 2.0 scheme + host + basePath (2.0 JSON)',
    fixture: 'samples-server/oas2.json',
    expected: [
      [
        sample('/payments', 'get', 1),
        /external-partner .*calls http:\/\/api\.payments\.example\.com\/v2\/payments, .*served by: https:\/\/api\.payments\.example\.com\/v2$/,
      ],
      [sample('/payments', 'get', 2), /calls https:\/\/api\.payments\.example\.com\/v1\/payments,/],
    ],
  },
  {
    name: 'a trailing slash on the server URL; a path that only starts like it (3.1 YAML)',
    fixture: 'samples-server/cases-31.yaml',
    expected: [[sample('/tiles', 'get', 1), /calls https:\/\/maps\.example\.com\/apiv2\/tiles,/]],
  },
];

for (const c of cases) {
  test(`external-code-samples-server: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-code-samples-server' });
    for (const r of results) assert.equal(r.severity, 'warn');
  });
}

test('external-code-samples-server: internal by configuration, nothing is reported', async () => {
  await assertRuleResults(assert, {
    fixture: 'samples-server/cases-31.yaml',
    code: 'external-code-samples-server',
    config: { defaultAudience: 'business-unit-internal' },
    expected: [],
  });
});

// The audience matrix: a code sample calling a host the document does not declare fails for external operations only.
const samplesDoc = (version, host) => {
  const op = { 'x-codeSamples': [{ lang: 'Shell', source: `curl https://${host}/v1/orders` }], responses: { 200: { description: 'OK' } } };
  const doc = { ...documentHead(version, 'Orders'), paths: { '/orders': { get: op } } };
  if (version === '2.0') Object.assign(doc, { host: 'api.orders.acme.io', basePath: '/v1', schemes: ['https'] });
  else doc.servers = [{ url: 'https://api.orders.acme.io/v1' }];
  return { doc, op: ['paths', '/orders', 'get'], expected: [['paths', '/orders', 'get', 'x-codeSamples', '0', 'source']] };
};
audienceMatrix(assert, {
  code: 'external-code-samples-server',
  failing: (v) => samplesDoc(v, 'staging.orders.acme.io'),
  passing: (v) => samplesDoc(v, 'api.orders.acme.io'),
});
