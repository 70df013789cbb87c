// The "API Exposure" view in the explorer: the workspace's OpenAPI documents, their operations grouped by
// audience, each with its compliance at a glance (an icon per operation: every exposure requirement passes,
// or the worst failing one is an error / a warning). Clicking an operation opens it at its range. The data is
// the server's exposure inventory (EXPOSURE_INVENTORY_REQUEST); the view refreshes when a YAML/JSON file is saved.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EXPOSURE_INVENTORY_REQUEST,
  type ExposureDocumentInfo,
  type ExposureInventoryParams,
  type ExposureInventoryResult,
  type ExposureOperationInfo,
} from '../../server/src/protocol';

/** Narrowest last, like the audiences' documentation. */
const AUDIENCE_ORDER = ['external-public', 'external-partner', 'company-internal', 'business-unit-internal', 'component-internal'];
const REFRESH_DELAY_MS = 1500;

type Node =
  | { type: 'document'; document: ExposureDocumentInfo }
  | { type: 'audience'; document: ExposureDocumentInfo; audience: string; operations: ExposureOperationInfo[] }
  | { type: 'operation'; document: ExposureDocumentInfo; operation: ExposureOperationInfo };

/** What the tree shows, as plain data: used by the extension-host tests through the extension's API. */
export interface ExposureViewItem {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  command?: { command: string; arguments?: unknown[] };
  children: ExposureViewItem[];
}

function scoreText(score: number | null): string {
  return score === null ? 'no operations' : `readiness ${Math.round(score)}`;
}

function operationIcon(operation: ExposureOperationInfo): vscode.ThemeIcon {
  const failing = operation.requirements.filter((r) => !r.passed);
  if (failing.length === 0) return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (failing.some((r) => (r.severity ?? 'error') === 'error'))
    return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
}

function documentIcon(document: ExposureDocumentInfo): vscode.ThemeIcon {
  if (document.score === null || document.score >= 100) return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
}

export class ExposureTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private inventory: ExposureInventoryResult | undefined;
  private loading: Promise<ExposureInventoryResult | undefined> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Set once the view exists; saves refresh it only while it is visible (a refresh lints the workspace). */
  private view: vscode.TreeView<Node> | undefined;

  constructor(private readonly client: LanguageClient) {
    this.subscriptions.push(
      this.changed,
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.view?.visible && /\.(ya?ml|json)$/i.test(document.fileName)) this.scheduleRefresh();
      }),
    );
  }

  /** Registers the view; it is collapsed by default, so nothing is linted for it until someone opens it. */
  createView(id: string): vscode.TreeView<Node> {
    this.view = vscode.window.createTreeView(id, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(this.view);
    return this.view;
  }

  /** Asks the server again; the tree updates when the answer arrives. */
  refresh(): Promise<ExposureInventoryResult | undefined> {
    const loading = (async () => {
      try {
        if (!this.client.isRunning()) return this.inventory;
        this.inventory = await this.client.sendRequest<ExposureInventoryResult>(
          EXPOSURE_INVENTORY_REQUEST,
          {} satisfies ExposureInventoryParams,
        );
      } catch {
        // The server is restarting or stopped: keep the last inventory; the next refresh tries again.
      }
      this.changed.fire(undefined);
      return this.inventory;
    })();
    this.loading = loading;
    return loading;
  }

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      if (!this.inventory) await (this.loading ?? this.refresh());
      return (this.inventory?.documents ?? []).map((document) => ({ type: 'document', document }));
    }
    if (node.type === 'document') {
      const groups = new Map<string, ExposureOperationInfo[]>();
      for (const operation of node.document.operations)
        (groups.get(operation.audience) ?? groups.set(operation.audience, []).get(operation.audience)!).push(operation);
      return [...groups]
        .sort(([a], [b]) => AUDIENCE_ORDER.indexOf(a) - AUDIENCE_ORDER.indexOf(b))
        .map(([audience, operations]) => ({ type: 'audience', document: node.document, audience, operations }));
    }
    if (node.type === 'audience') return node.operations.map((operation) => ({ type: 'operation', document: node.document, operation }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'document') {
      const item = new vscode.TreeItem(node.document.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = scoreText(node.document.score);
      item.iconPath = documentIcon(node.document);
      item.resourceUri = vscode.Uri.parse(node.document.uri);
      item.contextValue = 'apiExposureDocument';
      return item;
    }
    if (node.type === 'audience') {
      const item = new vscode.TreeItem(node.audience, vscode.TreeItemCollapsibleState.Expanded);
      const failing = node.operations.filter((op) => op.requirements.some((r) => !r.passed)).length;
      item.description = `${node.operations.length} operation${node.operations.length === 1 ? '' : 's'}${failing ? `, ${failing} not ready` : ''}`;
      item.iconPath = new vscode.ThemeIcon(node.operations[0]?.kind === 'external' ? 'globe' : 'lock');
      item.contextValue = 'apiExposureAudience';
      return item;
    }
    const { operation, document } = node;
    const item = new vscode.TreeItem(`${operation.method.toUpperCase()} ${operation.path}`, vscode.TreeItemCollapsibleState.None);
    const failing = operation.requirements.filter((r) => !r.passed);
    item.description = failing.length ? failing.map((r) => r.rule).join(', ') : 'ready';
    item.iconPath = operationIcon(operation);
    const tooltip = new vscode.MarkdownString(`**${item.label as string}**: ${operation.audience} (${operation.audienceDetail})\n\n`);
    for (const r of operation.requirements)
      tooltip.appendMarkdown(`- ${r.passed ? '✓' : '✗'} \`${r.rule}\`${r.message ? `: ${r.message}` : ''}\n`);
    item.tooltip = tooltip;
    const { start, end } = operation.range;
    item.command = {
      command: 'vscode.open',
      title: 'Open operation',
      arguments: [
        vscode.Uri.parse(document.uri),
        { selection: new vscode.Range(start.line, start.character, end.line, end.character), preview: true },
      ],
    };
    item.contextValue = 'apiExposureOperation';
    return item;
  }

  /** The whole tree as plain data (labels, descriptions, icon ids, commands): for tests and diagnostics. */
  async snapshot(): Promise<ExposureViewItem[]> {
    const walk = async (nodes: Node[]): Promise<ExposureViewItem[]> =>
      Promise.all(
        nodes.map(async (node) => {
          const item = this.getTreeItem(node);
          const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
          return {
            label: String(item.label),
            ...(item.description ? { description: String(item.description) } : {}),
            ...(icon ? { icon } : {}),
            ...(item.command ? { command: { command: item.command.command, arguments: item.command.arguments } } : {}),
            children: await walk(await this.getChildren(node)),
          };
        }),
      );
    return walk(await this.getChildren());
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The workspace's HTML report (the same page as `api-exposure-lint report -f html`) in a webview. */
export async function openExposureReport(client: LanguageClient, context: vscode.ExtensionContext): Promise<vscode.WebviewPanel> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'API Exposure Lint: building the exposure report…' },
    () => client.sendRequest<ExposureInventoryResult>(EXPOSURE_INVENTORY_REQUEST, { html: true } satisfies ExposureInventoryParams),
  );
  // Scripts only sort and filter the table; the page's own Content-Security-Policy forbids every request,
  // and the webview may load nothing from disk.
  const panel = vscode.window.createWebviewPanel('apiExposureLint.report', 'API Exposure Report', vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [],
  });
  panel.webview.html = result.html ?? '<!doctype html><p>No report: the server did not answer.</p>';
  context.subscriptions.push(panel);
  return panel;
}
