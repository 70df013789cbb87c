// Audience in rulesets: any rule (built-in, spectral:oas, OWASP, a team's own) scoped to audiences and given
// a severity per audience (`x-exposure.rules`, `given: '#ExternalOperations'`); custom functions read the
// resolved audience of their operation (getOperationAudience); OWASP's rate-limit rules are superseded by
// external-rate-limit. OpenAPI 2.0, 3.0 and 3.1; YAML and JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { engine, workspace, lintFile, trusted } from './helpers/engine.mjs';
import * as testing from '../../dist/testing.js';

/** A document with one operation per audience: /public (external-public), /partner, /company, /component. */
function spec(version, { description = false } = {}) {
  const op = (audience) => ({
    'x-audience': audience,
    ...(description ? { description: 'Does it' } : {}),
    responses: { 200: { description: 'OK' } },
  });
  const head = version === '2.0' ? { swagger: '2.0' } : { openapi: version };
  return {
    ...head,
    info: { title: 'Scoped', version: '1' },
    paths: {
      '/public': { get: op('external-public') },
      '/partner': { get: op('external-partner') },
      '/company': { get: op('company-internal') },
      '/component': { get: op('component-internal') },
    },
  };
}

const toYaml = (value) => JSON.stringify(value, null, 2); // JSON is YAML; the .yaml extension makes it parsed as YAML

const SCOPED_RULESET = `extends: [[spectral:oas, recommended]]
x-exposure:
  rules:
    operation-description:
      severity: { external: error, company-internal: warn, component-internal: 'off' }
    operation-operationId:
      audiences: [external-public]
`;

for (const version of ['2.0', '3.0.3', '3.1.0']) {
  for (const ext of ['yaml', 'json']) {
    test(`per-audience severity and audience list on spectral:oas rules (OAS ${version}, ${ext})`, async () => {
      const dir = workspace({
        '.spectral.yaml': SCOPED_RULESET,
        [`api.${ext}`]: ext === 'json' ? JSON.stringify(spec(version)) : toYaml(spec(version)),
      });
      const result = await lintFile(path.join(dir, `api.${ext}`), { discoveryRoot: dir, onRulesetError: 'throw' });
      const of = (code) => result.findings.filter((f) => f.code === code).map((f) => [f.path[1], f.severity]);
      assert.deepEqual(of('operation-description'), [
        ['/public', 'error'],
        ['/partner', 'error'],
        ['/company', 'warn'],
      ]);
      assert.deepEqual(of('operation-operationId'), [['/public', 'warn']]);
    });
  }
}

test('a document-level finding of a scoped rule concerns every operation: kept if one is in scope, at the highest severity', async () => {
  const ruleset = `extends: [[spectral:oas, recommended]]
x-exposure:
  rules:
    info-contact: { audiences: [external], severity: { external-partner: error } }
`;
  const internalOnly = { ...spec('3.0.3'), paths: { '/company': spec('3.0.3').paths['/company'] } };
  const dir = workspace({ '.spectral.yaml': ruleset, 'mixed.yaml': toYaml(spec('3.0.3')), 'internal.yaml': toYaml(internalOnly) });
  const mixed = await lintFile(path.join(dir, 'mixed.yaml'), { discoveryRoot: dir, onRulesetError: 'throw' });
  assert.deepEqual(
    mixed.findings.filter((f) => f.code === 'info-contact').map((f) => f.severity),
    ['error'],
  );
  const internal = await lintFile(path.join(dir, 'internal.yaml'), { discoveryRoot: dir, onRulesetError: 'throw' });
  assert.deepEqual(
    internal.findings.filter((f) => f.code === 'info-contact'),
    [],
  );
});

test('shorthand: x-exposure.rules.<rule>: internal keeps the rule for internal operations only; the nearest ruleset wins', async () => {
  const dir = workspace({
    'base.yaml': `extends: [[spectral:oas, recommended]]\nx-exposure:\n  rules:\n    operation-description: external\n`,
    '.spectral.yaml': `extends: [./base.yaml]\nx-exposure:\n  rules:\n    operation-description: internal\n`,
    'api.yaml': toYaml(spec('3.1.0')),
  });
  const result = await lintFile(path.join(dir, 'api.yaml'), { discoveryRoot: dir, onRulesetError: 'throw' });
  assert.deepEqual(
    result.findings.filter((f) => f.code === 'operation-description').map((f) => f.path[1]),
    ['/company', '/component'],
  );
});

// A custom function reading the audience the engine resolved (value, kind, source, detail), through
// require('api-exposure-lint') — provided by the engine, not installed in the workspace.
const FUNCTION = `const { getOperationAudience } = require('api-exposure-lint');
module.exports = (operation, options, context) => {
  const audience = getOperationAudience(context);
  if (!audience) return [{ message: 'no audience' }];
  if (operation['x-stability'] !== 'experimental') return [];
  return [{ message: \`experimental but \${audience.audience} (\${audience.kind}, \${audience.source}: \${audience.detail})\` }];
};
`;

const CUSTOM_RULESET = `functions: [stability]
overrides:
  - files: ['partner/**']
    x-audience: external-partner
rules:
  experimental-not-external:
    given: '#ExternalOperations'
    severity: error
    message: '{{error}}'
    then: { function: stability }
  experimental-internal-note:
    given: '#InternalOperations'
    severity: info
    message: '{{error}}'
    then: { function: stability }
`;

const STABILITY_DOC = (version) => {
  const doc = spec(version);
  for (const item of Object.values(doc.paths)) item.get['x-stability'] = 'experimental';
  delete doc.paths['/partner'].get['x-audience']; // from the glob
  return doc;
};

