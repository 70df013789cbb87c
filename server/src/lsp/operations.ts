// Operation-level views of a lint result: which operation the cursor is in, and which built-in
// requirements apply to it (rules whose module says they apply to its kind of operation, or to the whole
// document) and whether they are met.
import { installedRules } from '../engine/rules/installed';
import { isAboutOperation } from '../engine/operation-findings';
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
      problems: findings.filter((f) => f.code === rule.code && isAboutOperation(f, operation)).map((f) => f.message),
    }));
}
