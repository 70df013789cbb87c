// Operation-level views of a lint result: which operation the cursor is in, and which built-in
// requirements apply to it (rules whose module says they apply to its kind of operation, or to the whole
// document) and whether they are met.
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
  /** Short name for the CodeLens (the rule module's `summary`), when the rule has one. */
  summary?: string;
  /** Messages of the findings that break it; empty = met. */
  problems: string[];
}

function isUnder(path: (string | number)[], prefix: (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

/**
 * Whether a finding is about the operation: written under it (or within its range), or written elsewhere (a
 * server, a security scheme, a shared schema, `info`) and concerning it, as its rule recorded.
 */
function concerns(finding: Finding, operation: OperationAudience): boolean {
  if (isUnder(finding.path, operation.jsonPath) || rangeContains(operation.range, finding.range.start)) return true;
  return (finding.concerns ?? []).some((op) => op.path === operation.path && op.method === operation.method.toLowerCase());
}

/**
 * The built-in rules that apply to the operation: those about its kind of audience (external / internal) and
 * those about the whole document, whatever their code (the module's `appliesTo` says), with their status.
 */
export function requirementStatus(operation: OperationAudience, findings: Finding[]): RequirementStatus[] {
  return installedRules()
    .filter((rule) => rule.appliesTo === operation.resolved.kind || rule.appliesTo === 'document')
    .map((rule) => ({
      code: rule.code,
      description: rule.description,
      documentationUrl: rule.documentationUrl,
      ...(rule.summary ? { summary: rule.summary } : {}),
      problems: findings.filter((f) => f.code === rule.code && concerns(f, operation)).map((f) => f.message),
    }));
}
