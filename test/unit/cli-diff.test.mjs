// api-exposure-lint diff on real git repositories made here: a base on main, a pull request on a branch
// (committed, staged and untracked changes), every kind of exposure change, one made through a $ref'd
// file, one through a glob mapping in .spectral.yaml, a renamed file, a new and a removed document.
// The CLI runs in-process; the markdown is compared exactly, JSON/SARIF are parsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCliInProcess } from './helpers/cli-in-process.mjs';
import { git, makeRepo, write } from './helpers/git-repo.mjs';

const require = createRequire(import.meta.url);
const AjvDraft04 = require('ajv-draft-04');
const addFormats = require('ajv-formats');
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));

const SCHEMES = `components:
  securitySchemes:
    oauth:
      type: oauth2
      flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { 'pets:read': r, 'pets:write': w, 'pets:admin': a } } }
    key: { type: apiKey, in: header, name: X-Key }
`;

const PETS_BASE = `openapi: 3.0.3
info: { title: Pets, version: '1', x-audience: company-internal }
servers:
  - url: https://pets.internal.example.com
    x-internal: true
paths:
  /pets:
    get:
      operationId: listPets
      security: [{ oauth: ['pets:read', 'pets:admin'] }]
      responses:
        '200': { description: ok, headers: { RateLimit: { schema: { type: string } } } }
        '429': { description: slow down }
    delete:
      security: [{ oauth: ['pets:write'] }]
      responses: { '204': { description: gone } }
    put:
      x-audience: external-partner
      security: [{ oauth: ['pets:write'] }, { key: [] }]
      responses: { '204': { description: replaced } }
  /pet/{id}:
    get:
      operationId: getPet
      security: [{ oauth: ['pets:read'] }]
      responses: { '200': { description: ok } }
    patch:
      security: [{ oauth: ['pets:write'] }]
      responses: { '200': { description: ok } }
${SCHEMES}`;

// The pull request's version, renamed to animals.yaml: each operation changes one thing.
const PETS_FEATURE = `openapi: 3.0.3
info: { title: Pets, version: '1', x-audience: company-internal }
servers:
  - url: https://pets.internal.example.com
    x-internal: true
  - url: https://api.example.com
paths:
  /pets:
    get:
      operationId: listPets
      x-audience: external-public
      security: [{ oauth: ['pets:read'] }, {}]
      responses:
        '200': { description: ok, headers: { RateLimit: { schema: { type: string } } } }
    put:
      x-audience: component-internal
      security: [{ key: [] }]
      responses: { '204': { description: replaced } }
    post:
      x-audience: external-public
      security: [{ oauth: ['pets:write'] }]
      responses: { '201': { description: created } }
  /pets/{id}:
    get:
      operationId: getPet
      security: [{ oauth: ['pets:read'] }]
      responses: { '200': { description: ok } }
  /pet/{id}:
    patch:
      security: []
      responses: { '200': { description: ok } }
${SCHEMES}`;

const ORDERS = `openapi: 3.0.3
info: { title: Orders, version: '1', x-audience: company-internal }
paths:
  /orders:
    get:
      security: [{ corpAuth: ['orders:read'] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    corpAuth: { $ref: './shared/security.yaml#/corpAuth' }
`;
const SHARED_SECURITY = (type) =>
  type === 'oauth2'
    ? `corpAuth:\n  type: oauth2\n  flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { 'orders:read': r } } }\n`
    : `corpAuth:\n  type: apiKey\n  in: header\n  name: X-Corp-Key\n`;

const INVENTORY = `openapi: 3.0.3
info: { title: Inventory, version: '1' }
paths:
  /stock:
    get:
      security: [{ corpAuth: ['stock:read'] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    corpAuth: { type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { 'stock:read': r } } } }
`;
const RULESET = (audience) => `extends: [api-exposure-lint:exposure]\nx-exposure:\n  audienceByGlob:\n    'apis/mapped/**': ${audience}\n`;
const SIMPLE = (title, audience, pathName) =>
  `openapi: 3.0.3\ninfo: { title: ${title}, version: '1', x-audience: ${audience} }\npaths:\n  /${pathName}:\n    get:\n      security: [{ oauth: ['pets:read'] }]\n      responses: { '200': { description: ok } }\n${SCHEMES}`;

