// Scaffolding shared by the document-level rule modules (rules/): results keyed by location, and a
// guard so an odd document (or a bug in one rule) never aborts the whole Spectral run.
import type { IFunctionResult, RulesetFunction, RulesetFunctionContext } from '@stoplight/spectral-core';
import { exposureConfigOf, operationsWithAudience, type AudiencedOperation } from './per-operation';
import type { ExposureConfig } from '../../../server/src/engine/rules-api';

export interface RuleInput {
  document: unknown;
  context: RulesetFunctionContext;
  config: ExposureConfig;
  operations: AudiencedOperation[];
}

/** A document-level rule: gets every operation with its audience once, returns results anywhere in the document. */
export function documentRule(check: (input: RuleInput) => IFunctionResult[]): RulesetFunction<unknown, unknown> {
  return (document, _options, context) => {
    try {
      return check({ document, context, config: exposureConfigOf(context), operations: operationsWithAudience(document, context) });
    } catch {
      return []; // an odd document must not crash the lint run
    }
  };
}

/** "GET /a, POST /b and 3 more" */
export function operationList(ops: { method: string; path: string }[], max = 2): string {
  const labels = ops.slice(0, max).map((op) => `${op.method.toUpperCase()} ${op.path}`);
  const rest = ops.length - labels.length;
  return rest > 0 ? `${labels.join(', ')} and ${rest} more` : labels.join(' and ');
}

/** Results keyed by location: one result per JSON path (the first message wins). */
export class ResultSet {
  private readonly byPath = new Map<string, IFunctionResult>();
  add(path: (string | number)[], message: string): void {
    const key = JSON.stringify(path);
    if (!this.byPath.has(key)) this.byPath.set(key, { path, message });
  }
  get results(): IFunctionResult[] {
    return [...this.byPath.values()];
  }
}

/** Spectral reports array indexes as strings (["servers", "0"]); the edit ops need numbers to enter sequences. */
export function withNumericIndexes(path: (string | number)[]): (string | number)[] {
  return path.map((segment) => (typeof segment === 'string' && /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}
