import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

const cases = [
  {
    name: 'root, path-item and operation servers of external operations; templated schemes; internal http passes (3.0 YAML)',
    fixture: 'https/cases-30.yaml',
    expected: [
      [
        ['servers', '1', 'url'],
        /^The server http:\/\/api\.shipments\.example\.com\/v2 uses http but serves external-partner operations \(GET \/shipments\)/,
      ],
      [['paths', '/tracking/stream', 'servers', '0', 'url'], /ws:\/\/stream\.shipments\.example\.com uses ws/],
      [['paths', '/labels', 'get', 'servers', '0', 'url'], /\{scheme\}:\/\/labels\.shipments\.example\.com allows http/],
    ],
  },
  {
    name: 'Swagger 2.0 root and operation schemes; an internal operation on http passes (2.0 JSON)',
    fixture: 'https/oas2.json',
    expected: [
      [['schemes'], /^The schemes list http but serves external-public operations \(GET \/forecasts\)/],
      [['paths', '/legacy', 'get', 'schemes'], /GET \/legacy/],
    ],
  },
  {
    name: 'an internal document: only the http root server an external operation inherits is reported (3.1 JSON)',
    fixture: 'https/internal-31.json',
    expected: [[['servers', '0', 'url'], /serves external-partner operations \(GET \/receipts\/\{id\}\)/]],
  },
];

for (const c of cases) {
  test(`external-https: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-https' });
    for (const r of results) assert.equal(r.severity, 'error');
  });
}

test('external-https: with no audience declared, the fallback and the configured default decide', async () => {
  const expected = (audience) => [[['servers', '0', 'url'], new RegExp(`serves ${audience} operations`)]];
  const base = { fixture: 'https/undeclared.yaml', code: 'external-https' };
  await assertRuleResults(assert, { ...base, config: {}, expected: expected('external-public') });
  await assertRuleResults(assert, { ...base, config: { defaultAudience: 'external-partner' }, expected: expected('external-partner') });
  for (const internal of ['company-internal', 'business-unit-internal', 'component-internal']) {
    await assertRuleResults(assert, { ...base, config: { defaultAudience: internal }, expected: [] });
  }
});

// The audience matrix: an http server (2.0: an http scheme) fails for external operations only.
const httpsDoc = (version, secure) => {
  const op = { responses: { 200: { description: 'OK' } } };
  const doc = { ...documentHead(version, 'Weather'), paths: { '/forecasts': { get: op } } };
  if (version === '2.0') Object.assign(doc, { host: 'api.weather.example.com', schemes: [secure ? 'https' : 'http'] });
  else doc.servers = [{ url: `${secure ? 'https' : 'http'}://api.weather.example.com/v1` }];
  return { doc, op: ['paths', '/forecasts', 'get'], expected: [version === '2.0' ? ['schemes'] : ['servers', '0', 'url']] };
};
audienceMatrix(assert, { code: 'external-https', failing: (v) => httpsDoc(v, false), passing: (v) => httpsDoc(v, true) });