function makePullRequest() {
  const root = makeRepo(
    {
      '.spectral.yaml': RULESET('company-internal'),
      'apis/pets.yaml': PETS_BASE,
      'apis/orders.yaml': ORDERS,
      'apis/shared/security.yaml': SHARED_SECURITY('oauth2'),
      'apis/mapped/inventory.yaml': INVENTORY,
      'apis/gone.yaml': SIMPLE('Gone', 'company-internal', 'gone'),
      'apis/same.yaml': SIMPLE('Same', 'external-partner', 'same'),
      'README.md': 'not an API\n',
    },
    'ael-diff-',
  );
  git(root, 'checkout', '-q', '-b', 'feature');
  git(root, 'mv', 'apis/pets.yaml', 'apis/animals.yaml');
  write(root, { 'apis/animals.yaml': PETS_FEATURE, 'apis/gone.yaml': null, '.spectral.yaml': RULESET('external-partner') });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'feature');
  // Not committed: a change through a $ref'd file (staged) and a new document (untracked).
  write(root, { 'apis/shared/security.yaml': SHARED_SECURITY('apiKey'), 'apis/new.yaml': SIMPLE('New', 'external-public', 'fresh') });
  git(root, 'add', 'apis/shared/security.yaml');
  return root;
}

const root = makePullRequest();
const baseCommit = git(root, 'merge-base', 'main', 'HEAD').trim();
const short = baseCommit.slice(0, 12);

const byFile = (json) => Object.fromEntries(json.documents.map((d) => [d.file, d]));
const kinds = (document) =>
  document.changes.map((c) => `${c.kind}${c.operation ? ' ' + c.operation.method.toUpperCase() + ' ' + c.operation.path : ''}`);

test('diff json: every kind of change, each on the document and operation it belongs to', async () => {
  const { code, stdout, stderr } = await runCliInProcess(root, ['diff', '--base', 'main', '-f', 'json']);
  assert.equal(code, 0, stderr);
  const json = JSON.parse(stdout);
  assert.equal(json.base, 'main');
  assert.equal(json.baseCommit, baseCommit);
  assert.equal(json.needsReview, true);
  const docs = byFile(json);
  assert.deepEqual(Object.keys(docs).sort(), [
    'apis/animals.yaml',
    'apis/gone.yaml',
    'apis/mapped/inventory.yaml',
    'apis/new.yaml',
    'apis/orders.yaml',
    'apis/same.yaml',
  ]);

  const animals = docs['apis/animals.yaml'];
  assert.equal(animals.status, 'renamed');
  assert.equal(animals.oldFile, 'apis/pets.yaml');
  assert.deepEqual(kinds(animals), [
    'public-server-added',
    'audience-widened GET /pets',
    'anonymous-access-added GET /pets',
    'scopes-removed GET /pets',
    'rate-limit-documentation-removed GET /pets',
    'audience-narrowed PUT /pets',
    'oauth-alternative-removed PUT /pets',
    'operation-added POST /pets',
    'operation-moved GET /pets/{id}',
    'security-removed PATCH /pet/{id}',
    'operation-removed DELETE /pets',
  ]);
  const widened = animals.changes[1];
  assert.deepEqual([widened.audienceBefore.audience, widened.audienceBefore.detail], ['company-internal', 'info.x-audience']);
  assert.deepEqual([widened.audienceAfter.audience, widened.audienceAfter.detail], ['external-public', 'operation x-audience']);
  assert.equal(widened.review, true);
  assert.equal(animals.changes[5].review, false, 'narrowing needs no review');
  assert.equal(animals.changes.at(-1).file, 'apis/pets.yaml', 'a removed operation points at the base version');
  assert.deepEqual(animals.changes.at(-1).path, ['paths', '/pets', 'delete']);

  // Through the $ref'd file: the scheme became an API key, so the OAuth alternative is gone too.
  assert.deepEqual(kinds(docs['apis/orders.yaml']), ['scheme-type-changed', 'oauth-alternative-removed GET /orders']);
  assert.match(docs['apis/orders.yaml'].changes[0].message, /corpAuth changed type from oauth2 to apiKey/);
  // Through the glob mapping of .spectral.yaml.
  const mapped = docs['apis/mapped/inventory.yaml'].changes;
  assert.deepEqual(kinds(docs['apis/mapped/inventory.yaml']), ['audience-widened GET /stock']);
  assert.equal(mapped[0].audienceBefore.detail, 'glob apis/mapped/** (.spectral.yaml)');
  assert.deepEqual([mapped[0].audienceBefore.audience, mapped[0].audienceAfter.audience], ['company-internal', 'external-partner']);

  assert.equal(docs['apis/new.yaml'].status, 'added');
  assert.deepEqual(kinds(docs['apis/new.yaml']), ['operation-added GET /fresh']);
  assert.equal(docs['apis/gone.yaml'].status, 'removed');
  assert.deepEqual(kinds(docs['apis/gone.yaml']), ['operation-removed GET /gone']);
  assert.deepEqual(docs['apis/same.yaml'].changes, []);
  assert.deepEqual(json.operationsPerAudience, {
    before: { 'company-internal': 7, 'external-partner': 2 },
    after: { 'external-public': 3, 'company-internal': 3, 'component-internal': 1, 'external-partner': 2 },
  });
});

