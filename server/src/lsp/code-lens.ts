// A CodeLens above each operation: "external-public · from info.x-audience · OAuth ✓ rate limit ✗ samples ✗"
// (plus any other requirement it fails, e.g. "external-https ✗").
// Resolved at once (no resolve round-trip): the data is already in the cached lint result. A result for an
// older version of the text is mapped to the current one; a lens whose operation key was edited is left out
// until the re-lint.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { findingsOfFile } from './document-linter';
import { requirementStatus, type RequirementStatus } from './operations';
import { lintedView } from './linted-positions';

/**
 * The lens stays one short line: requirements whose rule module has a `summary` (OAuth, rate limit, samples,
 * scopes) are always listed, met or not; the others (by code) only when the operation fails them.
 */
function lensRequirements(requirements: RequirementStatus[]): string[] {
  return requirements
    .filter((r) => r.summary || r.problems.length > 0)
    .map((r) => `${r.summary ?? r.code} ${r.problems.length === 0 ? '✓' : '✗'}`);
}

export function provideCodeLenses(context: ServerContext, params: CodeLensParams): CodeLens[] {
  const lint = context.results.get(params.textDocument.uri);
  const document = context.documents.get(params.textDocument.uri);
  if (!lint || !document || !lint.result.isOpenApi) return [];
  const view = lintedView(lint, document);
  const findings = findingsOfFile(lint.result, lint.options.filePath);
  const lenses: CodeLens[] = [];
  for (const operation of lint.result.operations) {
    const start = view.toCurrent(operation.range.start);
    if (!start) continue;
    const requirements = lensRequirements(requirementStatus(operation, findings));
    const title = [
      operation.resolved.audience,
      `from ${operation.resolved.detail}`,
      ...(requirements.length ? [requirements.join(' ')] : []),
    ].join(' · ');
    // An empty command id renders the title as a plain label.
    const line = start.line;
    lenses.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, command: '' } });
  }
  return lenses;
}
