// Rule functions known to be pure (their findings depend only on their input, options and a few
// document-wide facts) get a result cache when a ruleset loads. They are recognised by identity, never by
// name: a custom function called `oasExample` is not ours to trust, and is simply run every time.
import { oas } from '@stoplight/spectral-rulesets';
import type { Ruleset } from '@stoplight/spectral-core';
import { memoizeExampleValidation } from '../memo/example-validation-cache';

type AnyFunction = (...args: never[]) => unknown;
const MEMOIZED = Symbol('api-exposure-lint/memoized');

function thenFunctions(rule: unknown): AnyFunction[] {
  const then = (rule as { then?: unknown }).then;
  const list = Array.isArray(then) ? then : [then];
  return list.map((t) => (t as { function?: AnyFunction } | undefined)?.function).filter((f): f is AnyFunction => typeof f === 'function');
}

/** Spectral's `oasExample`, taken from the bundled spectral:oas ruleset definition itself. */
const EXAMPLE_FUNCTIONS = new Set<unknown>(
  ['oas2-valid-schema-example', 'oas2-valid-media-example', 'oas3-valid-schema-example', 'oas3-valid-media-example'].flatMap((name) =>
    thenFunctions((oas as { rules: Record<string, unknown> }).rules[name] ?? {}),
  ),
);

/** Replaces each known pure function of the ruleset's rules by its memoized version (once per rule). */
export function memoizePureFunctions(ruleset: Ruleset): void {
  for (const rule of Object.values(ruleset.rules)) {
    for (const then of rule.then as { function: AnyFunction & { [MEMOIZED]?: true } }[]) {
      const original = then.function;
      if (typeof original !== 'function' || original[MEMOIZED] || !EXAMPLE_FUNCTIONS.has(original)) continue;
      const memoized = memoizeExampleValidation(original as never) as unknown as AnyFunction & { [MEMOIZED]?: true };
      memoized[MEMOIZED] = true;
      then.function = memoized;
    }
  }
}
