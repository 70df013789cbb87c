// Settings come per document from workspace/configuration and a change re-lints open documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, codesOf } from './helpers/client.mjs';
import { gatedBackend } from './helpers/backends.mjs';

const exposureCodes = (publish) => codesOf(publish).filter((c) => /^(external|internal)-/.test(c));

test('changing defaultAudience re-lints with the requirements of the new audience', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: {} });
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('no-audience.yaml'));
  const before = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(exposureCodes(before), ['external-code-samples', 'external-oauth2', 'external-rate-limit']);
  assert.ok(client.configurationRequests.some((r) => r.items.some((i) => i.section === 'apiExposureLint' && i.scopeUri === uri)));

  const start = client.publishes.length;
  await client.changeSettings({ defaultAudience: 'company-internal' });
  const after = await client.waitForDiagnostics(uri, (p) => exposureCodes(p).length > 0, undefined, start);
  assert.deepEqual(exposureCodes(after), ['internal-permission-scopes']);
  assert.equal(after.diagnostics.find((d) => d.code === 'internal-permission-scopes').data.audience, 'company-internal');
});

test('audienceByGlob applies globs relative to the workspace folder', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { audienceByGlob: { 'no-*.yaml': 'component-internal' } } });
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('no-audience.yaml'));
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(exposureCodes(publish), ['internal-permission-scopes']);
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 8 } });
  assert.match(hover.contents.value, /component-internal/);
  assert.match(hover.contents.value, /no-\*\.yaml/);
});

test('run: onSave lints on open and on save, not while typing', async (t) => {
  const backend = gatedBackend();
  const { client, workspace, teardown } = await setup({ settings: { run: 'onSave', debounceMs: 0 }, serverOptions: { backend } });
  t.after(teardown);
  const { uri, text } = await client.openFile(workspace.file('external.yaml'));
  await client.waitUntil(() => backend.held === 1, 'lint on open');
  backend.release();
  await client.waitForDiagnostics(uri, (p) => p.version === 1);

  const v2 = await client.change(uri, text.replace('x-audience: external-public', 'x-audience: company-internal'));
  // Round trips give a typing-triggered lint (debounce 0) every chance to start.
  for (let i = 0; i < 5; i++) await client.request('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(backend.calls.length, 1, 'typing did not lint');

  await client.notify('textDocument/didSave', { textDocument: { uri } });
  await client.waitUntil(() => backend.held === 1, 'lint on save');
  backend.release();
  const saved = await client.waitForDiagnostics(uri, (p) => p.version === v2);
  assert.deepEqual(exposureCodes(saved), ['internal-permission-scopes']);
});
