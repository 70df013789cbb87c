// The exposure inventory request behind VS Code's "API Exposure" view, over the in-memory connection:
// every OpenAPI document of the workspace with its operations' audiences, ranges, requirements and scores,
// and the HTML report page on request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { setup } from './helpers/client.mjs';

const engine = createRequire(import.meta.url)('../../dist/engine.js');

test('exposure inventory: documents with operations, audiences, ranges, requirement status; HTML on request', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const result = await client.request('apiExposureLint/exposureInventory', {});
  const labels = result.documents.map((d) => d.label);
  assert.ok(labels.includes('external.yaml') && labels.includes('no-audience.yaml'), labels.join(', '));
  assert.ok(!labels.includes('not-openapi.yaml'));
  const external = result.documents.find((d) => d.label === 'external.yaml');
  assert.equal(external.uri, workspace.uri('external.yaml'));
  assert.ok(external.operations.length > 0);
  const [op] = external.operations;
  assert.equal(op.audience, 'external-public');
  assert.equal(op.kind, 'external');
  assert.equal(op.audienceDetail, 'info.x-audience');
  assert.equal(op.range.start.line, 10, 'the operation, where its CodeLens is');
  // Every built-in rule about external operations is a requirement (issue 13 added eight after the first three).
  const externalRules = engine
    .exposureRequirements()
    .filter((r) => r.appliesTo === 'external')
    .map((r) => r.code);
  assert.deepEqual(externalRules.slice(0, 3), ['external-oauth2', 'external-rate-limit', 'external-code-samples']);
  assert.deepEqual(
    op.requirements.map((r) => r.rule),
    externalRules,
  );
  const oauth = op.requirements.find((r) => r.rule === 'external-oauth2');
  assert.equal(oauth.passed, false);
  assert.match(oauth.message, /OAuth/);
  assert.equal(typeof result.score, 'number');
  assert.equal(result.html, undefined);

  const withHtml = await client.request('apiExposureLint/exposureInventory', { html: true });
  assert.match(withHtml.html, /^<!doctype html>/);
  assert.match(withHtml.html, /external\.yaml/);
});
