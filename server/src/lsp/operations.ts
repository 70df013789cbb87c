// Operation-level views of a lint result: which operation the cursor is in, and which built-in
// requirements its audience implies (rules whose module says they apply to that kind of operation)
// and whether they are met.
import { installedRules } from '../engine';
import type { Finding, OperationAudience, Position } from '../engine/types';
import { rangeContains } from './positions';

/** The innermost operation whose range contains the position. */
export function operationAt(operations: OperationAudience[], position: Position): OperationAudience | undefined {
  let best: OperationAudience | undefined;
  for (const operation of operations) {
    if (!rangeContains(operation.range, position)) continue;
    if (!best || operation.range.start.line >= best.range.start.line) best = operation;
  }
  return best;
}

export interface RequirementStatus {
  code: string;
  description: string;
  documentationUrl: string;
  /** Messages of the findings that break it; empty = met. */
  problems: string[];
}

function isUnder(path: (string | number)[], prefix: (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

/** The built-in rules that apply to the operation's kind of audience (external / internal), with their status. */
export function requirementStatus(operation: OperationAudience, findings: Finding[]): RequirementStatus[] {
  return installedRules()
    .filter((rule) => rule.appliesTo === operation.resolved.kind)
    .map((rule) => ({
      code: rule.code,
      description: rule.description,
      documentationUrl: rule.documentationUrl,
      problems: findings
        .filter((f) => f.code === rule.code && (isUnder(f.path, operation.jsonPath) || rangeContains(operation.range, f.range.start)))
        .map((f) => f.message),
    }));
}
