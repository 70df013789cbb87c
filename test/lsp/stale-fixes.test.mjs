// The editor never loses the user's text: quick fixes, fix-all and codeAction/resolve are computed for
// one document version, carry that version (versioned TextDocumentEdits, so the client refuses them once
// the document moved on), and are not offered at all when the user typed while they were being computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { setup, applyTextEdits, codesOf } from './helpers/client.mjs';

const require = createRequire(import.meta.url);
const engine = require('../../dist/engine.js');

const CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
      resolveSupport: { properties: ['edit'] },
    },
  },
};
const FIX_ALL = { diagnostics: [], only: ['source.fixAll.apiExposureLint'] };
const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** What VS Code does with a versioned edit: apply it only if the document is still at that version. */
function applyLikeAClient(client, edit) {
  assert.ok(edit.documentChanges && !edit.changes, 'a versioned edit');
  const [change] = edit.documentChanges;
  const current = client.versions.get(change.textDocument.uri);
  if (current.version !== change.textDocument.version) return { applied: false };
  return { applied: true, text: applyTextEdits(current.text, change.edits) };
}

/** The engine's fixers behind a gate: each call waits until the test opens it. */
function gatedFixes() {
  let waiting = [];
  const calls = [];
  const watchers = [];
  const gate =
    (compute) =>
    async (...args) => {
      calls.push(args);
      for (const watcher of watchers.filter((w) => calls.length >= w.count)) watcher.resolve();
      await new Promise((resolve) => waiting.push(resolve));
      return compute(...args);
    };
  return {
    calls,
    /** Resolves once `count` computations have started (the server is now waiting at the gate). */
    started(count) {
      return calls.length >= count ? Promise.resolve() : new Promise((resolve) => watchers.push({ count, resolve }));
    },
    release() {
      const open = waiting;
      waiting = [];
      open.forEach((resolve) => resolve());
    },
    provider: {
      getFixes: gate(engine.getFixes),
      getFixAllEdits: gate(engine.getFixAllEdits),
      listFixes: engine.listFixes,
      resolveFix: gate(engine.resolveFix),
    },
  };
}

async function openExternal(client, workspace) {
  const { uri } = await client.openFile(workspace.file('external.yaml'));
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 120000);
  return { uri, publish, oauth: publish.diagnostics.find((d) => d.code === 'external-oauth2') };
}

test('quick fixes, fix-all and resolved fixes are versioned edits for the version shown', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 }, capabilities: CAPABILITIES });
  t.after(teardown);
  const { uri, publish, oauth } = await openExternal(client, workspace);

  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: oauth.range,
    context: { diagnostics: [oauth] },
  });
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix?.edit, `a preferred fix among ${actions.map((a) => a.title)}`);
  assert.deepEqual(fix.edit.documentChanges[0].textDocument, { uri, version: publish.version });
  const [fixAll] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: TOP, context: FIX_ALL });
  assert.deepEqual(fixAll.edit.documentChanges[0].textDocument, { uri, version: publish.version });

  // Applied at that version: the finding goes away.
  const applied = applyLikeAClient(client, fix.edit);
  assert.ok(applied.applied);
  const v2 = await client.change(uri, applied.text);
  const after = await client.waitForDiagnostics(uri, (p) => p.version === v2, 120000);
  assert.ok(!codesOf(after).includes('external-oauth2'), codesOf(after).join());
  // The fix-all computed for version 1 is now refused by the client instead of garbling version 2.
  assert.deepEqual(applyLikeAClient(client, fixAll.edit), { applied: false });
});

test('the user types while a quick fix is computed: the fix is not offered', async (t) => {
  const gated = gatedFixes();
  const { client, workspace, teardown } = await setup({
    settings: { debounceMs: 60000 },
    capabilities: CAPABILITIES,
    serverOptions: { fixes: gated.provider },
  });
  t.after(teardown);
  const { uri, oauth } = await openExternal(client, workspace);
  const pending = client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: oauth.range,
    context: { diagnostics: [oauth] },
  });
  await gated.started(1);
  await client.change(uri, client.textOf(uri).replace('summary: List orders', 'summary: List all orders'));
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }); // the change is in
  gated.release();
  const actions = await pending;
  assert.deepEqual(
    actions.filter((a) => a.edit),
    [],
    'no edit for a version that is gone',
  );
  assert.ok(
    actions.some((a) => a.command?.command === 'apiExposureLint.showRuleDocumentation'),
    'the documentation link is still offered',
  );
});

test('the user types while fix-all is computed: fix-all is refused', async (t) => {
  const gated = gatedFixes();
  const { client, workspace, teardown } = await setup({
    settings: { debounceMs: 60000 },
    capabilities: CAPABILITIES,
    serverOptions: { fixes: gated.provider },
  });
  t.after(teardown);
  const { uri } = await openExternal(client, workspace);
  const pending = client.request('textDocument/codeAction', { textDocument: { uri }, range: TOP, context: FIX_ALL });
  await gated.started(1);
  await client.change(uri, client.textOf(uri) + '# typed\n');
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  gated.release();
  assert.deepEqual(await pending, []);
});

test('the user types while a listed fix is resolved: codeAction/resolve adds no edit', async (t) => {
  const gated = gatedFixes();
  const { client, workspace, teardown } = await setup({
    settings: { debounceMs: 60000 },
    capabilities: CAPABILITIES,
    serverOptions: { fixes: gated.provider, lazyFixThreshold: 0 },
  });
  t.after(teardown);
  const { uri, oauth } = await openExternal(client, workspace);
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: oauth.range,
    context: { diagnostics: [oauth] },
  });
  const listed = actions.find((a) => a.isPreferred);
  assert.ok(listed && !listed.edit && listed.data, 'listed lazily');
  const pending = client.request('codeAction/resolve', listed);
  await gated.started(1);
  await client.change(uri, client.textOf(uri) + '# typed\n');
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  gated.release();
  const resolved = await pending;
  assert.equal(resolved.edit, undefined);
});

test('without documentChanges support the plain edit is still only given for the current version', async (t) => {
  const gated = gatedFixes();
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 60000 }, serverOptions: { fixes: gated.provider } });
  t.after(teardown);
  const { uri, oauth } = await openExternal(client, workspace);
  const first = client.request('textDocument/codeAction', { textDocument: { uri }, range: oauth.range, context: { diagnostics: [oauth] } });
  await gated.started(1);
  gated.release();
  const fix = (await first).find((a) => a.isPreferred);
  assert.ok(fix.edit.changes[uri], 'a plain edit for a client without versioned edits');
  const second = client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: oauth.range,
    context: { diagnostics: [oauth] },
  });
  await gated.started(2);
  await client.change(uri, client.textOf(uri) + '# typed\n');
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  gated.release();
  assert.deepEqual(
    (await second).filter((a) => a.edit),
    [],
  );
});
