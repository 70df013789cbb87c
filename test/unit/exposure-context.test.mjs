// Audiences are resolved once per lint and handed to the rules: the exposure rules read the audiences
// attached to the document (they do not resolve them again), and operations the linter could not see are
// resolved on first request and cached for the rest of the lint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const engine = require(path.join(here, '../../dist/engine.js'));
const { Spectral, Document } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');

const TEXT = `openapi: 3.1.0
info: { title: T, version: '1', x-audience: external-public }
paths:
  /a:
    get:
      responses: { '200': { description: OK } }
  /b:
    get:
      responses: { '200': { description: OK } }
`;

async function run(document) {
  const spectral = new Spectral();
  spectral.setRuleset(engine.exposureRuleset);
  return (await spectral.run(document)).map((r) => `${r.code} ${r.path.join('.')}`).sort();
}

test('the exposure rules use the audiences the linter attached, not their own resolution', async () => {
  const document = new Document(TEXT, Parsers.Yaml, '/x/api.yaml');
  const handed = { audience: 'component-internal', kind: 'internal', source: 'glob', detail: 'handed over by the linter' };
  engine.setExposureContext(document, { config: {}, audiences: new Map([[engine.operationKey('/a', 'get'), handed]]) });
  const results = await run(document);
  // /a is internal because the linter said so; /b was not handed over and resolves from the document (external).
  assert.ok(results.includes('internal-permission-scopes paths./a.get'), results.join('\n'));
  assert.ok(!results.includes('external-oauth2 paths./a.get'), results.join('\n'));
  assert.ok(results.includes('external-oauth2 paths./b.get'), results.join('\n'));
  // …and /b's audience was cached for the rest of the lint.
  assert.equal(engine.exposureContextOf(document).audiences.get(engine.operationKey('/b', 'get'))?.detail, 'info.x-audience');
});

test('without a linter (plain Spectral), the rules resolve audiences from the document alone', async () => {
  const results = await run(new Document(TEXT, Parsers.Yaml, '/x/api.yaml'));
  assert.ok(results.includes('external-oauth2 paths./a.get') && results.includes('external-oauth2 paths./b.get'), results.join('\n'));
});

test('the Linter resolves every operation once and attaches the result to findings', async () => {
  const linter = new engine.Linter(engine.createNodeHost());
  const trust = { trustWorkspaceCode: false, allowRemote: false, allowedRoots: [] };
  const result = await linter.lint({
    filePath: '/x/api.yaml',
    text: TEXT,
    rulesetFile: 'api-exposure-lint:exposure',
    audience: {},
    trust,
    onRulesetError: 'throw',
  });
  assert.deepEqual(
    result.operations.map((o) => [o.path, o.resolved.detail]),
    [
      ['/a', 'info.x-audience'],
      ['/b', 'info.x-audience'],
    ],
  );
  const oauth = result.findings.filter((f) => f.code === 'external-oauth2');
  assert.equal(oauth.length, 2);
  for (const f of oauth) assert.deepEqual([f.audience, f.audienceSource], ['external-public', 'info']);
});
