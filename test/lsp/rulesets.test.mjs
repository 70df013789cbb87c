// Ruleset discovery, reload on change (including files a ruleset extends), and broken rulesets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { setup, codesOf } from './helpers/client.mjs';

test('the .spectral.* watcher is registered dynamically', async (t) => {
  const { client, teardown } = await setup();
  t.after(teardown);
  const registration = await client.waitUntil(
    () => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'),
    'watcher registration',
  );
  assert.deepEqual(registration.registerOptions.watchers, [{ globPattern: '**/.spectral.{yaml,yml,json,js,mjs,cjs}' }]);
});

test('editing a file the ruleset extends re-lints open documents with the new rules', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('custom/api.yaml'));
  const before = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(codesOf(before), ['info-contact-required']);
  assert.equal(before.diagnostics[0].severity, 2);

  // base.yaml is not a .spectral.* file: the server must know the ruleset extends it and watch it.
  const base = workspace.file('custom/base.yaml');
  const watch = await client.waitUntil(
    () => client.registrations.find((r) => JSON.stringify(r.registerOptions?.watchers ?? []).includes('base.yaml')),
    'a watcher for base.yaml',
  );
  assert.ok(watch);
  await fs.writeFile(
    base,
    (await fs.readFile(base, 'utf8')).replace('severity: warn', 'severity: error').replace('info.contact is missing', 'name a contact'),
  );
  const start = client.publishes.length;
  await client.fileChanged(base);
  const after = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.message === 'name a contact'), undefined, start);
  assert.equal(after.diagnostics[0].severity, 1);
});

test('a new .spectral.yaml next to a document takes over after the change notification', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('external.yaml'));
  const before = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.ok(codesOf(before).includes('external-oauth2'));
  const rulesetFile = workspace.file('.spectral.yaml');
  await fs.copyFile(workspace.file('custom/base.yaml'), rulesetFile);
  const start = client.publishes.length;
  await client.fileChanged(rulesetFile, 1);
  const after = await client.waitForDiagnostics(uri, () => true, undefined, start);
  assert.deepEqual(codesOf(after), ['info-contact-required']);
});

test('a broken ruleset is reported once, shown on the ruleset file, and linting goes on with the fallback', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('broken/api.yaml'));
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.ok(codesOf(publish).includes('external-oauth2'), 'the built-in fallback ruleset still lints');

  const message = await client.waitUntil(() => client.messages.find((m) => m.type === 2), 'a warning message');
  assert.match(message.message, /broken\/\.spectral\.yaml/);
  assert.match(message.message, /severity/);
  const status = await client.waitUntil(() => client.statuses.find((s) => s.uri === uri && s.state === 'done'), 'status');
  assert.match(status.rulesetError, /severity/);

  const rulesetUri = workspace.uri('broken/.spectral.yaml');
  await client.openFile(workspace.file('broken/.spectral.yaml'));
  const onRuleset = await client.waitForDiagnostics(rulesetUri, (p) => p.diagnostics.some((d) => d.code === 'ruleset'));
  assert.match(onRuleset.diagnostics.find((d) => d.code === 'ruleset').message, /severity/);

  // Another lint with the same error does not show the message again.
  const v2 = await client.change(uri, client.textOf(uri).replace('List orders', 'List all orders'));
  await client.waitForDiagnostics(uri, (p) => p.version === v2);
  assert.equal(client.messages.filter((m) => m.type === 2).length, 1);

  // Fixing the file clears the diagnostic on it.
  const file = workspace.file('broken/.spectral.yaml');
  await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('not-a-severity', 'warn'));
  const start = client.publishes.length;
  await client.fileChanged(file);
  await client.waitForDiagnostics(rulesetUri, (p) => !p.diagnostics.some((d) => d.code === 'ruleset'), undefined, start);
});
