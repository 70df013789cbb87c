// A CodeLens above each operation: "external-public · from info.x-audience". Resolved at once
// (no resolve round-trip): the data is already in the cached lint result.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { ServerContext } from './context';

export function provideCodeLenses(context: ServerContext, params: CodeLensParams): CodeLens[] {
  const lint = context.results.get(params.textDocument.uri);
  if (!lint || !lint.result.isOpenApi) return [];
  return lint.result.operations.map((operation) => {
    const line = operation.range.start.line;
    const title = `${operation.resolved.audience} · from ${operation.resolved.detail}`;
    // An empty command id renders the title as a plain label.
    return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, command: '' } };
  });
}
