// Debounce, supersession and staleness: only the latest version's diagnostics are ever published,
// and the server keeps answering while a lint is pending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, codesOf } from './helpers/client.mjs';
import { gatedBackend } from './helpers/backends.mjs';

const withSummary = (text, n) => text.replace('summary: List orders', `summary: List orders ${n}`);

test('rapid edits publish only the last version', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 50 } });
  t.after(teardown);
  const { uri, text } = await client.openFile(workspace.file('external.yaml'));
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const start = client.publishes.length;

  let version;
  for (let n = 2; n <= 6; n++) version = await client.change(uri, withSummary(text, n));
  const last = await client.waitForDiagnostics(uri, (p) => p.version === version, undefined, start);
  assert.ok(codesOf(last).includes('external-oauth2'));
  const published = client.publishes
    .slice(start)
    .filter((p) => p.uri === uri)
    .map((p) => p.version);
  assert.deepEqual(published, [version], 'no publish for versions 2..5');
});

test('a lint superseded by an edit is cancelled and its result never published', async (t) => {
  const backend = gatedBackend();
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 }, serverOptions: { backend } });
  t.after(teardown);
  const { uri, text } = await client.openFile(workspace.file('external.yaml'));
  await client.waitUntil(() => backend.held === 1, 'first lint to start');
  const v2 = await client.change(uri, withSummary(text, 2));
  await client.waitUntil(() => backend.calls.length === 2 && backend.held === 2, 'second lint to start');
  assert.equal(backend.calls[0].token.isCancellationRequested, true, 'the first lint was told it is superseded');
  assert.equal(backend.calls[1].token.isCancellationRequested, false);

  backend.release();
  const publish = await client.waitForDiagnostics(uri, (p) => p.version === v2);
  assert.ok(codesOf(publish).includes('external-oauth2'));
  await client.waitUntil(() => backend.calls.every((c) => c.done), 'both lints to finish');
  assert.deepEqual(
    client.publishesFor(uri).map((p) => p.version),
    [v2],
    'version 1 was never published',
  );
});

test('hover, code lenses and code actions answer while a lint is pending', async (t) => {
  const backend = gatedBackend();
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 }, serverOptions: { backend } });
  t.after(teardown);
  const { uri, text } = await client.openFile(workspace.file('external.yaml'));
  await client.waitUntil(() => backend.held === 1, 'first lint');
  backend.release();
  const first = await client.waitForDiagnostics(uri, (p) => p.version === 1);

  await client.change(uri, withSummary(text, 2));
  await client.waitUntil(() => backend.held === 1, 'second lint held');

  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 12, character: 8 } });
  assert.match(hover.contents.value, /external-public/);
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.length, 1);
  const oauth = first.diagnostics.find((d) => d.code === 'external-oauth2');
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: oauth.range,
    context: { diagnostics: [oauth] },
  });
  // The document changed since that diagnostic: no edits computed from stale text, only the docs link.
  assert.ok(actions.some((a) => a.command?.command === 'apiExposureLint.showRuleDocumentation'));
  assert.ok(
    actions.every((a) => !a.edit),
    'no edits offered against a version that was not linted',
  );
  assert.equal(backend.held, 1, 'the lint was still pending while all of that was answered');
  backend.release();
  await client.waitForDiagnostics(uri, (p) => p.version === 2);
});
