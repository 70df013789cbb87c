// With the OWASP ruleset extended next to the exposure ruleset, each concern is reported once: where an exposure
// rule reports a concern OWASP also checks at that place (https on a server, a 401 on an operation, x-internal on a
// server), OWASP's finding is dropped; where the exposure rule does not apply (internal-only documents, a rule
// turned off), OWASP's findings stay. Rate limiting: see audience-scopes.test.mjs. OAS 2.0 / 3.0 / 3.1, YAML and JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { engine, workspace, lintFile } from './helpers/engine.mjs';

const OWASP_AND_EXPOSURE = 'extends: ["@stoplight/spectral-owasp-ruleset", api-exposure-lint:exposure]\n';
const OWASP_ONLY = 'extends: ["@stoplight/spectral-owasp-ruleset"]\n';

/** One external and one internal operation on an http root server without x-internal, secured, without 401/403. */
function mixed(version, { internalOnly = false } = {}) {
  const security = [{ oauth: ['read'] }];
  const op = (audience) => ({ 'x-audience': audience, security, responses: { 200: { description: 'OK' }, 400: { description: 'Bad' } } });
  const paths = internalOnly
    ? { '/internal': { get: op('company-internal') } }
    : { '/public': { get: op('external-public') }, '/internal': { get: op('company-internal') } };
  const info = { title: 'Mixed', version: '1', description: 'd', contact: { name: 'a', url: 'https://a.example.com' } };
  if (version === '2.0') {
    return {
      swagger: '2.0',
      info,
      host: 'api.example.com',
      schemes: ['https', 'http'],
      paths,
      securityDefinitions: { oauth: { type: 'oauth2', flow: 'application', tokenUrl: 'https://a.example.com/t', scopes: { read: 'r' } } },
    };
  }
  return {
    openapi: version,
    info,
    servers: [{ url: 'http://api.example.com' }],
    paths,
    components: {
      securitySchemes: {
        oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://a.example.com/t', scopes: { read: 'r' } } } },
      },
    },
  };
}

const text = (doc, ext) => (ext === 'json' ? JSON.stringify(doc) : JSON.stringify(doc, null, 2)); // JSON is YAML too

async function lint(ruleset, doc, ext) {
  const dir = workspace({ '.spectral.yaml': ruleset, [`api.${ext}`]: text(doc, ext) });
  const result = await lintFile(path.join(dir, `api.${ext}`), { discoveryRoot: dir, onRulesetError: 'throw' });
  return result.findings.map((f) => ({ code: f.code, at: f.path.map(String).join('.') }));
}

/** Each exposure rule and the OWASP rules that check the same concern, as its module declares them. */
const OVERLAPS = engine.EXPOSURE_RULES.filter((rule) => rule.overlaps?.length).map((rule) => [rule.code, rule.overlaps]);

test('the exposure rules that overlap OWASP declare it: https, 401, server x-internal', () => {
  assert.deepEqual(Object.fromEntries(OVERLAPS.map(([code, others]) => [code, others.filter((o) => o.includes(':2023-'))])), {
    'external-https': ['owasp:api8:2023-no-server-http', 'owasp:api8:2023-no-scheme-http'],
    'external-auth-responses': ['owasp:api8:2023-define-error-responses-401'],
    'exposure-servers-marked': ['owasp:api9:2023-inventory-access'],
  });
});

const isUnder = (at, prefix) => at === prefix || at.startsWith(`${prefix}.`);

