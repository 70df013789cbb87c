// Quick fixes for our diagnostics, a "show documentation" action per rule, and fix-all.
// Fixes are computed from the findings cached for the document's current version, never from
// a diagnostic that may describe older text. The user's text is never lost to a stale edit:
// - an edit is only returned if the document is still at the version the fix was computed for (fixes of
//   large documents take a worker round trip, during which the user may type);
// - where the client supports it, the edit is a versioned TextDocumentEdit, so the client itself refuses
//   it if the document changed between our answer and the moment it is applied.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from '../protocol';
import type { Finding, TextEdit } from '../engine/types';
import { isDiagnosticData } from './diagnostics';
import { findingsOfFile } from './document-linter';
import { toLspTextEdits, sameRange } from './positions';
import type { DocumentLint } from './lint-results';
import type { ServerContext } from './context';
import { referencedQuickFixes } from './referenced-fixes';

/** Still at the version the fix was computed for? Otherwise its offsets point into text that is gone. */
function isCurrent(context: ServerContext, uri: string, version: number): TextDocument | undefined {
  const document = context.documents.get(uri);
  return document && document.version === version ? document : undefined;
}

/**
 * The edit of a fix computed for `version`, or undefined when the document has moved on (the fix is refused).
 * Versioned (documentChanges) when the client supports it, so the client refuses it too if it is late.
 */
export function fixEdit(context: ServerContext, uri: string, version: number, edits: TextEdit[]): WorkspaceEdit | undefined {
  const document = isCurrent(context, uri, version);
  if (!document) return undefined;
  const lspEdits = toLspTextEdits(document, edits);
  return context.versionedEdits ? { documentChanges: [{ textDocument: { uri, version }, edits: lspEdits }] } : { changes: { [uri]: lspEdits } };
}

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
    const edit = edits.length > 0 ? fixEdit(context, document.uri, lint.version, edits) : undefined;
    if (edit) actions.push({ title: 'Fix all safe API exposure problems', kind: FIX_ALL_KIND, edit });
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
  const fixes = await context.fixes.getFixes(lint.text, finding, { format: lint.result.format });
  const actions: CodeAction[] = [];
  for (const fix of fixes) {
    const edit = fixEdit(context, document.uri, lint.version, fix.edits);
    if (!edit) return []; // the user typed meanwhile: offer nothing rather than edits for text that is gone
    actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred === true, edit });
  }
  return actions;
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
  const edit = fix ? fixEdit(context, data.uri, data.version, fix.edits) : undefined;
  if (edit) action.edit = edit;
  return action;
}
