// Quick-fix building blocks and API behaviour on inline documents: offset edits, the diff that
// keeps edits minimal, fix-all sharing one created component, and style corner cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const engine = require(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../dist/engine.js'));
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const finding = (code, jsonPath, extra = {}) => ({ code, path: jsonPath, message: code, severity: 'warn', range, ...extra });
const apply = (text, f, id, format) => {
  const fix = engine.getFixes(text, f, format ? { format } : {}).find((x) => x.id === id);
  assert.ok(fix, `${id} offered`);
  return engine.applyEdits(text, fix.edits);
};

test('applyEdits applies edits in any order and rejects overlaps', () => {
  assert.equal(
    engine.applyEdits('abcdef', [
      { offset: 4, length: 1, newText: 'E' },
      { offset: 0, length: 0, newText: '>' },
    ]),
    '>abcdEf',
  );
  assert.throws(
    () =>
      engine.applyEdits('abcdef', [
        { offset: 0, length: 3, newText: '' },
        { offset: 2, length: 1, newText: '' },
      ]),
    /Overlapping/,
  );
});

test('a fix touching two distant places yields two small insertions, not one big replacement', () => {
  const lines = Array.from({ length: 200 }, (_, i) => `    x-filler-${i}: ${i}`).join('\n');
  const text = `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: OK}\n${lines}\n`;
  const fix = engine
    .getFixes(text, finding('external-rate-limit', ['paths', '/a', 'get']))
    .find((f) => f.id === 'external-rate-limit/response');
  assert.equal(fix.edits.length, 2);
  for (const edit of fix.edits) assert.equal(edit.length, 0, 'pure insertions');
  assert.ok(fix.edits.every((e) => e.newText.length < 2000));
});

test('fix-all creates the shared 429 response once and references it from every operation', () => {
  const text = `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n  /b:\n    post:\n      responses:\n        '201':\n          description: Created\n`;
  const findings = [finding('external-rate-limit', ['paths', '/a', 'get']), finding('external-rate-limit', ['paths', '/b', 'post'])];
  const fixed = engine.applyEdits(text, engine.getFixAllEdits(text, findings));
  assert.equal(fixed.match(/TooManyRequests:/g).length, 1);
  assert.equal(fixed.match(/\$ref: '#\/components\/responses\/TooManyRequests'/g).length, 2);
  assert.deepEqual(engine.getFixAllEdits(fixed, findings), [], 'a second fix-all changes nothing');
});

test('fix-all skips unsafe fixes (audience choice, extra code-sample languages, ignore)', () => {
  const text = `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n`;
  const fixed = engine.applyEdits(
    text,
    engine.getFixAllEdits(text, [
      finding('exposure-audience-declared', ['info']),
      finding('external-code-samples', ['paths', '/a', 'get']),
    ]),
  );
  assert.doesNotMatch(fixed, /x-audience|x-lint-ignore|JavaScript|Python/);
  assert.match(fixed, /lang: Shell/);
});

test('an empty flow mapping under a block mapping is rewritten in block style', () => {
  const text = `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      responses: {}\n`;
  const out = apply(text, finding('external-rate-limit', ['paths', '/a', 'get']), 'external-rate-limit/response');
  assert.match(out, /\n      responses:\n        '429':\n          \$ref: '#\/components\/responses\/TooManyRequests'\n/);
});

test('a document with --- and leading comments keeps them; the operation gets security', () => {
  const text = `# header comment\n---\nopenapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n`;
  const out = apply(text, finding('external-oauth2', ['paths', '/a', 'get']), 'external-oauth2/operation');
  assert.ok(out.startsWith('# header comment\n---\nopenapi: 3.0.3\n'));
  assert.match(out, /      security:\n        - oauth2:\n            - a:read\n/);
});

test('an existing OAuth scheme is reused: only the requirement is added', () => {
  const text = `openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      security:\n        - key: []\n      responses:\n        '200': {description: OK}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X}\n    oidc: {type: openIdConnect, openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration'}\n`;
  const fixes = engine.getFixes(text, finding('external-oauth2', ['paths', '/a', 'get']));
  assert.deepEqual(
    fixes.map((f) => f.id),
    ['external-oauth2/operation', 'external-oauth2/ignore'],
    'no root action when the operation has its own security',
  );
  const out = engine.applyEdits(text, fixes[0].edits);
  assert.match(out, /      security:\n        - oidc:\n            - a:read\n      responses:/);
  assert.equal(out.match(/oidc:/g).length, 2, 'no new scheme');
});

