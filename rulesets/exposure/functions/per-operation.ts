// Shared scaffolding for the per-operation exposure rules: resolve every operation's audience
// with the configuration the linter attached to the document, keep those of one kind
// (external / internal), and turn each problem into one result located at the operation.
import type { IFunctionResult, RulesetFunction, RulesetFunctionContext } from '@stoplight/spectral-core';
import { resolveOperationAudiences } from '../../../server/src/engine/audience';
import { getExposureConfig } from '../../../server/src/engine/exposure-context';
import type { ExposureConfig } from '../../../server/src/engine/exposure-context';
import { listOperations, operationLabel } from '../../../server/src/engine/openapi';
import type { OperationEntry } from '../../../server/src/engine/openapi';
import type { AudienceKind, ResolvedAudience } from '../../../server/src/engine/types';

export interface AudiencedOperation extends OperationEntry {
  resolved: ResolvedAudience;
}

/** The linter's audience config plus the file path to match globs against. */
export function exposureConfigOf(context: RulesetFunctionContext): ExposureConfig {
  const config = getExposureConfig(context.document);
  const source = context.document.source;
  return config.filePath || !source ? config : { ...config, filePath: source };
}

export function operationsWithAudience(document: unknown, context: RulesetFunctionContext): AudiencedOperation[] {
  const config = exposureConfigOf(context);
  const audiences = resolveOperationAudiences(document, config, config.filePath);
  return listOperations(document).map((op, i) => ({ ...op, resolved: audiences[i].resolved }));
}

/**
 * Problem text for one operation, completing "<METHOD> <path> is <audience> (<why>) but …",
 * or undefined when the operation passes.
 */
export type OperationCheck = (document: unknown, op: AudiencedOperation) => string | undefined;

export function perOperationRule(kind: AudienceKind, check: OperationCheck): RulesetFunction<unknown, unknown> {
  return (document, _options, context) => {
    const results: IFunctionResult[] = [];
    let operations: AudiencedOperation[];
    try {
      operations = operationsWithAudience(document, context);
    } catch {
      return results; // an odd document must not crash the whole lint run
    }
    for (const op of operations) {
      if (op.resolved.kind !== kind) continue;
      try {
        const problem = check(document, op);
        if (problem) {
          results.push({
            message: `${operationLabel(op)} is ${op.resolved.audience} (${op.resolved.detail}) but ${problem}`,
            path: op.jsonPath,
          });
        }
      } catch {
        // skip this operation only: the others still get checked
      }
    }
    return results;
  };
}
