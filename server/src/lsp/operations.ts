// Operation-level views of a lint result: which operation the cursor is in, and which exposure
// requirements its audience implies and whether they are met.
import { EXPOSURE_RULES_META, type ExposureRuleCode } from '../engine';
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
  code: ExposureRuleCode;
  description: string;
  documentationUrl: string;
  /** Messages of the findings that break it; empty = met. */
  problems: string[];
}

function isUnder(path: (string | number)[], prefix: (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

/** Rules named `external-*` apply to external operations, `internal-*` to internal ones. */
export function requirementStatus(operation: OperationAudience, findings: Finding[]): RequirementStatus[] {
  const prefix = `${operation.resolved.kind}-`;
  return Object.values(EXPOSURE_RULES_META)
    .filter((rule) => rule.code.startsWith(prefix))
    .map((rule) => ({
      code: rule.code,
      description: rule.description,
      documentationUrl: rule.documentationUrl,
      problems: findings
        .filter((f) => f.code === rule.code && (isUnder(f.path, operation.jsonPath) || rangeContains(operation.range, f.range.start)))
        .map((f) => f.message),
    }));
}
