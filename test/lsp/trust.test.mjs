// Workspace JavaScript (JS rulesets) runs only when the workspace is trusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, codesOf } from './helpers/client.mjs';

test('an untrusted workspace does not run a JS ruleset until trust is granted', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('js/api.yaml'));
  const untrusted = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.ok(!codesOf(untrusted).includes('js-contact-required'));
  assert.ok(codesOf(untrusted).includes('external-oauth2'), 'the fallback ruleset still lints');
  const warning = await client.waitUntil(() => client.messages.find((m) => m.type === 2), 'a warning');
  assert.match(warning.message, /trust/i);

  const start = client.publishes.length;
  await client.notify('apiExposureLint/workspaceTrustChanged', { trusted: true });
  const trusted = await client.waitForDiagnostics(uri, (p) => codesOf(p).includes('js-contact-required'), undefined, start);
  assert.deepEqual(codesOf(trusted), ['js-contact-required']);
});

test('initializationOptions.workspaceTrusted runs the JS ruleset from the start', async (t) => {
  const { client, workspace, teardown } = await setup({ initializationOptions: { workspaceTrusted: true } });
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('js/api.yaml'));
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(codesOf(publish), ['js-contact-required']);
  assert.equal(client.messages.length, 0);
});
