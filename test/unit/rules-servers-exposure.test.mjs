// internal-no-public-servers and exposure-servers-marked: the two rules about which servers serve whom.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

test('internal-no-public-servers: inherited root server and operation server marked public; marked internal ones pass (3.0 YAML)', async () => {
  const results = await assertRuleResults(assert, {
    fixture: 'servers/mixed-30.yaml',
    code: 'internal-no-public-servers',
    expected: [
      [
        ['paths', '/stock/{sku}/corrections', 'post'],
        /^POST \/stock\/\{sku\}\/corrections is business-unit-internal \(path item x-audience\) but is served by a server marked public: https:\/\/partner-api\.example\.com\/inventory \(root servers\[0\], marked x-internal: false\)$/,
      ],
      [
        ['paths', '/audit', 'get'],
        /company-internal \(operation x-internal: true\) .*https:\/\/audit\.example\.com \(operation servers\[0\], marked x-audience: external-public\)/,
      ],
    ],
  });
  for (const r of results) assert.equal(r.severity, 'error');
});

test('internal-no-public-servers: unmarked servers, Swagger 2.0 and external-only documents pass', async () => {
  for (const fixture of ['servers/unmarked-31.json', 'servers/single-audience-oas2.yaml', 'servers/external-only-30.yaml']) {
    await assertRuleResults(assert, { fixture, code: 'internal-no-public-servers', expected: [] });
  }
});

test('exposure-servers-marked: a mixed document reports each unmarked server, at every level (3.0 YAML, 3.1 JSON)', async () => {
  const message =
    /^The document has external and internal operations, but the server https:\/\/\S+ does not say which it is for: add x-internal: true/;
  const first = await assertRuleResults(assert, {
    fixture: 'servers/mixed-30.yaml',
    code: 'exposure-servers-marked',
    expected: [[['paths', '/reservations', 'servers', '0'], message]],
  });
  const second = await assertRuleResults(assert, {
    fixture: 'servers/unmarked-31.json',
    code: 'exposure-servers-marked',
    expected: [
      [['servers', '0'], message],
      [['servers', '1'], message],
      [['paths', '/public/orders/{id}', 'servers', '0'], message],
    ],
  });
  for (const r of [...first, ...second]) assert.equal(r.severity, 'warn');
});

test('exposure-servers-marked: single-audience documents and Swagger 2.0 (no server objects) pass', async () => {
  await assertRuleResults(assert, { fixture: 'servers/external-only-30.yaml', code: 'exposure-servers-marked', expected: [] });
  await assertRuleResults(assert, { fixture: 'servers/single-audience-oas2.yaml', code: 'exposure-servers-marked', expected: [] });
  // Audience by configuration: every operation internal, so the document no longer mixes audiences.
  await assertRuleResults(assert, {
    fixture: 'servers/external-only-30.yaml',
    code: 'exposure-servers-marked',
    config: { defaultAudience: 'component-internal' },
    expected: [],
  });
});

// The audience matrices. Swagger 2.0 has no server objects: neither rule can apply there (expected: nothing).
const serverDoc = (version, server, extraPaths = {}) => {
  const doc = {
    ...documentHead(version, 'Inventory'),
    paths: { '/stock': { get: { responses: { 200: { description: 'OK' } } } }, ...extraPaths },
  };
  if (version === '2.0') Object.assign(doc, { host: 'inventory.example.com', schemes: ['https'] });
  else doc.servers = [{ url: 'https://inventory.example.com', ...server }];
  return doc;
};

// A server marked public (x-internal: false) fails for internal operations only.
const publicServerDoc = (version, internal) => ({
  doc: serverDoc(version, { 'x-internal': internal }),
  op: ['paths', '/stock', 'get'],
  expected: version === '2.0' ? [] : [['paths', '/stock', 'get']],
});
audienceMatrix(assert, {
  code: 'internal-no-public-servers',
  failing: (v) => publicServerDoc(v, false),
  passing: (v) => publicServerDoc(v, true),
});

// An unmarked server fails when the document mixes audiences: next to an external operation, when the varied one is internal.
const external = { '/catalogue': { get: { 'x-audience': 'external-public', responses: { 200: { description: 'OK' } } } } };
const markedDoc = (version, marks) => ({
  doc: serverDoc(version, marks, external),
  op: ['paths', '/stock', 'get'],
  expected: version === '2.0' ? [] : [['servers', '0']],
});
audienceMatrix(assert, {
  code: 'exposure-servers-marked',
  failing: (v) => markedDoc(v, {}),
  passing: (v) => markedDoc(v, { 'x-internal': false }),
  appliesTo: (declaration) => declaration.kind === 'internal',
});
