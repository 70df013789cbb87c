// Extension entry point: wires the language client, status bar, commands and workspace trust together.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, EXPOSURE_VIEW_ID, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { ExposureTreeProvider, openExposureReport, type ExposureViewItem } from './exposure-view';
import { registerCommands } from './commands';
import { CLIENT_NAME, createLanguageClient } from './language-client';
import { ExposureStatusBar } from './status-bar';
import { forwardTrustChanges, noticeUntrustedWorkspaceOnce } from './trust';

let client: LanguageClient | undefined;

/** Returned by activate(): lets extension-host tests read what the status bar shows. */
export interface ExtensionApi {
  statusBarText(): string;
  /** Refreshes the "API Exposure" view and returns what it shows. */
  exposureView(): Promise<ExposureViewItem[]>;
  /** Runs the "Open Exposure Report" command; resolves with the panel's title and HTML. */
  openExposureReport(): Promise<{ title: string; html: string }>;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  // Created here rather than by LanguageClient so it survives server restarts and `showOutput` always has it.
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const statusBar = new ExposureStatusBar();
  client = createLanguageClient(context, outputChannel);
  const languageClient = client;
  const exposureView = new ExposureTreeProvider(languageClient);
  const openReport = () => openExposureReport(languageClient, context);
  exposureView.createView(EXPOSURE_VIEW_ID);

  context.subscriptions.push(
    outputChannel,
    statusBar,
    // Handlers registered before start() are kept across restarts by LanguageClient.
    client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => statusBar.update(status)),
    forwardTrustChanges(client),
    ...registerCommands({ client, outputChannel, onRestarted: () => statusBar.clear() }),
    exposureView,
    vscode.commands.registerCommand(COMMANDS.refreshExposureView, () => exposureView.refresh()),
    vscode.commands.registerCommand(COMMANDS.openExposureReport, async () => {
      try {
        await openReport();
      } catch (error) {
        void vscode.window.showErrorMessage(
          `API Exposure Lint: the exposure report failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }),
  );

  void noticeUntrustedWorkspaceOnce(context);

  try {
    await client.start();
  } catch (error) {
    // The client already logged the details; keep the commands usable (restart, show output).
    outputChannel.error(`Failed to start the API Exposure Lint server: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    statusBarText: () => statusBar.shownText,
    exposureView: async () => {
      await exposureView.refresh();
      return exposureView.snapshot();
    },
    openExposureReport: async () => {
      const panel = await openReport();
      return { title: panel.title, html: panel.webview.html };
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
