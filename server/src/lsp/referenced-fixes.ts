// Quick fixes for findings that roots report in a $ref'd file: computed by the engine on the root's data
// with the file mounted where the root uses it, and returned as one WorkspaceEdit over every file they touch
// (the operation's keys in this file, a security scheme or shared response in the root's components).
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getReferencedFixes } from '../engine/fixes';
import type { Finding } from '../engine/types';
import { isDiagnosticData, samePath } from './diagnostics';
import { sameRange, toLspTextEdits } from './positions';
import { pathToUri, uriToPath } from './workspace';
import type { ServerContext } from './context';
import type { RootLint } from './referenced-findings';

/** The root findings a diagnostic of this file stands for (one per root when identical ones were merged). */
export function referencedFindingsFor(context: ServerContext, uri: string, diagnostic: Diagnostic): { root: RootLint; finding: Finding }[] {
  const data = isDiagnosticData(diagnostic.data) ? diagnostic.data : undefined;
  return context.crossFile.findings
    .findingsFor(uri, context.documents.get(uri) ? uri : undefined)
    .filter(
      ({ finding }) =>
        finding.code === diagnostic.code && sameRange(finding.range, diagnostic.range) && (!data || samePath(finding.path, data.path)),
    );
}

async function textOf(context: ServerContext, file: string): Promise<{ document: TextDocument; text: string }> {
  const uri = pathToUri(file);
  const open = context.documents.get(uri);
  if (open) return { document: open, text: open.getText() };
  const text = await fs.readFile(file, 'utf8');
  return { document: TextDocument.create(uri, /\.json$/i.test(file) ? 'json' : 'yaml', 0, text), text };
}

export async function referencedQuickFixes(context: ServerContext, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const fragmentFile = uriToPath(uri);
  const fragmentDocument = context.documents.get(uri);
  if (!fragmentFile || !fragmentDocument) return [];
  const matches = referencedFindingsFor(context, uri, diagnostic);
  const actions: CodeAction[] = [];
  const titles = new Set<string>();
  for (const { root, finding } of matches) {
    const rootText = await textOf(context, root.rootFile);
    const fixes = getReferencedFixes(
      { file: root.rootFile, text: rootText.text },
      { file: fragmentFile, text: fragmentDocument.getText() },
      finding,
    );
    for (const fix of fixes) {
      const changes: Record<string, LspTextEdit[]> = {};
      for (const [file, edits] of Object.entries(fix.edits)) {
        const target =
          file === fragmentFile ? { document: fragmentDocument } : file === root.rootFile ? rootText : await textOf(context, file);
        changes[pathToUri(file)] = toLspTextEdits(target.document, edits);
      }
      const touchesRoot = Object.keys(fix.edits).includes(root.rootFile);
      const title = matches.length > 1 || touchesRoot ? `${fix.title} (${path.basename(root.rootFile)})` : fix.title;
      if (titles.has(title)) continue;
      titles.add(title);
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred === true && actions.every((a) => !a.isPreferred),
        edit: { changes },
      });
    }
  }
  return actions;
}
