// Workspace trust: the server must not run workspace code (JS ruleset functions, npm rulesets) until trusted.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TRUST_CHANGED_NOTIFICATION, type TrustChangedParams } from '../../server/src/protocol';

const UNTRUSTED_NOTICE_SHOWN_KEY = 'apiExposureLint.untrustedNoticeShown';
const MANAGE_TRUST = 'Manage Workspace Trust';

/** VS Code only ever grants trust at runtime (revoking reloads the window), so one direction suffices. */
export function forwardTrustChanges(client: LanguageClient): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    const params: TrustChangedParams = { trusted: true };
    void client.sendNotification(TRUST_CHANGED_NOTIFICATION, params);
  });
}

/** Tells the user once per workspace why a JS-function ruleset seems to do nothing. */
export async function noticeUntrustedWorkspaceOnce(context: vscode.ExtensionContext): Promise<void> {
  if (vscode.workspace.isTrusted || context.workspaceState.get<boolean>(UNTRUSTED_NOTICE_SHOWN_KEY)) return;
  await context.workspaceState.update(UNTRUSTED_NOTICE_SHOWN_KEY, true);
  const choice = await vscode.window.showInformationMessage(
    'API Exposure Lint: this workspace is not trusted, so JavaScript ruleset functions from the workspace and npm rulesets are not run. Built-in rules still apply. Trust the workspace to run them.',
    MANAGE_TRUST,
  );
  if (choice === MANAGE_TRUST) await vscode.commands.executeCommand('workbench.trust.manage');
}
