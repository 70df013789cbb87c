// Code actions, hover, CodeLens and the lint-workspace request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, codesOf, applyTextEdits } from './helpers/client.mjs';

async function openExternal(client, workspace) {
  const { uri } = await client.openFile(workspace.file('external.yaml'));
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  return { uri, publish };
}

test('applying the preferred quick fix removes the finding on the next lint', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 } });
  t.after(teardown);
  const { uri, publish } = await openExternal(client, workspace);
  const oauth = publish.diagnostics.find((d) => d.code === 'external-oauth2');
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: oauth.range,
    context: { diagnostics: [oauth] },
  });

  const docs = actions.find((a) => a.command?.command === 'apiExposureLint.showRuleDocumentation');
  assert.equal(docs.title, 'Show documentation for external-oauth2');
  assert.deepEqual(docs.command.arguments, [oauth.codeDescription.href]);
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, `a preferred fix among: ${actions.map((a) => a.title)}`);
  assert.equal(fix.kind, 'quickfix');
  assert.deepEqual(fix.diagnostics, [oauth]);

  const fixed = applyTextEdits(client.textOf(uri), fix.edit.changes[uri]);
  const v2 = await client.change(uri, fixed);
  const after = await client.waitForDiagnostics(uri, (p) => p.version === v2);
  assert.ok(!codesOf(after).includes('external-oauth2'), `codes after the fix: ${codesOf(after)}`);
});

test('source.fixAll.apiExposureLint fixes every safe finding at once', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 } });
  t.after(teardown);
  const { uri, publish } = await openExternal(client, workspace);
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.apiExposureLint'] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.apiExposureLint');
  const v2 = await client.change(uri, applyTextEdits(client.textOf(uri), actions[0].edit.changes[uri]));
  const after = await client.waitForDiagnostics(uri, (p) => p.version === v2);
  assert.ok(after.diagnostics.length < publish.diagnostics.length, `before ${codesOf(publish)}, after ${codesOf(after)}`);
});

test('fix-all on save right after typing fixes the text just typed, not the last linted version', async (t) => {
  // A long debounce stands for the user saving before the lint of their last keystrokes ran.
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 60000 } });
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('external.yaml'));
  await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  const typed = client.textOf(uri).replace('/orders:', '/orders:\n    x-lint-ignore: [external-code-samples]');
  await client.change(uri, typed);
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.apiExposureLint'] },
  });
  assert.equal(actions.length, 1, 'fix-all is offered for the version just typed');
  const fixed = applyTextEdits(typed, actions[0].edit.changes[uri]);
  assert.ok(fixed.includes('x-lint-ignore: [external-code-samples]'), 'the edits apply to the typed text');
  assert.ok(fixed.includes('429'), 'rate limiting was added');
  assert.ok(!/x-codeSamples/.test(fixed), 'the finding the user just suppressed is not fixed');
});

test('large documents list quick fixes without edits and resolve the picked one (codeAction/resolve)', async (t) => {
  const capabilities = {
    workspace: { configuration: true },
    textDocument: {
      publishDiagnostics: { versionSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, resolveSupport: { properties: ['edit'] } },
    },
  };
  // A threshold of 0 makes the small fixture "large".
  const { client, workspace, teardown } = await setup({
    settings: { debounceMs: 0 },
    capabilities,
    serverOptions: { lazyFixThreshold: 0 },
  });
  t.after(teardown);
  const { uri, publish } = await openExternal(client, workspace);
  const oauth = publish.diagnostics.find((d) => d.code === 'external-oauth2');
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: oauth.range,
    context: { diagnostics: [oauth] },
  });
  const listed = actions.find((a) => a.isPreferred);
  assert.ok(listed && !listed.edit && listed.data, 'listed without its edit');
  const resolved = await client.request('codeAction/resolve', listed);
  assert.ok(resolved.edit, 'the edit is computed on resolve');
  const v2 = await client.change(uri, applyTextEdits(client.textOf(uri), resolved.edit.changes[uri]));
  const after = await client.waitForDiagnostics(uri, (p) => p.version === v2);
  assert.ok(!codesOf(after).includes('external-oauth2'), `codes after the fix: ${codesOf(after)}`);
  // Listed for a version that is gone: resolving changes nothing rather than editing the wrong text.
  const stale = await client.request('codeAction/resolve', listed);
  assert.equal(stale.edit, undefined);
});

test('hover on an operation shows its audience, where it came from and its requirements', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const { uri } = await openExternal(client, workspace);
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 13, character: 10 } });
  const text = hover.contents.value;
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(text, /GET \/orders/);
  assert.match(text, /`external-public` \(external\)/);
  assert.match(text, /info\.x-audience/);
  for (const code of ['external-oauth2', 'external-rate-limit', 'external-code-samples']) {
    assert.match(text, new RegExp(`✗ \\[\`${code}\`\\]`), code);
  }
  assert.doesNotMatch(text, /internal-permission-scopes/);

  const outside = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
  assert.equal(outside, null);
});

test("a CodeLens above each operation names its audience, its source and the requirements' status", async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const { uri } = await openExternal(client, workspace);
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command.title]),
    [[10, 'external-public · from info.x-audience · OAuth ✗ rate limit ✗ samples ✗']],
  );
});

test('lint workspace lints every OpenAPI file and publishes diagnostics for each', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const result = await client.request('apiExposureLint/lintWorkspace', {});
  // Not the rulesets, not-openapi.yaml.
  const openApiFiles = ['external.yaml', 'no-audience.yaml', 'custom/api.yaml', 'broken/api.yaml', 'js/api.yaml'];
  assert.equal(result.files, openApiFiles.length);
  const published = new Set(client.publishes.map((p) => p.uri));
  for (const file of openApiFiles) {
    assert.ok(published.has(workspace.uri(file)), file);
  }
  const total = client.publishes.reduce((sum, p) => sum + p.diagnostics.length, 0);
  assert.equal(result.findings, total);
});
