// Status bar item: audience and ruleset of the active OpenAPI document, as the server reports them.
import * as vscode from 'vscode';
import { COMMANDS, type StatusParams } from '../../server/src/protocol';
import { presentStatus } from './status-text';

export class ExposureStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('apiExposureLint.status', vscode.StatusBarAlignment.Right, 100);
  /** Last status per document URI: the server reports for every linted document, the item shows the active one. */
  private readonly statusByUri = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = 'API Exposure Lint';
    this.item.command = COMMANDS.showOutput;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.statusByUri.delete(doc.uri.toString())),
    );
  }

  update(status: StatusParams): void {
    this.statusByUri.set(status.uri, status);
    this.render();
  }

  /** The server was restarted: what it said before no longer holds. */
  clear(): void {
    this.statusByUri.clear();
    this.render();
  }

  /** What the item shows now ('' when hidden): StatusBarItem cannot be read back, tests read this. */
  get shownText(): string {
    return this.visible ? this.item.text : '';
  }

  private visible = false;

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const presentation = presentStatus(uri ? this.statusByUri.get(uri) : undefined);
    this.visible = presentation.visible;
    if (!presentation.visible) {
      this.item.hide();
      return;
    }
    this.item.text = presentation.text;
    this.item.tooltip = presentation.tooltip;
    this.item.backgroundColor = presentation.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
