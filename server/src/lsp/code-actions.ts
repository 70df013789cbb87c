// Quick fixes for our diagnostics, a "show documentation" action per rule, and fix-all.
// A quick fix is computed from what its diagnostic carries (code, JSON path, and the document version it was
// computed for; see diagnostics.ts), on the document's text at that version; fix-all from the lint cached for
// the document's current version. Never from a diagnostic that describes older text. The user's text is never
// lost to a stale edit:
// - an edit is only returned if the document is still at the version the fix was computed for (fixes of
//   large documents take a worker round trip, during which the user may type);
// - where the client supports it, the edit is a versioned TextDocumentEdit, so the client itself refuses
//   it if the document changed between our answer and the moment it is applied.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from '../protocol';
import type { Finding, TextEdit } from '../engine/types';
import { detectFormat, looksLikeOpenApi } from '../engine/document-kind';
import { findingOfDiagnostic } from './diagnostics';
import { findingsOfFile } from './document-linter';
import { documentPath } from './lint-request';
import { toLspTextEdits, sameRange } from './positions';
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
  return context.versionedEdits
    ? { documentChanges: [{ textDocument: { uri, version }, edits: lspEdits }] }
    : { changes: { [uri]: lspEdits } };
}

function kindRequested(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(requested + '.'));
}

/** What a quick fix is computed from: a finding of the document, and the text and version it was found in. */
interface FixSubject {
  finding: Finding;
  text: string;
  version: number;
  format: ReturnType<typeof detectFormat>;
}

/**
 * The finding a diagnostic of this document stands for, from what the diagnostic carries, if the document is
 * still at the version it was computed for (else the fix would edit text that is gone). A document that is not
 * OpenAPI (a fragment) has no findings of its own: its diagnostics are roots' (see referenced-fixes.ts).
 */
function fixSubject(context: ServerContext, document: TextDocument, diagnostic: Diagnostic): FixSubject | undefined {
  const carried = findingOfDiagnostic(diagnostic);
  if (carried) {
    if (carried.version !== document.version) return undefined;
    const text = document.getText();
    if (!looksLikeOpenApi(text)) return undefined;
    const format = detectFormat(documentPath(document.uri, document.languageId, context.folders), text);
    return { finding: carried.finding, text, version: document.version, format };
  }
  // A client that does not send `data` back: the lint of this very version, matched by code and range.
  const lint = context.results.getForVersion(document.uri, document.version);
  if (!lint || typeof diagnostic.code !== 'string') return undefined;
  const candidates = findingsOfFile(lint.result, lint.options.filePath).filter((f) => f.code === diagnostic.code);
  const finding = candidates.find((f) => sameRange(f.range, diagnostic.range)) ?? candidates[0];
  return finding && { finding, text: lint.text, version: lint.version, format: lint.result.format };
}

export async function provideCodeActions(context: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const document = context.documents.get(params.textDocument.uri);
  if (!document) return [];
  const only = params.context.only;
  const fixAllRequested = !!only && kindRequested(only, FIX_ALL_KIND);
  const actions: CodeAction[] = [];

  if (kindRequested(only, CodeActionKind.QuickFix)) {
    const documented = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      actions.push(...(await quickFixes(context, document, diagnostic)));
      // Findings that roots report in this file ($ref'd fragment).
      actions.push(...(await referencedQuickFixes(context, document.uri, diagnostic)));
      const href = diagnostic.codeDescription?.href;
      if (href && !documented.has(diagnostic.code)) {
        documented.add(diagnostic.code);
        const title = `Show documentation for ${diagnostic.code}`;
        actions.push({
          title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title, command: COMMANDS.showRuleDocumentation, arguments: [href] },
        });
      }
    }
  }

  // Fix-all needs every finding of the document: the lint of its current version.
  let lint = fixAllRequested ? context.results.getForVersion(document.uri, document.version) : undefined;
  if (!lint && fixAllRequested) {
    // Fix-all on save usually arrives before the debounced lint of the last keystrokes: lint now and wait.
    context.lintNow(document.uri);
    const settings = await context.settings.get(document.uri);
    lint = await context.results.whenVersion(document.uri, document.version, settings.lintTimeoutMs);
  }
  if (lint && fixAllRequested) {
    const edits = await context.fixes.getFixAllEdits(lint.text, findingsOfFile(lint.result, lint.options.filePath), {
      format: lint.result.format,
    });
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

async function quickFixes(context: ServerContext, document: TextDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const subject = fixSubject(context, document, diagnostic);
  if (!subject) return [];
  const { finding, text, version, format } = subject;
  const { listFixes } = context.fixes;
  if (listFixes && text.length >= context.lazyFixThreshold) {
    return (await listFixes(text, finding, { format })).map((fix) => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.isPreferred === true,
      data: { uri: document.uri, version, fixId: fix.id, diagnostic } satisfies LazyFixData,
    }));
  }
  const fixes = await context.fixes.getFixes(text, finding, { format });
  const actions: CodeAction[] = [];
  for (const fix of fixes) {
    const edit = fixEdit(context, document.uri, version, fix.edits);
    if (!edit) return []; // the user typed meanwhile: offer nothing rather than edits for text that is gone
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.isPreferred === true,
      edit,
    });
  }
  return actions;
}

/** Computes the edit of a lazily listed quick fix, if the document is still at the version it was listed for. */
export async function resolveCodeAction(context: ServerContext, action: CodeAction): Promise<CodeAction> {
  const data = action.data as Partial<LazyFixData> | undefined;
  if (!data?.uri || typeof data.version !== 'number' || !data.fixId || !data.diagnostic || !context.fixes.resolveFix) return action;
  const document = context.documents.get(data.uri);
  if (!document || document.version !== data.version) return action;
  const subject = fixSubject(context, document, data.diagnostic);
  if (!subject || subject.version !== data.version) return action;
  const fix = await context.fixes.resolveFix(subject.text, subject.finding, data.fixId, { format: subject.format });
  // The user may have typed while the edit was computed: an edit for an older version would corrupt the text.
  const edit = fix ? fixEdit(context, data.uri, data.version, fix.edits) : undefined;
  if (edit) action.edit = edit;
  return action;
}
