// Which findings are about an operation: one answer for the editor (hover, CodeLens, explorer) and the
// headless report's readiness scores, so the two never disagree on whether an operation meets a requirement.
import type { Finding, JsonPath, OperationAudience, Range } from './types';

/** True when `path` is `prefix` or below it (segments compared as strings: `200` and '200' are the same key). */
export function isUnderPath(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

export function rangeContains(range: Range, position: { line: number; character: number }): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/**
 * Whether a finding is about the operation: written under it (or within its range) in the operation's own
 * document, or written elsewhere (a server, a security scheme, a shared schema, `info`, another file) and
 * concerning it, as its rule recorded in `Finding.concerns`. `inOperationDocument` is false for a finding
 * of another file, whose path and range say nothing about this operation.
 */
export function isAboutOperation(finding: Finding, operation: OperationAudience, inOperationDocument = true): boolean {
  if (inOperationDocument && (isUnderPath(finding.path, operation.jsonPath) || rangeContains(operation.range, finding.range.start)))
    return true;
  const method = operation.method.toLowerCase();
  return (finding.concerns ?? []).some((op) => op.path === operation.path && op.method === method);
}
