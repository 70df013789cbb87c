// One path for every lint (issue 15): the server builds its requests as the CLI does (the folder of a chosen
// ruleset is readable by $refs), "Lint workspace" takes the document-lint path (ruleset errors reported), the
// lint result names its ruleset (no second discovery after a lint), and a quick fix is computed from what its
// diagnostic carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promises as fs } from 'node:fs';
import { setup, codesOf, applyTextEdits } from './helpers/client.mjs';
import { nodeHost } from './helpers/backends.mjs';
import { scratchDirAsync } from '../shared/scratch.mjs';

const require = createRequire(import.meta.url);
const { Linter } = require('../../dist/engine.js');

test('the folder of the ruleset file the user chose is readable by $refs, as in the CLI', async (t) => {
  const team = await scratchDirAsync('ael-team-');
  await fs.writeFile(path.join(team, 'rules.yaml'), 'extends: [spectral:oas]\n');
  await fs.writeFile(path.join(team, 'schemas.yaml'), 'Money: { type: object }\n');
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0, rulesetFile: 'spectral:oas' } });
  t.after(async () => {
    await teardown();
    await fs.rm(team, { recursive: true, force: true });
  });
  const file = workspace.file('team-refs.yaml');
  const ref = path.relative(workspace.dir, path.join(team, 'schemas.yaml'));
  await fs.writeFile(
    file,
    `openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Money: { $ref: '${ref}#/Money' }\n`,
  );
  const { uri } = await client.openFile(file);
  // A built-in ruleset has no folder: the $ref leaves the workspace and is refused.
  await client.waitForDiagnostics(uri, (p) => codesOf(p).includes('invalid-ref'));

  await client.changeSettings({ debounceMs: 0, rulesetFile: path.join(team, 'rules.yaml') });
  const allowed = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0 && !codesOf(p).includes('invalid-ref'));
  assert.ok(codesOf(allowed).length > 0, 'linted with the team ruleset');
});

test('Lint workspace reports a broken ruleset, as the lint of an open document does', async (t) => {
  const { client, teardown } = await setup();
  t.after(teardown);
  const result = await client.request('apiExposureLint/lintWorkspace', {});
  assert.ok(result.files > 0);
  // Nothing is open: the report can only come from the workspace lint.
  const message = await client.waitUntil(() => client.messages.find((m) => m.type === 2), 'a warning message');
  assert.match(message.message, /broken\/\.spectral\.yaml/);
  assert.match(message.message, /severity/);
});

/** The engine behind the narrowest backend: it can lint and forget rulesets, nothing else. */
function lintOnlyBackend() {
  const linter = new Linter(nodeHost);
  return { lint: (options) => linter.lint(options), invalidate: (p) => linter.invalidate(p) };
}

test('after a lint the server takes the ruleset from the result: errors named and extended files watched without a second discovery', async (t) => {
  const { client, workspace, teardown } = await setup({ serverOptions: { backend: lintOnlyBackend() } });
  t.after(teardown);
  const broken = await client.openFile(workspace.file('broken/api.yaml'));
  await client.waitForDiagnostics(broken.uri, (p) => p.diagnostics.length > 0);
  const message = await client.waitUntil(() => client.messages.find((m) => m.type === 2), 'a warning message');
  assert.match(message.message, /broken\/\.spectral\.yaml/);

  await client.openFile(workspace.file('custom/api.yaml'));
  const watch = await client.waitUntil(
    () => client.registrations.find((r) => JSON.stringify(r.registerOptions?.watchers ?? []).includes('base.yaml')),
    'a watcher for base.yaml, a file the ruleset extends',
  );
  assert.ok(watch);
});

test('a quick fix is computed from what its diagnostic carries, not matched against a cache', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 } });
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('external.yaml'));
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  const oauth = publish.diagnostics.find((d) => d.code === 'external-oauth2');
  // Where a client shows it (moved by the client, say) does not matter: its code, JSON path and version do.
  const moved = { ...oauth, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: moved.range,
    context: { diagnostics: [moved] },
  });
  const fix = actions.find((a) => a.isPreferred && a.edit);
  assert.ok(fix, `a preferred fix among: ${actions.map((a) => a.title)}`);
  const v2 = await client.change(uri, applyTextEdits(client.textOf(uri), fix.edit.changes[uri]));
  const after = await client.waitForDiagnostics(uri, (p) => p.version === v2);
  assert.ok(!codesOf(after).includes('external-oauth2'), codesOf(after).join());

  // The same diagnostic, carrying the version that is gone: no edit.
  const stale = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: oauth.range,
    context: { diagnostics: [oauth] },
  });
  assert.deepEqual(
    stale.filter((a) => a.edit),
    [],
  );
});
