// Scaffolding shared by the document-level rule modules (rules/): results keyed by location, and a
// guard so an odd document (or a bug in one rule) never aborts the whole Spectral run.
import type { IFunctionResult, RulesetFunction, RulesetFunctionContext } from '@stoplight/spectral-core';
import { exposureConfigOf, operationsWithAudience, type AudiencedOperation } from './per-operation';
import { noteConcerns, type ExposureConfig, type JsonPath, type OperationEntry } from '../../../server/src/engine/rules-api';

export interface RuleInput {
  document: unknown;
  context: RulesetFunctionContext;
  config: ExposureConfig;
  operations: AudiencedOperation[];
}

/** A result, and the operations it concerns when it is written outside them (a server, a scheme, a schema). */
export interface DocumentResult extends IFunctionResult {
  path: JsonPath;
  concerns?: readonly OperationEntry[];
}

/**
 * A document-level rule: gets every operation with its audience once, returns results anywhere in the document.
 * The operations each result concerns are recorded for hover, CodeLens and the inventory (noteConcerns).
 */
export function documentRule(check: (input: RuleInput) => DocumentResult[]): RulesetFunction<unknown, unknown> {
  return (document, _options, context) => {
    try {
      const results = check({
        document,
        context,
        config: exposureConfigOf(context),
        operations: operationsWithAudience(document, context),
      });
      return results.map(({ path, message, concerns }) => {
        if (concerns?.length) noteConcerns(context, path, concerns);
        return { path, message };
      });
    } catch {
      return []; // an odd document must not crash the lint run
    }
  };
}

/**
 * Adds `value` to the list under `key`, in place. Rules group operations by what they share (a response, a
 * security scheme, a server): on Graph's spec thousands of operations share one, and copying the list on
 * every addition made that quadratic (minutes).
 */
export function addToGroup<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

/** "GET /a, POST /b and 3 more" */
export function operationList(ops: { method: string; path: string }[], max = 2): string {
  const labels = ops.slice(0, max).map((op) => `${op.method.toUpperCase()} ${op.path}`);
  const rest = ops.length - labels.length;
  return rest > 0 ? `${labels.join(', ')} and ${rest} more` : labels.join(' and ');
}

/**
 * Results keyed by location: one result per JSON path (the first message wins); the operations each one
 * concerns accumulate. `mark()` / `pathsSince()` let a walk that visits a shared object once find the results
 * it produced there, to add the operations of a later visit to them (`concern`).
 */
export class ResultSet {
  private readonly byPath = new Map<string, { path: JsonPath; message: string; concerns: Set<OperationEntry> }>();
  private readonly added: JsonPath[] = [];
  add(path: JsonPath, message: string, concerns: readonly OperationEntry[] = []): void {
    const key = JSON.stringify(path);
    if (!this.byPath.has(key)) this.byPath.set(key, { path, message, concerns: new Set() });
    this.added.push(path);
    this.concern(path, concerns);
  }
  /** Adds operations to the result at `path` (if there is one). */
  concern(path: JsonPath, concerns: readonly OperationEntry[]): void {
    const result = this.byPath.get(JSON.stringify(path));
    if (result) for (const op of concerns) result.concerns.add(op);
  }
  mark(): number {
    return this.added.length;
  }
  pathsSince(mark: number): JsonPath[] {
    return this.added.slice(mark);
  }
  get results(): DocumentResult[] {
    return [...this.byPath.values()].map(({ path, message, concerns }) => ({ path, message, concerns: [...concerns] }));
  }
}

/** Spectral reports array indexes as strings (["servers", "0"]); the edit ops need numbers to enter sequences. */
export function withNumericIndexes(path: (string | number)[]): (string | number)[] {
  return path.map((segment) => (typeof segment === 'string' && /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}
