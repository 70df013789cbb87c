// The team ruleset template (examples/team-ruleset/): its own tests pass, and a consumer repository that
// installs it (node_modules/@acme/api-ruleset) and extends it from its .spectral.yaml gets the same results
// from the CLI and from the engine: glob → audience conventions, per-glob severities, the custom function.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as engine from '../../dist/engine.js';
import { scratchDir } from '../shared/scratch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const template = path.join(root, 'examples/team-ruleset');
// Without NODE_TEST_CONTEXT the child `node --test` reports in TAP, as on a terminal, not to this runner.
const { NODE_TEST_CONTEXT: _, ...parentEnv } = process.env;
const env = { ...parentEnv, NO_COLOR: '1', SCARF_ANALYTICS: 'false' };

test("the template's own tests pass (node --test examples/team-ruleset/test/)", () => {
  const run = spawnSync(process.execPath, ['--test', 'test/'], { cwd: template, encoding: 'utf8', env, timeout: 120_000 });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const passed = Number(/^# pass (\d+)$/m.exec(run.stdout)?.[1]);
  assert.ok(passed >= 10, `expected the template's tests to run, got:\n${run.stdout}`);
});

// Secured with a defined scope and documented, so what remains depends on audience and ownership.
const spec = ({ owner = 'orders', audience } = {}) => `openapi: 3.0.3
info:
  title: Orders
  version: '1'
${owner ? `  x-owner: ${owner}\n` : ''}${audience ? `  x-audience: ${audience}\n` : ''}security:
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

const repo = scratchDir('ael-team-consumer-');
after(() => rmSync(repo, { recursive: true, force: true }));
const write = (relative, text) => {
  mkdirSync(path.dirname(path.join(repo, relative)), { recursive: true });
  writeFileSync(path.join(repo, relative), text);
};
// What `npm install @acme/api-ruleset` leaves behind: the published files ("files" in its package.json).
const published = JSON.parse(readFileSync(path.join(template, 'package.json'), 'utf8')).files;
for (const entry of ['package.json', ...published]) {
  cpSync(path.join(template, entry), path.join(repo, 'node_modules/@acme/api-ruleset', entry), { recursive: true });
}
write(
  '.spectral.yaml',
  'extends: ["@acme/api-ruleset"]\n' +
    readFileSync(path.join(template, 'consumer/.spectral.yaml'), 'utf8').replace(/^extends:\n(  - .*\n)+/m, ''),
);
write('apis/public/orders.yaml', spec());
write('apis/partner/orders.yaml', spec());
write('apis/internal/orders.yaml', spec({ owner: null }));
write('apis/legacy/orders.yaml', spec({ audience: 'external-public' }));
write('services/billing/openapi.yaml', spec({ owner: 'marketing' }));
const FILES = [
  'apis/internal/orders.yaml',
  'apis/legacy/orders.yaml',
  'apis/partner/orders.yaml',
  'apis/public/orders.yaml',
  'services/billing/openapi.yaml',
];

const comparable = (f, file) => ({
  file,
  code: f.code,
  severity: f.severity,
  path: f.path.map(String).join('.'),
  audience: f.audience ?? null,
  message: f.message,
});
const byLocation = (a, b) => `${a.file} ${a.code} ${a.path}`.localeCompare(`${b.file} ${b.code} ${b.path}`);

function lintWithCli() {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'dist/cli.js'), '--trust-workspace-code', '--format', 'json', 'apis', 'services'],
    { cwd: repo, encoding: 'utf8', env, timeout: 120_000 },
  );
  assert.equal(run.status, 1, run.stderr); // there are errors on purpose
  return JSON.parse(run.stdout)
    .map((f) => comparable(f, f.file))
    .sort(byLocation);
}

async function lintWithEngine() {
  const linter = new engine.Linter(engine.createNodeHost());
  const trust = { trustWorkspaceCode: true, allowRemote: false, allowedRoots: [repo] };
  const findings = [];
  for (const file of FILES) {
    const filePath = path.join(repo, file);
    const result = await linter.lint({
      filePath,
      text: readFileSync(filePath, 'utf8'),
      discoveryRoot: repo,
      trust,
      onRulesetError: 'throw',
    });
    assert.equal(result.ruleset, path.join(repo, '.spectral.yaml'));
    findings.push(...result.findings.map((f) => comparable(f, file)));
  }
  return findings.sort(byLocation);
}

let cliFindings;
let engineFindings;
before(async () => {
  cliFindings = lintWithCli();
  engineFindings = await lintWithEngine();
});
const pick = (findings, file, code) => findings.filter((f) => f.file === file && (!code || f.code === code));

test('the CLI and the engine agree on every finding of the consumer repository', () => {
  assert.ok(cliFindings.length > 0);
  assert.deepEqual(cliFindings, engineFindings);
});

// [file, audience of GET /orders, rules about ownership or exposure expected there (code, severity)]
const expectations = [
  [
    'apis/public/orders.yaml',
    'external-public',
    [
      ['external-code-samples', 'warn'],
      ['external-rate-limit', 'warn'],
    ],
  ],
  [
    'apis/partner/orders.yaml',
    'external-partner',
    [
      ['external-code-samples', 'warn'],
      ['external-rate-limit', 'warn'],
    ],
  ],
  // Per-glob severity: an unowned component-internal operation is only a warning.
  ['apis/internal/orders.yaml', 'component-internal', [['require-owner-team', 'warn']]],
  // Declared external-public in the document; code samples are off for apis/legacy/**.
  ['apis/legacy/orders.yaml', 'external-public', [['external-rate-limit', 'warn']]],
  // No glob: the package's default audience; the custom function rejects an unknown team.
  ['services/billing/openapi.yaml', 'company-internal', [['require-owner-team', 'error']]],
];
const RULES_OF_INTEREST = new Set([
  'external-code-samples',
  'external-rate-limit',
  'external-oauth2',
  'internal-permission-scopes',
  'require-owner-team',
]);

for (const [file, audience, rules] of expectations) {
  test(`consumer ${file}: ${audience}, ${rules.map((r) => r.join(' ')).join(', ')}`, () => {
    const findings = pick(cliFindings, file).filter((f) => RULES_OF_INTEREST.has(f.code));
    assert.deepEqual(findings.map((f) => [f.code, f.severity]).sort(), rules.slice().sort(), JSON.stringify(findings, null, 1));
    for (const f of findings.filter((f) => f.path.startsWith('paths.'))) assert.equal(f.audience, audience, `${f.code} on ${file}`);
  });
}

test('consumer: the custom function explains itself', () => {
  const [unknownTeam] = pick(cliFindings, 'services/billing/openapi.yaml', 'require-owner-team');
  assert.equal(unknownTeam.path, 'info.x-owner');
  assert.equal(unknownTeam.message, 'x-owner "marketing" is not a known team (one of identity, orders, payments, platform)');
  const [unowned] = pick(cliFindings, 'apis/internal/orders.yaml', 'require-owner-team');
  assert.equal(unowned.path, 'paths./orders.get');
  assert.match(unowned.message, /^GET \/orders has no owning team: add x-owner/);
});