test('misspelt x-internal and path-item x-audience get value fixes; ignore lands on the path item', () => {
  const text = `openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    x-audience: partner\n    get:\n      x-internal: 'yes'\n      responses:\n        '200': {description: OK}\n`;
  const internal = apply(
    text,
    finding('exposure-audience-declared', ['paths', '/a', 'get', 'x-internal']),
    'exposure-audience-declared/x-internal/true',
  );
  assert.match(internal, /\n      x-internal: true\n/);
  const fixes = engine.getFixes(text, finding('exposure-audience-declared', ['paths', '/a', 'x-audience']));
  assert.equal(fixes[0].id, 'exposure-audience-declared/value/external-partner', 'closest audience preferred');
  const ignored = apply(text, finding('exposure-audience-declared', ['paths', '/a', 'x-audience']), 'exposure-audience-declared/ignore');
  assert.match(ignored, /\n  \/a:\n    x-audience: partner\n    get:\n[\s\S]*\n    x-lint-ignore:\n      - exposure-audience-declared\n/);
});

test('the audience the finding already carries is the preferred declaration', () => {
  const text = `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\n`;
  const fixes = engine.getFixes(text, finding('exposure-audience-declared', ['info'], { audience: 'company-internal' }));
  assert.equal(fixes[0].id, 'exposure-audience-declared/company-internal');
  assert.ok(fixes[0].isPreferred && !fixes[0].safe);
});

test('documents that do not parse and unknown codes get no fixes', () => {
  assert.deepEqual(engine.getFixes('openapi: 3.0.3\ninfo: [unclosed\n', finding('external-oauth2', ['paths', '/a', 'get'])), []);
  assert.deepEqual(engine.getFixes('openapi: 3.0.3\n', finding('operation-description', ['paths', '/a', 'get'])), []);
});

test('curl sample: api key in query, basic auth and JS/Python variants read credentials from the environment', () => {
  const text = `openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: /api}]\npaths:\n  /items:\n    get:\n      security: [{q: []}]\n      responses:\n        '200': {description: OK}\n    put:\n      security: [{b: []}]\n      responses:\n        '200': {description: OK}\ncomponents:\n  securitySchemes:\n    q: {type: apiKey, in: query, name: key}\n    b: {type: http, scheme: basic}\n`;
  const get = apply(text, finding('external-code-samples', ['paths', '/items', 'get']), 'external-code-samples/curl');
  assert.match(get, /curl "https:\/\/api\.example\.com\/api\/items\?key=\$API_KEY"\n/);
  const put = apply(text, finding('external-code-samples', ['paths', '/items', 'put']), 'external-code-samples/curl');
  assert.match(put, /curl -X PUT 'https:\/\/api\.example\.com\/api\/items' \\\n\s+-u "\$USERNAME:\$PASSWORD"/);
  const py = apply(text, finding('external-code-samples', ['paths', '/items', 'put']), 'external-code-samples/requests');
  assert.match(py, /auth=\(os\.environ\["USERNAME"\], os\.environ\["PASSWORD"\]\)/);
  const js = apply(text, finding('external-code-samples', ['paths', '/items', 'get']), 'external-code-samples/fetch');
  assert.match(js, /fetch\(`https:\/\/api\.example\.com\/api\/items\?key=\$\{process\.env\.API_KEY\}`/);
});

test('a code sample for a request body with billions of schema paths is built from a bounded part of it', () => {
  // Each schema has 12 properties that all use the next one: 12^6 paths down to the sample's depth limit.
  const schemas = {};
  for (let i = 0; i < 8; i++) {
    const properties = {};
    for (let p = 0; p < 12; p++) properties[`p${p}`] = { $ref: `#/components/schemas/S${i + 1}` };
    schemas[`S${i}`] = { type: 'object', properties };
  }
  schemas.S8 = { type: 'string' };
  const doc = {
    openapi: '3.0.3',
    info: { title: 'T', version: '1' },
    paths: {
      '/items': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/S0' } } } },
          responses: { 200: { description: 'OK' } },
        },
      },
    },
    components: { schemas },
  };
  const text = JSON.stringify(doc, null, 2);
  const fixed = apply(text, finding('external-code-samples', ['paths', '/items', 'post']), 'external-code-samples/curl');
  const source = JSON.parse(fixed).paths['/items'].post['x-codeSamples'][0].source;
  assert.match(source, /curl -X POST/);
  assert.match(source, /"p0"/, 'the body starts as the schema says');
  assert.ok(source.length < 100_000, `a readable sample (${source.length} characters)`);
});
