// Workspace trust in a real VS Code: the JavaScript ruleset of test/fixtures/e2e/js-ruleset (a copy is the
// open folder) runs only in a trusted workspace; untrusted, the built-in ruleset still lints the file.
// The same suite runs trusted (runTests always passes --disable-workspace-trust) and, with the code-server
// launcher, untrusted; it asserts whichever state VS Code reports.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { test, runRegisteredTests } = require('./runner.cjs');
const h = require('./helpers.cjs');

const JS_RULE = 'js-contact-required';

test(`workspace trust decides whether the workspace JS ruleset runs (trusted: ${vscode.workspace.isTrusted})`, async () => {
  // Set by test/e2e/extension-host.test.mjs so a launcher that ignored the request cannot pass silently.
  const expected = process.env.API_EXPOSURE_LINT_E2E_EXPECT_TRUSTED;
  if (expected) assert.equal(String(vscode.workspace.isTrusted), expected, 'workspace trust as requested');
  await h.activateExtension();
  const document = await h.openDocument('api.yaml');
  if (vscode.workspace.isTrusted) {
    const codes = await h.waitForCodes(document.uri, (c) => c.includes(JS_RULE), 'the JS ruleset finding');
    assert.deepEqual(codes, [JS_RULE], 'the JS ruleset replaces the built-in one');
  } else {
    // The first publish of a document carries all of its findings: once the fallback's are there, the lint is done.
    const codes = await h.waitForCodes(document.uri, (c) => c.includes('external-oauth2'), 'the fallback ruleset findings');
    assert.ok(!codes.includes(JS_RULE), `no finding from workspace JavaScript, got ${codes}`);
  }
});

module.exports = { run: () => runRegisteredTests(`api-exposure-lint workspace trust (trusted: ${vscode.workspace.isTrusted})`) };
