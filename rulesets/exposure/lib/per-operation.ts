// Shared scaffolding for the per-operation exposure rules: take every operation with the audience the
// linter resolved for it (read from the lint's exposure context, not resolved again), keep those of one
// kind (external / internal), and turn each problem into one result located at the operation.
import type { IFunctionResult, RulesetFunction, RulesetFunctionContext } from '@stoplight/spectral-core';
import { exposureContextOf, getOperationAudience, listOperations, operationLabel } from '../../../server/src/engine/rules-api';
import type { AudienceKind, ExposureConfig, OperationEntry, ResolvedAudience } from '../../../server/src/engine/rules-api';

export interface AudiencedOperation extends OperationEntry {
  resolved: ResolvedAudience;
}

/** The linter's audience config plus the file path to match globs against. */
export function exposureConfigOf(context: RulesetFunctionContext): ExposureConfig {
  const config = exposureContextOf(context.document).config;
  const source = context.document.source;
  return config.filePath || !source ? config : { ...config, filePath: source };
}

// Every rule of the pack asks for the operations of the same resolved document in one lint: listed once per
// (document, Spectral Document whose exposure context holds the audiences). Rules only read the list.
const listedOperations = new WeakMap<object, { holder: object; operations: AudiencedOperation[] }>();

/** Every operation of `document` (the rule's resolved input) with its audience. */
export function operationsWithAudience(document: unknown, context: RulesetFunctionContext): AudiencedOperation[] {
  const memoizable = typeof document === 'object' && document !== null;
  const known = memoizable ? listedOperations.get(document) : undefined;
  if (known && known.holder === context.document) return known.operations;
  const out: AudiencedOperation[] = [];
  for (const op of listOperations(document)) {
    const resolved = getOperationAudience(context, op.jsonPath);
    if (resolved) out.push({ ...op, resolved });
  }
  if (memoizable) listedOperations.set(document, { holder: context.document, operations: out });
  return out;
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
