// Extension entry point: wires the language client, status bar, commands and workspace trust together.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { CLIENT_NAME, createLanguageClient } from './language-client';
import { ExposureStatusBar } from './status-bar';
import { forwardTrustChanges, noticeUntrustedWorkspaceOnce } from './trust';

let client: LanguageClient | undefined;

/** Returned by activate(): lets extension-host tests read what the status bar shows. */
export interface ExtensionApi {
  statusBarText(): string;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  // Created here rather than by LanguageClient so it survives server restarts and `showOutput` always has it.
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const statusBar = new ExposureStatusBar();
  client = createLanguageClient(context, outputChannel);

  context.subscriptions.push(
    outputChannel,
    statusBar,
    // Handlers registered before start() are kept across restarts by LanguageClient.
    client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => statusBar.update(status)),
    forwardTrustChanges(client),
    ...registerCommands({ client, outputChannel, onRestarted: () => statusBar.clear() }),
  );

  void noticeUntrustedWorkspaceOnce(context);

  try {
    await client.start();
  } catch (error) {
    // The client already logged the details; keep the commands usable (restart, show output).
    outputChannel.error(`Failed to start the API Exposure Lint server: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { statusBarText: () => statusBar.shownText };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
