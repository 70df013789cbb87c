// A multi-file description in a real VS Code: open only the fragment a root $refs, see its findings (computed
// through the root, which stays closed), apply quick fixes (one of them also edits the root), save, and see
// the findings go. Needs the folder test/fixtures/e2e/multi-file (a copy) open.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const vscode = require('vscode');
const { test, runRegisteredTests } = require('./runner.cjs');
const h = require('./helpers.cjs');

test('a fragment shows the findings its root reports in it, and its quick fixes apply and save', async () => {
  await h.activateExtension();
  const fragment = await h.openDocument('paths/pets.yaml');
  await h.waitForCodes(
    fragment.uri,
    (c) => c.includes('external-code-samples') && c.includes('external-oauth2'),
    "the root's findings in the fragment",
  );
  const samples = h.ourDiagnostics(fragment.uri).find((d) => h.codeOf(d) === 'external-code-samples');
  assert.equal(samples.relatedInformation?.[0]?.location.uri.toString(), h.workspaceUri('openapi.yaml').toString(), 'it names the root');

  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', fragment.uri, samples.range);
  const fix = actions.find((a) => /^Add a curl code sample/.test(a.title));
  assert.ok(fix?.edit, `a code sample fix among ${actions.map((a) => a.title)}`);
  const described = (edit) =>
    JSON.stringify(
      edit
        .entries()
        .map(([uri, edits]) => [
          uri.toString(),
          edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.newText.length]),
        ]),
    );
  assert.equal(
    await vscode.workspace.applyEdit(fix.edit),
    true,
    `applying ${described(fix.edit)} to ${fragment.uri.toString()} v${fragment.version}`,
  );
  assert.equal(
    fragment.isDirty,
    true,
    `the fragment has unsaved edits: ${described(fix.edit)} on ${fragment.uri.toString()}, text ${JSON.stringify(fragment.getText().slice(0, 200))}`,
  );
  await h.saveDocument(fragment, 'the fragment with its code sample');
  assert.match(fs.readFileSync(fragment.uri.fsPath, 'utf8'), /x-codeSamples:/);
  await h.waitForCodes(
    fragment.uri,
    (c) => !c.includes('external-code-samples') && c.includes('external-oauth2'),
    'the code sample finding gone',
  );

  // The OAuth fix needs a security scheme in the root's components: one edit over both files.
  const oauth = h.ourDiagnostics(fragment.uri).find((d) => h.codeOf(d) === 'external-oauth2');
  const oauthActions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', fragment.uri, oauth.range);
  const oauthFix = oauthActions.find((a) => /^Require OAuth 2/.test(a.title));
  assert.ok(oauthFix?.edit, `an OAuth fix among ${oauthActions.map((a) => a.title)}`);
  assert.deepEqual(
    oauthFix.edit
      .entries()
      .map(([uri]) => uri.path.split('/').pop())
      .sort(),
    ['openapi.yaml', 'pets.yaml'],
  );
  assert.equal(await vscode.workspace.applyEdit(oauthFix.edit), true);
  const root = await vscode.workspace.openTextDocument(h.workspaceUri('openapi.yaml'));
  assert.match(root.getText(), /securitySchemes:\n {4}oauth2:/, 'the scheme is added to the root');
  assert.match(fragment.getText(), /security:\n {4}- oauth2:/, 'the requirement is added to the fragment');
  await h.saveDocument(root, 'the root with its security scheme');
  await h.saveDocument(fragment, 'the fragment with its requirement');
  assert.match(fs.readFileSync(root.uri.fsPath, 'utf8'), /securitySchemes:\n {4}oauth2:/);
  assert.match(fs.readFileSync(fragment.uri.fsPath, 'utf8'), /security:\n {4}- oauth2:/);
  await h.waitForCodes(fragment.uri, (c) => !c.includes('external-oauth2'), 'the OAuth finding gone');
});

module.exports = { run: () => runRegisteredTests('multi-file') };
