// Helpers for tests inside the extension host: open fixture documents, read this extension's
// diagnostics, and poll with a deadline for the language server to catch up (no fixed sleeps).
const vscode = require('vscode');

const SOURCE = 'api-exposure-lint';
const EXTENSION_ID = 'api-exposure-lint.api-exposure-lint';

function workspaceUri(relativePath) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (runTests launchArgs: [folder])');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Diagnostic codes are `{ value, target }` when the rule has a documentation link. */
function codeOf(diagnostic) {
  return typeof diagnostic.code === 'object' && diagnostic.code !== null ? String(diagnostic.code.value) : String(diagnostic.code);
}

function ourDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codesOf(uri) {
  return [...new Set(ourDiagnostics(uri).map(codeOf))].sort();
}

async function pollUntil(probe, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Waits until the document's diagnostics satisfy `predicate(codes)`; returns the codes. */
async function waitForCodes(uri, predicate, what) {
  let codes = [];
  try {
    await pollUntil(() => predicate((codes = codesOf(uri))), what);
  } catch (error) {
    error.message += `; codes were [${codes.join(', ')}]`;
    throw error;
  }
  return codes;
}

async function openDocument(relativePath) {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Sets a workspace-folder setting and returns a function that restores its previous value. */
async function setSetting(section, key, value) {
  const config = vscode.workspace.getConfiguration(section, vscode.workspace.workspaceFolders[0].uri);
  const previous = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return () => config.update(key, previous, vscode.ConfigurationTarget.Workspace);
}

async function activateExtension() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath?)`);
  await extension.activate();
  return extension;
}

module.exports = {
  SOURCE,
  EXTENSION_ID,
  workspaceUri,
  codeOf,
  ourDiagnostics,
  codesOf,
  pollUntil,
  waitForCodes,
  openDocument,
  setSetting,
  activateExtension,
};
