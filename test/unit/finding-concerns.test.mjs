// A finding written outside the operations (a server, a security scheme, a shared schema or response, info) says
// which operations it concerns (`concerns`), as its rule recorded it: hover and CodeLens count it against those
// operations (test/lsp/requirements.test.mjs). The complete lint and the early exposure-only pass agree; YAML and JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { engine, workspace, lintFile, untrusted } from './helpers/engine.mjs';

const error = (ref) => ({ description: 'Error', content: { 'application/json': { schema: { $ref: ref } } } });
const DOC = {
  openapi: '3.0.3',
  info: { title: 'Shared', version: '1', description: 'Staging is https://orders.svc.cluster.local, do not use it.' },
  servers: [{ url: 'http://api.example.com' }],
  paths: {
    '/a': {
      get: {
        'x-audience': 'external-public',
        security: [{ key: [] }],
        responses: {
          200: { description: 'OK' },
          401: error('#/components/schemas/Fault'),
          403: error('#/components/schemas/Fault'),
          404: { $ref: '#/components/responses/NotFound' },
        },
      },
    },
    '/b': {
      get: {
        'x-audience': 'external-partner',
        security: [{ key: [] }],
        responses: {
          200: { description: 'OK' },
          401: error('#/components/schemas/Fault'),
          403: error('#/components/schemas/Fault'),
          404: { $ref: '#/components/responses/NotFound' },
        },
      },
    },
    '/c': {
      get: {
        'x-internal': true,
        security: [{ key: [] }],
        responses: { 200: { description: 'OK' }, 500: error('#/components/schemas/Fault') },
      },
    },
  },
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
    responses: { NotFound: { description: 'Not found' } },
    schemas: { Fault: { type: 'object', properties: { title: { type: 'string' }, stackTrace: { type: 'string' } } } },
  },
};

const A = { path: '/a', method: 'get' };
const B = { path: '/b', method: 'get' };
const C = { path: '/c', method: 'get' };
const EXPECTED = {
  'external-https servers.0.url': [A, B],
  'exposure-servers-marked servers.0': [A, B, C],
  'external-no-internal-hosts info.description': [A, B],
  'external-credentials-onboarding components.securitySchemes.key': [A, B],
  'external-error-no-internals components.schemas.Fault.properties.stackTrace': [A, B],
  'external-error-schema components.responses.NotFound': [A, B],
};

const sorted = (ops) => [...ops].sort((x, y) => `${x.path} ${x.method}`.localeCompare(`${y.path} ${y.method}`));
const shared = (findings) =>
  Object.fromEntries(findings.filter((f) => f.concerns).map((f) => [`${f.code} ${f.path.map(String).join('.')}`, sorted(f.concerns)]));

async function lintDoc(doc, ext, options = {}) {
  const dir = workspace({ [`api.${ext}`]: ext === 'json' ? JSON.stringify(doc) : JSON.stringify(doc, null, 2) });
  return lintFile(path.join(dir, `api.${ext}`), {
    rulesetFile: 'api-exposure-lint:recommended',
    trust: untrusted,
    onRulesetError: 'throw',
    ...options,
  });
}

for (const ext of ['yaml', 'json']) {
  test(`shared findings name the operations they concern (${ext})`, async () => {
    const result = await lintDoc(DOC, ext);
    assert.deepEqual(shared(result.findings), EXPECTED);
    // Findings under an operation belong to it already; findings of other rules carry nothing.
    let under = 0;
    for (const f of result.findings) {
      if (f.path[0] === 'paths') {
        assert.equal(f.concerns, undefined, `${f.code} ${f.path.join('.')}`);
        under++;
      }
      if (!engine.EXPOSURE_RULE_CODES.includes(f.code)) assert.equal(f.concerns, undefined, f.code);
    }
    assert.ok(under > 0, 'some findings are under operations');
  });

  test(`the early exposure-only pass records the same concerns as the complete lint (${ext})`, async () => {
    // Without $refs under the operations, so that the early pass answers (it declines findings under a $ref).
    const plain = structuredClone(DOC);
    for (const item of Object.values(plain.paths)) item.get.responses = { 200: { description: 'OK' } };
    const early = await lintDoc(plain, ext, { exposureOnly: true });
    assert.equal(early.exposureUnavailable, undefined);
    const complete = await lintDoc(plain, ext);
    const expected = Object.fromEntries(
      Object.entries(EXPECTED).filter(([key]) =>
        /^(external-https|exposure-servers-marked|external-no-internal-hosts|external-credentials-onboarding) /.test(key),
      ),
    );
    assert.deepEqual(shared(complete.findings), expected);
    assert.deepEqual(shared(early.findings), expected);
  });
}

test('a document that declares no audience: exposure-audience-declared concerns the operations left to the fallback', async () => {
  const dir = workspace({
    'api.yaml': JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: {
        '/x': { get: { responses: { 200: { description: 'OK' } } } },
        '/y': { get: { 'x-audience': 'company-internal', responses: { 200: { description: 'OK' } } } },
      },
    }),
  });
  const result = await lintFile(path.join(dir, 'api.yaml'), {
    rulesetFile: 'api-exposure-lint:exposure',
    trust: untrusted,
    onRulesetError: 'throw',
  });
  const declared = result.findings.filter((f) => f.code === 'exposure-audience-declared');
  assert.deepEqual(
    declared.map((f) => [f.path.join('.'), f.concerns]),
    [['info', [{ path: '/x', method: 'get' }]]],
  );
});
