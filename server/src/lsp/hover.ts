// Hover on an operation: its effective audience, where that came from, and the exposure
// requirements it implies with their status (from the latest lint, even while a new one runs).
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { findingsOfFile } from './document-linter';
import { operationAt, requirementStatus } from './operations';
import { toLspRange } from './positions';
import { lintedView, rangeToCurrent } from './linted-positions';
import type { ServerContext } from './context';

export function provideHover(context: ServerContext, params: HoverParams): Hover | null {
  const lint = context.results.get(params.textDocument.uri);
  const document = context.documents.get(params.textDocument.uri);
  if (!lint || !document || !lint.result.isOpenApi) return null;
  // The lint may be of an older version: look up and answer in its positions, mapped to the current text.
  const view = lintedView(lint, document);
  const position = view.toLinted(params.position);
  const operation = position && operationAt(lint.result.operations, position);
  if (!operation) return null;
  const range = rangeToCurrent(view, operation.range);
  const { audience, kind, detail } = operation.resolved;
  const lines = [
    `**${operation.method.toUpperCase()} ${operation.path}** · audience \`${audience}\` (${kind})`,
    '',
    `Audience from: ${detail}`,
  ];
  const requirements = requirementStatus(operation, findingsOfFile(lint.result, lint.options.filePath));
  if (requirements.length > 0) {
    lines.push('', `Requirements for ${kind} operations:`, '');
    for (const requirement of requirements) {
      const mark = requirement.problems.length === 0 ? '✓' : '✗';
      const problem = requirement.problems.length > 0 ? ` — ${requirement.problems[0]}` : '';
      lines.push(`- ${mark} [\`${requirement.code}\`](${requirement.documentationUrl})${problem}`);
    }
  }
  const contents = { kind: MarkupKind.Markdown, value: lines.join('\n') };
  return range ? { contents, range: toLspRange(range) } : { contents };
}
