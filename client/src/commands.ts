// The commands contributed in package.json (`contributes.commands`), ids from protocol COMMANDS.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, LINT_WORKSPACE_REQUEST, type LintWorkspaceResult } from '../../server/src/protocol';

export interface CommandDependencies {
  client: LanguageClient;
  outputChannel: vscode.OutputChannel;
  /** Called after the server restarted, e.g. to drop stale status. */
  onRestarted(): void;
}

async function lintWorkspace(client: LanguageClient): Promise<void> {
  let cancelled = false;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'API Exposure Lint: linting workspace…', cancellable: true },
    async (_progress, token) => {
      try {
        return await client.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, undefined, token);
      } catch (error) {
        // A cancelled request rejects with a RequestCancelled ResponseError, not a CancellationError.
        if (!token.isCancellationRequested) throw error;
        cancelled = true;
        return undefined;
      }
    },
  );
  if (cancelled || !result) return;
  const files = `${result.files} ${result.files === 1 ? 'file' : 'files'}`;
  const findings = `${result.findings} ${result.findings === 1 ? 'finding' : 'findings'}`;
  void vscode.window.showInformationMessage(`Linted ${files}, ${findings}.`);
}

/** Rule documentation links come from diagnostics' codeDescription; only web links are opened. */
async function showRuleDocumentation(url: unknown): Promise<void> {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
    void vscode.window.showWarningMessage('API Exposure Lint: no documentation link for this rule.');
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

async function reportFailure(action: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof vscode.CancellationError) return;
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`API Exposure Lint: ${action} failed: ${message}`);
  }
}

export function registerCommands(deps: CommandDependencies): vscode.Disposable[] {
  const { client, outputChannel } = deps;
  return [
    vscode.commands.registerCommand(COMMANDS.lintWorkspace, () => reportFailure('linting the workspace', () => lintWorkspace(client))),
    vscode.commands.registerCommand(COMMANDS.restartServer, () =>
      reportFailure('restarting the server', async () => {
        await client.restart();
        deps.onRestarted();
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => outputChannel.show(true)),
    vscode.commands.registerCommand(COMMANDS.showRuleDocumentation, (url: unknown) => showRuleDocumentation(url)),
  ];
}
