// Publishing: what a document's diagnostics look like, and when none are published.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, codesOf } from './helpers/client.mjs';

const DOCS = 'https://github.com/api-exposure-lint/api-exposure-lint/blob/main/rulesets/docs/';

test('an external OpenAPI document gets exposure diagnostics with code, source, docs link and data', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('external.yaml'));
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);

  assert.equal(publish.version, 1);
  assert.deepEqual(
    codesOf(publish).filter((c) => c.startsWith('external-')),
    ['external-code-samples', 'external-oauth2', 'external-rate-limit'],
  );
  const oauth = publish.diagnostics.find((d) => d.code === 'external-oauth2');
  assert.equal(oauth.source, 'api-exposure-lint');
  assert.equal(oauth.severity, 1);
  assert.equal(oauth.codeDescription.href, `${DOCS}external-oauth2.md`);
  assert.deepEqual(oauth.data, { path: ['paths', '/orders', 'get'], audience: 'external-public', audienceSource: 'info', version: 1 });
  assert.equal(oauth.range.start.line, 10, '0-based line of the `get:` operation');
  for (const d of publish.diagnostics) assert.equal(d.source, 'api-exposure-lint');

  const status = await client.waitUntil(() => client.statuses.find((s) => s.uri === uri && s.state === 'done'), 'status');
  assert.equal(status.isOpenApi, true);
  assert.equal(status.audience, 'external-public');
  assert.equal(status.audienceSource, 'info.x-audience');
  assert.equal(status.ruleset, 'api-exposure-lint:recommended');
});

test('documents that are not OpenAPI get empty diagnostics', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('not-openapi.yaml'));
  const publish = await client.waitForDiagnostics(uri);
  assert.deepEqual(publish.diagnostics, []);
  const status = await client.waitUntil(() => client.statuses.find((s) => s.uri === uri && s.state === 'done'), 'status');
  assert.equal(status.isOpenApi, false);
});

test('malformed YAML gives a parser diagnostic and the server keeps answering', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const uri = workspace.uri('broken-syntax.yaml');
  await client.open(uri, 'openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1.0.0\npaths: {}\n');
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.ok(
    publish.diagnostics.some((d) => d.code === 'parser'),
    `codes: ${codesOf(publish)}`,
  );

  const { uri: other } = await client.openFile(workspace.file('external.yaml'));
  const next = await client.waitForDiagnostics(other, (p) => p.diagnostics.length > 0);
  assert.ok(codesOf(next).includes('external-oauth2'));
});

test('closing a document publishes empty diagnostics', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('external.yaml'));
  await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  const count = client.publishes.length;
  await client.close(uri);
  const cleared = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, undefined, count);
  assert.equal(cleared.version, undefined);
});

test('files outside validateFiles and disabled folders are not linted', async (t) => {
  const { client, workspace, teardown } = await setup({
    settingsFor: (scopeUri) => (scopeUri.includes('/custom/') ? { enable: false } : { validateFiles: ['apis/**/*.yaml'] }),
  });
  t.after(teardown);
  for (const file of ['external.yaml', 'custom/api.yaml']) {
    const { uri } = await client.openFile(workspace.file(file));
    const publish = await client.waitForDiagnostics(uri);
    assert.deepEqual(publish.diagnostics, [], file);
  }
  assert.ok(client.statuses.some((s) => s.state === 'disabled'));
});

test('unused components are tagged Unnecessary (faded, not underlined)', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const { promises: fs } = await import('node:fs');
  const file = workspace.file('unused.yaml');
  const text = (await fs.readFile(workspace.file('external.yaml'), 'utf8')) + 'components:\n  schemas:\n    Unused: { type: object }\n';
  await fs.writeFile(file, text);
  const { uri } = await client.openFile(file);
  const publish = await client.waitForDiagnostics(uri, (p) => codesOf(p).includes('oas3-unused-component'));
  const unused = publish.diagnostics.find((d) => d.code === 'oas3-unused-component');
  assert.deepEqual(unused.tags, [1]);
  assert.equal(publish.diagnostics.find((d) => d.code === 'external-oauth2').tags, undefined);
});
