// Multi-root workspaces: each folder's files get that folder's ruleset (discovery stops at the folder)
// and that folder's settings (asked for per document).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { setup, codesOf } from './helpers/client.mjs';

test('each workspace folder has its own ruleset and its own settings', async (t) => {
  const { client, workspace, teardown } = await setup({
    folders: ['team-a', 'team-b'],
    // team-b's files default to an internal audience; team-a says nothing.
    settingsFor: (uri) => (uri?.includes('/team-b/') ? { debounceMs: 0, defaultAudience: 'component-internal' } : { debounceMs: 0 }),
  });
  t.after(teardown);
  const external = await fs.readFile(workspace.file('external.yaml'), 'utf8');
  const undeclared = external.replace(/^\s*x-audience:.*\n/m, '');
  for (const folder of ['team-a', 'team-b']) {
    await fs.mkdir(workspace.file(folder), { recursive: true });
    await fs.writeFile(workspace.file(`${folder}/api.yaml`), undeclared);
  }
  // team-a keeps only the exposure rules and makes code samples an error; a ruleset above both folders is ignored.
  await fs.writeFile(
    workspace.file('team-a/.spectral.yaml'),
    'extends: ["api-exposure-lint:exposure"]\nrules:\n  external-code-samples: error\n',
  );
  await fs.writeFile(workspace.file('.spectral.yaml'), 'rules: {}\n');

  const a = await client.openFile(workspace.file('team-a/api.yaml'));
  const b = await client.openFile(workspace.file('team-b/api.yaml'));
  const publishA = await client.waitForDiagnostics(a.uri, (p) => p.diagnostics.length > 0);
  const publishB = await client.waitForDiagnostics(b.uri, (p) => p.diagnostics.length > 0);

  assert.equal(publishA.diagnostics.find((d) => d.code === 'external-code-samples')?.severity, 1, "team-a's ruleset applies");
  assert.ok(
    codesOf(publishA).every((c) => c.startsWith('external-') || c.startsWith('exposure-')),
    `only exposure rules: ${codesOf(publishA)}`,
  );
  assert.ok(!codesOf(publishB).some((c) => c.startsWith('external-')), `team-b is internal by its settings: ${codesOf(publishB)}`);
  const statusB = await client.waitUntil(() => client.statuses.find((s) => s.uri === b.uri && s.state === 'done'), 'status of team-b');
  assert.equal(statusB.ruleset, 'api-exposure-lint:recommended', 'discovery stops at the team-b folder: the ruleset above it is not used');
});