test('diff markdown: exact text, ready for a pull-request comment', async () => {
  const { code, stdout } = await runCliInProcess(root, [
    'diff',
    '--base',
    'main',
    '-f',
    'markdown',
    'apis/animals.yaml',
    'apis/orders.yaml',
    'apis/same.yaml',
  ]);
  assert.equal(code, 0);
  const expected = `## API exposure changes

13 exposure changes (10 need security review) in 2 of 3 documents, compared with \`main\` (\`${short}\`).

### Needs security review (10)

| Change | Where | Details |
|---|---|---|
| public-server-added | \`apis/animals.yaml\` line 6 | public server https://api.example.com added (not marked x-internal: true) |
| audience-widened | \`apis/animals.yaml\` line 9 | GET /pets: audience widened from company-internal (info.x-audience) to external-public (operation x-audience) |
| anonymous-access-added | \`apis/animals.yaml\` line 9 | GET /pets: anonymous access added ({} in the security list) |
| scopes-removed | \`apis/animals.yaml\` line 9 | GET /pets: scopes removed from oauth: pets:admin |
| rate-limit-documentation-removed | \`apis/animals.yaml\` line 9 | GET /pets: rate-limit documentation removed (its 429 response) |
| oauth-alternative-removed | \`apis/animals.yaml\` line 15 | PUT /pets: OAuth alternative oauth [pets:write] removed; now: key (apiKey) |
| operation-added | \`apis/animals.yaml\` line 19 | POST /pets added, exposed to external-public (operation x-audience) |
| security-removed | \`apis/animals.yaml\` line 29 | PATCH /pet/{id}: security removed (was oauth [pets:write]; security: [] now disables it) |
| scheme-type-changed | \`apis/orders.yaml\` line 10 | security scheme corpAuth changed type from oauth2 to apiKey (used by 1 operation) |
| oauth-alternative-removed | \`apis/orders.yaml\` line 5 | GET /orders: OAuth alternative corpAuth [orders:read] removed; now: corpAuth [orders:read] (apiKey) |

### Other changes (3)

| Change | Where | Details |
|---|---|---|
| audience-narrowed | \`apis/animals.yaml\` line 15 | PUT /pets: audience narrowed from external-partner (operation x-audience) to component-internal (operation x-audience) |
| operation-moved | \`apis/animals.yaml\` line 24 | GET /pet/{id} moved to GET /pets/{id} (operationId getPet) |
| operation-removed | \`apis/pets.yaml\` line 14 | DELETE /pets removed (was exposed to company-internal (info.x-audience)) |

Renamed: \`apis/pets.yaml\` → \`apis/animals.yaml\`

<details><summary>Operations per audience</summary>

| Audience | Before | After | Change |
|---|---:|---:|---:|
| external-public | 0 | 2 | +2 |
| external-partner | 2 | 1 | −1 |
| company-internal | 5 | 3 | −2 |
| component-internal | 0 | 1 | +1 |

</details>
`;
  assert.equal(stdout, expected);
});

test('diff stylish: changes under their document, review or info, then the summary', async () => {
  const { code, stdout } = await runCliInProcess(root, ['diff', '--base', 'main', 'apis/orders.yaml', 'apis/mapped', 'apis/gone.yaml']);
  assert.equal(code, 0);
  assert.equal(
    stdout,
    [
      'apis/orders.yaml',
      '  10:14  review  scheme-type-changed        security scheme corpAuth changed type from oauth2 to apiKey (used by 1 operation)',
      '  5:9    review  oauth-alternative-removed  GET /orders: OAuth alternative corpAuth [orders:read] removed; now: corpAuth [orders:read] (apiKey)',
      '',
      'apis/mapped/inventory.yaml',
      '  5:9  review  audience-widened  GET /stock: audience widened from company-internal (glob apis/mapped/** (.spectral.yaml)) to external-partner (glob apis/mapped/** (.spectral.yaml))',
      '',
      'apis/gone.yaml (removed)',
      '  5:9  info  operation-removed  GET /gone removed (was exposed to company-internal (info.x-audience))',
      '',
      `4 exposure changes (3 need security review) in 3 of 3 documents, compared with main (${short})`,
      '',
    ].join('\n'),
  );
});

