// The "API Exposure" view in a real VS Code: the workspace's documents (a copy of test/fixtures/e2e/exposure),
// their operations grouped by audience with a compliance icon each, clicking an operation opens it at its
// range, and the "Open Exposure Report" command shows the HTML report in a webview.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { test, runRegisteredTests } = require('./runner.cjs');
const h = require('./helpers.cjs');

const brief = (items) => items.map((item) => [item.label, item.description, item.icon, brief(item.children)]);

test('the view is contributed to the explorer and lists documents, audiences and operations with icons', async () => {
  const extension = await h.activateExtension();
  const manifest = extension.packageJSON.contributes.views.explorer;
  assert.deepEqual(
    manifest.map((v) => [v.id, v.name]),
    [['apiExposureLint.exposureView', 'API Exposure']],
  );
  const api = extension.exports;
  // The server may still be starting: poll until it answers with both documents.
  const tree = await h.pollUntil(
    async () => {
      const items = await api.exposureView();
      return items.length === 2 && items;
    },
    'the exposure view to list two documents',
    60_000,
  );
  assert.deepEqual(brief(tree), [
    [
      'internal.yaml',
      'readiness 75',
      'warning',
      [
        ['company-internal', '1 operation', 'lock', [['GET /orders', 'ready', 'pass', []]]],
        ['component-internal', '1 operation, 1 not ready', 'lock', [['DELETE /orders', 'internal-permission-scopes', 'error', []]]],
      ],
    ],
    [
      'public.yaml',
      'readiness 86',
      'warning',
      [
        [
          'external-public',
          '2 operations, 2 not ready',
          'globe',
          [
            // The security scheme says nothing about getting credentials: a finding under components, about both.
            ['GET /pets', 'external-credentials-onboarding', 'warning', []],
            ['POST /pets', 'external-oauth2, external-credentials-onboarding', 'error', []],
          ],
        ],
      ],
    ],
  ]);
});

test('clicking an operation opens its document at the operation', async () => {
  const api = (await h.activateExtension()).exports;
  const [, publicDoc] = await api.exposureView();
  const post = publicDoc.children[0].children[1];
  assert.equal(post.label, 'POST /pets');
  await vscode.commands.executeCommand(post.command.command, ...post.command.arguments);
  const editor = await h.pollUntil(() => {
    const active = vscode.window.activeTextEditor;
    return active && active.document.uri.path.endsWith('/public.yaml') && active;
  }, 'public.yaml in the active editor');
  const selected = editor.document.getText(new vscode.Range(editor.selection.start.line, 0, editor.selection.start.line + 1, 0));
  assert.equal(editor.selection.start.line, 12, 'the operation key "post:" is on line 13');
  assert.match(selected, /post:/);
});

test('"Open Exposure Report" shows the workspace report in a webview', async () => {
  const api = (await h.activateExtension()).exports;
  const { title, html } = await api.openExposureReport();
  assert.equal(title, 'API Exposure Report');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /4 operations in 2 documents, overall readiness 81\/100/);
  assert.match(html, /default-src 'none'/);
  const tab = await h.pollUntil(
    () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'API Exposure Report'),
    'the report tab',
  );
  assert.match(tab.input.viewType, /apiExposureLint\.report/);
  // The command contributed to the view's title runs the same thing.
  const commands = await vscode.commands.getCommands(true);
  assert.ok(commands.includes('apiExposureLint.openExposureReport') && commands.includes('apiExposureLint.refreshExposureView'));
});

module.exports = { run: () => runRegisteredTests('api-exposure-lint exposure view') };
