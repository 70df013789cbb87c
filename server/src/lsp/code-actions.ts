// Quick fixes for our diagnostics, a "show documentation" action per rule, and fix-all.
// Fixes are computed from the findings cached for the document's current version, never from
// a diagnostic that may describe older text.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from '../protocol';
import type { Finding } from '../engine/types';
import { isDiagnosticData } from './diagnostics';
import { findingsOfFile } from './document-linter';
import { toLspTextEdits, sameRange } from './positions';
import type { DocumentLint } from './lint-results';
import type { ServerContext } from './context';
import { referencedQuickFixes } from './referenced-fixes';

function kindRequested(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(requested + '.'));
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((segment, i) => String(segment) === String(b[i]));
}

/** The cached finding a diagnostic stands for: same code and JSON path, and the same range if it is current. */
export function findingForDiagnostic(lint: DocumentLint, diagnostic: Diagnostic): Finding | undefined {
  const candidates = findingsOfFile(lint.result, lint.options.filePath).filter((f) => f.code === diagnostic.code);
  const data = isDiagnosticData(diagnostic.data) ? diagnostic.data : undefined;
  const byPath = data ? candidates.filter((f) => samePath(f.path, data.path)) : candidates;
  const current = !data || data.version === lint.version;
  return byPath.find((f) => sameRange(f.range, diagnostic.range)) ?? (current && data ? undefined : byPath[0]);
}

export async function provideCodeActions(context: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const document = context.documents.get(params.textDocument.uri);
  if (!document) return [];
  const only = params.context.only;
  const fixAllRequested = !!only && kindRequested(only, FIX_ALL_KIND);
  let lint = context.results.getForVersion(document.uri, document.version);
  if (!lint && fixAllRequested) {
    // Fix-all on save usually arrives before the debounced lint of the last keystrokes: lint now and wait.
    context.lintNow(document.uri);
    const settings = await context.settings.get(document.uri);
    lint = await context.results.whenVersion(document.uri, document.version, settings.lintTimeoutMs);
  }
  const actions: CodeAction[] = [];

  if (kindRequested(only, CodeActionKind.QuickFix)) {
    const documented = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      if (lint) actions.push(...(await quickFixes(context, document, lint, diagnostic)));
      // Findings that roots report in this file ($ref'd fragment).
      actions.push(...(await referencedQuickFixes(context, document.uri, diagnostic)));
      const href = diagnostic.codeDescription?.href;
      if (href && !documented.has(diagnostic.code)) {
        documented.add(diagnostic.code);
        const title = `Show documentation for ${diagnostic.code}`;
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: COMMANDS.showRuleDocumentation, arguments: [href] } });
      }
    }
  }

  if (lint && fixAllRequested) {
    const edits = await context.fixes.getFixAllEdits(lint.text, findingsOfFile(lint.result, lint.options.filePath), { format: lint.result.format });
    if (edits.length > 0) {
      actions.push({
        title: 'Fix all safe API exposure problems',
        kind: FIX_ALL_KIND,
        edit: { changes: { [document.uri]: toLspTextEdits(document, edits) } },
      });
    }
  }
  return actions;
}

/** What a lazily listed quick fix carries until codeAction/resolve computes its edit. */
interface LazyFixData {
  uri: string;
  version: number;
  fixId: string;
  diagnostic: Diagnostic;
}

async function quickFixes(context: ServerContext, document: TextDocument, lint: DocumentLint, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const finding = findingForDiagnostic(lint, diagnostic);
  if (!finding) return [];
  const { listFixes } = context.fixes;
  if (listFixes && lint.text.length >= context.lazyFixThreshold) {
    return (await listFixes(lint.text, finding, { format: lint.result.format })).map((fix) => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.isPreferred === true,
      data: { uri: document.uri, version: lint.version, fixId: fix.id, diagnostic } satisfies LazyFixData,
    }));
  }
  return (await context.fixes.getFixes(lint.text, finding, { format: lint.result.format })).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.isPreferred === true,
    edit: { changes: { [document.uri]: toLspTextEdits(document, fix.edits) } },
  }));
}

/** Computes the edit of a lazily listed quick fix, if the document is still at the version it was listed for. */
export async function resolveCodeAction(context: ServerContext, action: CodeAction): Promise<CodeAction> {
  const data = action.data as Partial<LazyFixData> | undefined;
  if (!data?.uri || typeof data.version !== 'number' || !data.fixId || !data.diagnostic || !context.fixes.resolveFix) return action;
  const document = context.documents.get(data.uri);
  const lint = context.results.getForVersion(data.uri, data.version);
  if (!document || !lint || document.version !== data.version) return action;
  const finding = findingForDiagnostic(lint, data.diagnostic);
  const fix = finding && (await context.fixes.resolveFix(lint.text, finding, data.fixId, { format: lint.result.format }));
  // The user may have typed while the edit was computed: an edit for an older version would corrupt the text.
  if (fix && document.version === data.version) action.edit = { changes: { [data.uri]: toLspTextEdits(document, fix.edits) } };
  return action;
}