for (const version of ['2.0', '3.0.3', '3.1.0']) {
  for (const ext of ['yaml', 'json']) {
    test(`no double reports: OWASP + exposure on a mixed document (OAS ${version}, ${ext})`, async () => {
      const alone = await lint(OWASP_ONLY, mixed(version), ext);
      const both = await lint(OWASP_AND_EXPOSURE, mixed(version), ext);
      let pairs = 0;
      for (const [code, others] of OVERLAPS) {
        const ours = both.filter((f) => f.code === code);
        for (const own of ours) {
          // OWASP alone reported this concern here; next to the exposure rule, only the exposure rule does.
          const owasp = alone.filter((f) => others.includes(f.code) && isUnder(f.at, own.at));
          const left = both.filter((f) => others.includes(f.code) && isUnder(f.at, own.at));
          assert.deepEqual(left, [], `${code} at ${own.at}: OWASP's ${owasp.map((f) => f.code)} not reported again`);
          pairs += owasp.length;
        }
      }
      // The document is built so that each overlap happens (2.0 has no server objects: no x-internal pair there).
      const expected =
        version === '2.0'
          ? ['external-auth-responses', 'external-https']
          : ['exposure-servers-marked', 'external-auth-responses', 'external-https'];
      assert.deepEqual([...new Set(both.filter((f) => OVERLAPS.some(([code]) => code === f.code)).map((f) => f.code))].sort(), expected);
      assert.ok(pairs >= expected.length, `OWASP alone reported the overlapping concerns (${pairs})`);
      // OWASP's 401 rule still covers the internal operation, which external-auth-responses does not check.
      assert.ok(
        both.some((f) => /define-error-responses-401$/.test(f.code) && f.at.startsWith('paths./internal.get')),
        'OWASP 401 on the internal operation',
      );
    });
  }
}

test('where the exposure rule does not apply, OWASP still reports: an internal-only document, or the rule turned off', async () => {
  const internalOnly = await lint(OWASP_AND_EXPOSURE, mixed('3.1.0', { internalOnly: true }), 'yaml');
  assert.deepEqual(
    internalOnly.filter((f) => f.code === 'owasp:api8:2023-no-server-http').map((f) => f.at),
    ['servers.0.url'],
  );
  assert.deepEqual(
    internalOnly.filter((f) => f.code === 'owasp:api9:2023-inventory-access').map((f) => f.at),
    ['servers.0'],
  );
  assert.deepEqual(
    internalOnly.filter((f) => f.code.startsWith('external-') || f.code === 'exposure-servers-marked'),
    [],
  );

  const off = `${OWASP_AND_EXPOSURE}rules:\n  external-https: 'off'\n  exposure-servers-marked: 'off'\n  external-auth-responses: 'off'\n`;
  const withOff = await lint(off, mixed('3.0.3'), 'yaml');
  assert.deepEqual(
    withOff.filter((f) => f.code === 'owasp:api8:2023-no-server-http').map((f) => f.at),
    ['servers.0.url'],
  );
  assert.deepEqual(
    withOff.filter((f) => f.code === 'owasp:api9:2023-inventory-access').map((f) => f.at),
    ['servers.0'],
  );
  assert.ok(withOff.some((f) => f.code === 'owasp:api8:2023-define-error-responses-401' && f.at.startsWith('paths./public.get')));
});

test('a scope that drops the exposure finding (x-exposure.rules) lets OWASP report it', async () => {
  const scoped = `${OWASP_AND_EXPOSURE}x-exposure:\n  rules:\n    external-https: { audiences: [external-partner] }\n`;
  const findings = await lint(scoped, mixed('3.0.3'), 'yaml');
  assert.deepEqual(
    findings.filter((f) => f.code === 'external-https'),
    [],
  );
  assert.deepEqual(
    findings.filter((f) => f.code === 'owasp:api8:2023-no-server-http').map((f) => f.at),
    ['servers.0.url'],
  );
});

test('x-lint-ignore of the exposure rule accepts the concern for both rulesets', async () => {
  const doc = { ...mixed('3.0.3'), 'x-lint-ignore': ['external-https'] };
  const findings = await lint(OWASP_AND_EXPOSURE, doc, 'yaml');
  assert.deepEqual(
    findings.filter((f) => f.code === 'external-https' || f.code === 'owasp:api8:2023-no-server-http'),
    [],
  );
  assert.ok(
    findings.some((f) => f.code === 'exposure-servers-marked'),
    'other findings stay',
  );
});
