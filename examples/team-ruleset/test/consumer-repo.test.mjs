// What a consumer repository gets: this package installed in node_modules/@acme/api-ruleset and
// consumer/.spectral.yaml at the repository root. Checks the glob → audience conventions, the per-glob
// severities and that the package's rules and default audience reach the consumer through `extends`.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintResultWithRuleset, expectFindings } from './helper.mjs';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** One consumer repository for the whole file, so the ruleset is loaded once. */
function consumerRepo() {
  const repo = realpathSync(mkdtempSync(path.join(tmpdir(), 'acme-consumer-')));
  after(() => rmSync(repo, { recursive: true, force: true }));
  for (const entry of ['package.json', 'ruleset.yaml', 'functions', 'docs']) {
    cpSync(path.join(packageDir, entry), path.join(repo, 'node_modules/@acme/api-ruleset', entry), { recursive: true });
  }
  cpSync(path.join(packageDir, 'consumer/.spectral.yaml'), path.join(repo, '.spectral.yaml'));
  return repo;
}

// Secured with a scope, documented, owned: only audience-specific rules can complain.
const API = `openapi: 3.0.3
info: { title: Orders, version: '1', x-owner: orders }
security:
  - auth: [orders:read]
paths:
  /orders:
    get:
      description: List orders
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    auth:
      type: oauth2
      flows: { clientCredentials: { tokenUrl: https://auth.example.com/token, scopes: { 'orders:read': Read orders } } }
`;

const ruleset = path.join(consumerRepo(), '.spectral.yaml');

const cases = [
  // [file, audience, where it came from]
  ['apis/public/orders.yaml', 'external-public', 'glob apis/public/** (node_modules/@acme/api-ruleset/ruleset.yaml)'],
  ['apis/partner/orders.yaml', 'external-partner', 'glob apis/partner/** (node_modules/@acme/api-ruleset/ruleset.yaml)'],
  ['apis/internal/orders.yaml', 'component-internal', 'glob apis/internal/** (node_modules/@acme/api-ruleset/ruleset.yaml)'],
  ['services/billing/openapi.yaml', 'company-internal', 'configured default audience'],
];

for (const [filePath, audience, detail] of cases) {
  test(`${filePath} is ${audience}`, async () => {
    const result = await lintResultWithRuleset({ ruleset, document: API, filePath });
    assert.deepEqual(
      result.operations.map((o) => [o.resolved.audience, o.resolved.detail]),
      [[audience, detail]],
    );
  });
}

test('external files get the external rules, internal ones do not', async () => {
  const codes = ['external-code-samples', 'external-rate-limit', 'internal-permission-scopes'];
  const partner = await lintResultWithRuleset({ ruleset, document: API, filePath: 'apis/partner/orders.yaml' });
  expectFindings(
    partner.findings,
    [
      { code: 'external-code-samples', path: 'paths./orders.get', audience: 'external-partner' },
      { code: 'external-rate-limit', path: 'paths./orders.get', audience: 'external-partner' },
    ],
    { codes },
  );
  const internal = await lintResultWithRuleset({ ruleset, document: API, filePath: 'apis/internal/orders.yaml' });
  expectFindings(internal.findings, [], { codes });
});

test('severities per glob: require-owner-team is a warning under apis/internal/, an error elsewhere', async () => {
  const unowned = API.replace(' x-owner: orders ', ' ');
  const expectOwner = async (filePath, severity) => {
    const { findings } = await lintResultWithRuleset({ ruleset, document: unowned, filePath });
    expectFindings(findings, [{ code: 'require-owner-team', path: 'paths./orders.get', severity }], { codes: ['require-owner-team'] });
  };
  await expectOwner('apis/internal/orders.yaml', 'warn');
  await expectOwner('apis/partner/orders.yaml', 'error');
});

test('legacy APIs need no code samples even when they are public', async () => {
  const publicApi = API.replace("version: '1',", "version: '1', x-audience: external-public,");
  const codes = ['external-code-samples'];
  const legacy = await lintResultWithRuleset({ ruleset, document: publicApi, filePath: 'apis/legacy/orders.yaml' });
  expectFindings(legacy.findings, [], { codes });
  const current = await lintResultWithRuleset({ ruleset, document: publicApi, filePath: 'apis/v2/orders.yaml' });
  expectFindings(current.findings, [{ code: 'external-code-samples', audience: 'external-public' }], { codes });
});
