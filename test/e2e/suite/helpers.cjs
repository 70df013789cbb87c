// Helpers for tests inside the extension host: open fixture documents, read this extension's
// diagnostics, and poll with a deadline for the language server to catch up (no fixed sleeps).
const fs = require('node:fs');
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

/**
 * Saves a document (save participants included). VS Code's TextDocument.save() answers false, without an
 * error, when the save it started was cancelled (another save of the same file came meanwhile, or a participant
 * was cancelled: "Aborted onWillSaveTextDocument-event after 1750ms" on a loaded machine) or the text changed while
 * it was written. Seen in two clean-clone CI runs, never alone: the document is then still dirty, or already saved
 * by the other save; saving again is what a user does. A file that does not end up with the buffer's text fails.
 */
async function saveDocument(document, what) {
  const attempts = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (await document.save()) {
      // Shown in the suite's output: how often VS Code needed a second save.
      if (attempts.length > 0) console.log(`${what}: saved at attempt ${attempt} (${attempts.join('; ')})`);
      return;
    }
    const onDisk = fs.readFileSync(document.uri.fsPath, 'utf8');
    attempts.push(
      `attempt ${attempt}: dirty ${document.isDirty}, file ${onDisk === document.getText() ? 'equals' : 'differs from'} the buffer`,
    );
    if (!document.isDirty && onDisk === document.getText()) return;
  }
  throw new Error(`${what}: VS Code did not save ${document.uri.fsPath} (${attempts.join('; ')})`);
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
  saveDocument,
  setSetting,
  activateExtension,
};
