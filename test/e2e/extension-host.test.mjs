// Tier 1: the suite in test/e2e/suite/ runs inside a real VS Code extension host, started through
// @vscode/test-electron's runTests(). Here VS Code is the server bundled in code-server, opened in Chromium
// by test/e2e/launcher/vscode-server-launcher.mjs; set API_EXPOSURE_LINT_E2E_VSCODE to a desktop `code`
// executable to run the same suite in VS Code desktop instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ensureE2eSetup } from '../../scripts/e2e-setup.mjs';
import { GROUPS_FILE_ENV, killRecordedGroups } from './lib/process-groups.mjs';
import { copyFixtureFolder, repoRoot } from './lib/workspace-copy.mjs';

const desktopVscode = process.env.API_EXPOSURE_LINT_E2E_VSCODE;
const launcher = path.join(repoRoot, 'test/e2e/launcher/vscode-server-launcher.mjs');
if (!desktopVscode) ensureE2eSetup();

/** Runs one suite file against a fresh copy of a fixture folder; resolves with the exit code (0). */
async function runSuite(t, { suite, fixture, untrusted = false }) {
  const workspace = copyFixtureFolder(fixture);
  const groupsFile = path.join(workspace.scratch, 'process-groups');
  const profile = path.join(workspace.scratch, 'profile');
  mkdirSync(profile);
  t.after(() => {
    killRecordedGroups(groupsFile);
    workspace.remove();
  });
  return runTests({
    vscodeExecutablePath: desktopVscode ?? launcher,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'test/e2e/suite', suite),
    launchArgs: [
      workspace.folder,
      `--user-data-dir=${path.join(profile, 'user-data')}`,
      `--extensions-dir=${path.join(profile, 'extensions')}`,
    ],
    extensionTestsEnv: {
      [GROUPS_FILE_ENV]: groupsFile,
      API_EXPOSURE_LINT_E2E_UNTRUSTED: untrusted ? '1' : '0',
      API_EXPOSURE_LINT_E2E_EXPECT_TRUSTED: String(!untrusted),
      SCARF_ANALYTICS: 'false',
    },
  });
}

test('extension host: diagnostics, edits, quick fixes, fix-all on save, settings, hover, CodeLens', async (t) => {
  assert.equal(await runSuite(t, { suite: 'features.cjs', fixture: 'workspace' }), 0);
});

test('extension host: a fragment of a multi-file description gets its findings and quick fixes', async (t) => {
  assert.equal(await runSuite(t, { suite: 'multi-file.cjs', fixture: 'multi-file' }), 0);
});

test('extension host: the API Exposure view (documents, audiences, operations, open at range) and the HTML report', async (t) => {
  assert.equal(await runSuite(t, { suite: 'exposure-view.cjs', fixture: 'exposure' }), 0);
});

test('extension host: a trusted workspace runs the workspace JavaScript ruleset', async (t) => {
  assert.equal(await runSuite(t, { suite: 'workspace-trust.cjs', fixture: 'js-ruleset' }), 0);
});

test(
  'extension host: an untrusted workspace does not run the workspace JavaScript ruleset',
  // runTests always passes --disable-workspace-trust; only the launcher can keep trust on.
  { skip: desktopVscode && 'VS Code desktop under runTests always runs with --disable-workspace-trust' },
  async (t) => {
    assert.equal(await runSuite(t, { suite: 'workspace-trust.cjs', fixture: 'js-ruleset', untrusted: true }), 0);
  },
);