for (const version of ['2.0', '3.0.3', '3.1.0']) {
  test(`custom function reads getOperationAudience; #ExternalOperations / #InternalOperations scope the rule (OAS ${version})`, async () => {
    const dir = workspace({
      '.spectral.yaml': CUSTOM_RULESET,
      'functions/stability.js': FUNCTION,
      'partner/api.json': JSON.stringify(STABILITY_DOC(version)),
    });
    const result = await lintFile(path.join(dir, 'partner/api.json'), {
      discoveryRoot: dir,
      onRulesetError: 'throw',
      trust: { ...trusted, allowedRoots: [dir] },
    });
    const of = (code) => result.findings.filter((f) => f.code === code).map((f) => [f.path.join('.'), f.severity, f.message]);
    assert.deepEqual(of('experimental-not-external'), [
      ['paths./public.get', 'error', 'experimental but external-public (external, operation: operation x-audience)'],
      ['paths./partner.get', 'error', 'experimental but external-partner (external, glob: glob partner/** (.spectral.yaml))'],
    ]);
    assert.deepEqual(
      of('experimental-internal-note').map(([p, s]) => [p, s]),
      [
        ['paths./company.get', 'info'],
        ['paths./component.get', 'info'],
      ],
    );
  });
}

test('getOperationAudience: also exported by dist/engine.js and the testing helper; outside a lint it resolves from the document alone', async () => {
  assert.equal(typeof engine.getOperationAudience, 'function');
  assert.equal(typeof testing.getOperationAudience, 'function');
  const require = createRequire(import.meta.url);
  const { Document } = require('@stoplight/spectral-core');
  const Parsers = require('@stoplight/spectral-parsers');
  const doc = new Document(toYaml(spec('3.0.3')), Parsers.Yaml, '/x/api.yaml');
  assert.deepEqual(engine.getOperationAudience(doc, ['paths', '/company', 'get', 'responses']), {
    audience: 'company-internal',
    kind: 'internal',
    source: 'operation',
    detail: 'operation x-audience',
  });
  assert.equal(engine.getOperationAudience(doc, ['info']), undefined);
});

const badScopes = [
  [
    'an unknown audience',
    `x-exposure:\n  rules:\n    operation-description: { audiences: [outer-space] }\n`,
    /x-exposure\.rules\["operation-description"\]\.audiences "outer-space" is not one of/,
  ],
  [
    'an unknown severity',
    `x-exposure:\n  rules:\n    operation-description: { severity: { external: loud } }\n`,
    /severity\.external "loud" is not one of error, warn, info, hint, off/,
  ],
  [
    'an unknown key',
    `x-exposure:\n  rules:\n    operation-description: { audience: external }\n`,
    /unknown key audience \(allowed: audiences, severity\)/,
  ],
];
for (const [name, block, message] of badScopes) {
  test(`a ruleset with ${name} in x-exposure.rules does not load, with a clear message`, async () => {
    const dir = workspace({ '.spectral.yaml': `extends: [[spectral:oas, recommended]]\n${block}`, 'api.yaml': toYaml(spec('3.0.3')) });
    await assert.rejects(lintFile(path.join(dir, 'api.yaml'), { discoveryRoot: dir, onRulesetError: 'throw' }), {
      name: 'RulesetLoadError',
      message,
    });
  });
}

// No double reports: OWASP next to the exposure ruleset.
const RATE_DOC = {
  openapi: '3.1.0',
  info: { title: 'Rates', version: '1' },
  paths: {
    '/public': { get: { 'x-audience': 'external-public', responses: { 200: { description: 'OK' }, 400: { description: 'Bad' } } } },
    '/internal': { get: { 'x-audience': 'company-internal', responses: { 200: { description: 'OK' }, 400: { description: 'Bad' } } } },
  },
};
const OWASP_RATE = /^owasp:api4:20\d\d-rate-limit/;

const owaspCases = [
  [
    'OWASP alone reports rate limiting on every operation',
    'extends: ["@stoplight/spectral-owasp-ruleset"]\n',
    ['/internal', '/public'],
    [],
  ],
  [
    'with the exposure ruleset, OWASP rate-limit rules are not reported; external-rate-limit reports external operations',
    'extends: ["@stoplight/spectral-owasp-ruleset", api-exposure-lint:exposure]\n',
    [],
    ['/public'],
  ],
  [
    'with external-rate-limit off, OWASP covers external operations only',
    'extends: ["@stoplight/spectral-owasp-ruleset", api-exposure-lint:exposure]\nrules:\n  external-rate-limit: "off"\n',
    ['/public'],
    [],
  ],
  [
    'an explicit x-exposure.rules entry wins over the implicit scope',
    'extends: ["@stoplight/spectral-owasp-ruleset", api-exposure-lint:exposure]\nx-exposure:\n  rules:\n    owasp:api4:2023-rate-limit: internal\n',
    ['/internal'],
    ['/public'],
  ],
];
for (const [name, ruleset, owaspPaths, exposurePaths] of owaspCases) {
  test(`no double reports: ${name}`, async () => {
    const dir = workspace({ '.spectral.yaml': ruleset, 'api.yaml': toYaml(RATE_DOC) });
    const result = await lintFile(path.join(dir, 'api.yaml'), { discoveryRoot: dir, onRulesetError: 'throw' });
    const owasp = [...new Set(result.findings.filter((f) => OWASP_RATE.test(f.code)).map((f) => f.path[1]))].sort();
    const exposure = result.findings.filter((f) => f.code === 'external-rate-limit').map((f) => f.path[1]);
    assert.deepEqual(owasp, owaspPaths);
    assert.deepEqual(exposure, exposurePaths);
  });
}
