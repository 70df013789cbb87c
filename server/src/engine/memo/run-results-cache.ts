// Spectral calls a rule's function once per place its `given` matches in the inlined tree, and a `$ref` target
// is met once per place that refers to it: on Stripe's spec 886,810 calls for 18,439 distinct inputs (`pattern`
// on every description met through every $ref, `oasSchema` and `typedEnum` on every enum). For the functions known
// to be pure (pure-functions.ts), one run keeps each call's findings and gives them again for the same input.
//
// Why the stored findings are the ones the function would return:
// - the key holds everything these functions read: the input (by identity for objects: within a run the tree is
//   not modified, and a $ref target is one object wherever it is met; by value for strings, numbers and the rest),
//   the options and the rule (fixed per wrapped function, checked anyway), the run (Spectral's `documentInventory`,
//   which also fixes the document, its formats and the ajv instances `schema` keeps per run) and the last segment of
//   the path, the only part of it a message uses (`schema`'s better-ajv-errors names the property it validates);
// - findings are stored relative to the call's path and given at the new one (relative-results.ts); a finding
//   whose path does not start with the call's, a promise or any other shape is not stored.
import { materialize, relativeTo, type PathSegment, type RelativeResults } from './relative-results';

type RuleFunction = (input: unknown, options: unknown, context: RunContext) => unknown;

interface RunContext {
  path: PathSegment[];
  documentInventory?: object;
  rule?: object | null;
}

/** The findings per input for one last path segment. */
interface Slot {
  objects: WeakMap<object, RelativeResults>;
  values: Map<unknown, RelativeResults>;
}

const stats = { calls: 0, hits: 0 };

/** Counters for tests and the benchmark: how many calls were answered from a run's cache. */
export function runCacheStats(): Readonly<typeof stats> {
  return { ...stats };
}

const NO_SEGMENT = Symbol('no path segment');

/** Wraps a pure rule function with a cache that lives as long as the run (a WeakMap keyed by its inventory). */
export function memoizeWithinRun(original: RuleFunction, options: unknown, rule: object | null | undefined): RuleFunction {
  const runs = new WeakMap<object, Map<PathSegment | symbol, Slot>>();
  const memoized: RuleFunction = function (input, callOptions, context) {
    const run = context?.documentInventory;
    const path = context?.path;
    if (
      callOptions !== options ||
      (context.rule ?? undefined) !== (rule ?? undefined) ||
      typeof run !== 'object' ||
      run === null ||
      !Array.isArray(path)
    ) {
      return original(input, callOptions, context);
    }
    stats.calls++;
    let slots = runs.get(run);
    if (!slots) runs.set(run, (slots = new Map()));
    const segment = path.length === 0 ? NO_SEGMENT : path[path.length - 1];
    let slot = slots.get(segment);
    if (!slot) slots.set(segment, (slot = { objects: new WeakMap(), values: new Map() }));
    const isObject = typeof input === 'object' && input !== null;
    if (Object.is(input, -0)) return original(input, callOptions, context); // a Map key would not tell it from 0
    const known = isObject ? slot.objects.get(input) : slot.values.get(input);
    if (known !== undefined) {
      stats.hits++;
      return materialize(known, path);
    }
    const computed = original(input, callOptions, context);
    const relative = relativeTo(computed, path);
    if (relative === undefined) return computed;
    if (isObject) slot.objects.set(input, relative);
    else slot.values.set(input, relative);
    return materialize(relative, path);
  };
  Object.defineProperty(memoized, 'name', { value: (original as { name?: string }).name });
  return memoized;
}