test('diff sarif: valid SARIF 2.1.0, review changes are warnings, fingerprints per change', async () => {
  const { code, stdout } = await runCliInProcess(root, ['diff', '--base', 'main', '-f', 'sarif']);
  assert.equal(code, 0);
  const log = JSON.parse(stdout);
  assert.equal(validateSarif(log), true, JSON.stringify(validateSarif.errors));
  const results = log.runs[0].results;
  assert.equal(results.length, 16);
  const widened = results.find(
    (r) => r.ruleId === 'audience-widened' && r.locations[0].physicalLocation.artifactLocation.uri === 'apis/animals.yaml',
  );
  assert.equal(widened.level, 'warning');
  assert.equal(widened.locations[0].logicalLocations[0].fullyQualifiedName, '/paths/~1pets/get');
  assert.equal(results.find((r) => r.ruleId === 'audience-narrowed').level, 'note');
  assert.equal(new Set(results.map((r) => r.partialFingerprints['apiExposureLint/v1'])).size, results.length);
  const rules = log.runs[0].tool.driver.rules.map((r) => r.id);
  for (const r of results) assert.equal(rules[r.ruleIndex], r.ruleId);
});

test('diff --fail-on-review: exit 1 only when a change needs review; several outputs from one run', async () => {
  const outDir = path.join(root, 'out');
  const reviewed = await runCliInProcess(root, [
    'diff',
    '--base',
    'main',
    '--fail-on-review',
    '--output',
    'markdown=out/summary.md',
    '--output',
    'json=out/diff.json',
    'apis',
  ]);
  assert.equal(reviewed.code, 1);
  assert.match(reviewed.stdout, /^apis\/animals\.yaml \(renamed from apis\/pets\.yaml\)$/m, 'the console keeps the stylish report');
  assert.match(readFileSync(path.join(outDir, 'summary.md'), 'utf8'), /^## API exposure changes\n/);
  assert.equal(JSON.parse(readFileSync(path.join(outDir, 'diff.json'), 'utf8')).needsReview, true);
  const quiet = await runCliInProcess(root, ['diff', '--base', 'main', '--fail-on-review', 'apis/same.yaml', 'apis/gone.yaml']);
  assert.equal(quiet.code, 0, 'a removed operation and an unchanged document need no review');
  assert.match(quiet.stdout, /1 exposure change \(none needs security review\) in 1 of 2 documents/);
});

test('diff: plain -o writes the report and prints the summary; the repository is left as it was', async () => {
  const statusBefore = git(root, 'status', '--porcelain');
  const { code, stdout } = await runCliInProcess(root, ['diff', '--base', 'main', '-f', 'markdown', '-o', 'out/plain.md']);
  assert.equal(code, 0);
  assert.match(stdout, /^16 exposure changes \(12 need security review\) in 5 of 6 documents, compared with main/);
  assert.match(readFileSync(path.join(root, 'out/plain.md'), 'utf8'), /### Needs security review \(12\)/);
  assert.equal(git(root, 'status', '--porcelain').replace(/^\?\? out\/\n/m, ''), statusBefore.replace(/^\?\? out\/\n/m, ''));
  assert.match(git(root, 'diff', '--cached', '--name-only'), /apis\/shared\/security\.yaml/, 'the staged change is still staged');
});

test('diff: usage and git errors exit 2 with one line', async () => {
  const cases = [
    [['diff'], /^api-exposure-lint: diff needs --base <git-ref>/],
    [['diff', '--base', 'no-such-branch'], /^api-exposure-lint: --base: unknown git ref "no-such-branch"/],
    [['diff', '--base', 'main', '-f', 'junit'], /invalid value "junit" for --format: expected one of stylish, markdown, json, sarif/],
    [['diff', '--base', 'main', 'nowhere.yaml'], /nowhere\.yaml matches no YAML or JSON file now or at the base/],
    [['diff', '--base', 'main', '--bogus'], /unknown option --bogus for diff/],
  ];
  for (const [argv, message] of cases) {
    const { code, stderr } = await runCliInProcess(root, argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(stderr, message);
    assert.equal(stderr.trim().split('\n').length, 1);
  }
});

test('help: the sub-commands have their own help, and the main help names them', async () => {
  for (const [argv, first] of [
    [['diff', '--help'], 'Usage: api-exposure-lint diff --base <git-ref>'],
    [['report', '-h'], 'Usage: api-exposure-lint report [options]'],
    [['merge', '--help'], 'Usage: api-exposure-lint merge [options] <files...>'],
  ]) {
    const { code, stdout } = await runCliInProcess(root, argv);
    assert.equal(code, 0);
    assert.ok(stdout.startsWith(first), stdout.split('\n')[0]);
  }
  const { stdout } = await runCliInProcess(root, ['--help']);
  assert.match(stdout, /diff --base <git-ref> \[files\]/);
  assert.match(stdout, /--shard <I>\/<N>/);
});
