// Rule functions known to be pure (their findings depend only on their input, options and a few
// document-wide facts) get a result cache when a ruleset loads. They are recognised by identity, never by
// name: a custom function called `oasExample` is not ours to trust, and is simply run every time.
import { oas } from '@stoplight/spectral-rulesets';
import * as spectralFunctions from '@stoplight/spectral-functions';
import type { Ruleset } from '@stoplight/spectral-core';
import { memoizeExampleValidation } from '../memo/example-validation-cache';
import { memoizeWithinRun } from '../memo/run-results-cache';
import type { RuleCache, RuleFunction } from './guard-functions';

type AnyFunction = (...args: never[]) => unknown;
const MEMOIZED = Symbol('api-exposure-lint/memoized');

function thenFunctions(rule: unknown): AnyFunction[] {
  const then = (rule as { then?: unknown }).then;
  const list = Array.isArray(then) ? then : [then];
  return list.map((t) => (t as { function?: AnyFunction } | undefined)?.function).filter((f): f is AnyFunction => typeof f === 'function');
}

/** Functions of the bundled spectral:oas ruleset definition itself, by the rules that use them. */
const oasFunctionsOf = (...rules: string[]): unknown[] =>
  rules.flatMap((name) => thenFunctions((oas as { rules: Record<string, unknown> }).rules[name] ?? {}));

/** Spectral's `oasExample`: cached across runs by content (example-validation-cache.ts). */
const EXAMPLE_FUNCTIONS = new Set<unknown>(
  oasFunctionsOf('oas2-valid-schema-example', 'oas2-valid-media-example', 'oas3-valid-schema-example', 'oas3-valid-media-example'),
);

/**
 * Functions that read nothing of their context but the path's last segment, the rule, the run's document (its data
 * and formats) and the run's ajv instances (run-results-cache.ts), checked in their sources
 * (@stoplight/spectral-functions 1.11, -rulesets 1.23): cached within a run. Not `alphabetical` (it reads the
 * key order of the document at the path) nor `unreferencedReusableObject` (the whole document).
 */
const RUN_PURE_FUNCTIONS = new Set<unknown>([
  ...(['casing', 'defined', 'enumeration', 'falsy', 'length', 'or', 'pattern', 'schema', 'truthy', 'undefined', 'xor'] as const).map(
    (name) => spectralFunctions[name],
  ),
  ...oasFunctionsOf('duplicated-entry-in-enum', 'typed-enum'), // oasSchema, typedEnum
]);

/** Replaces Spectral's `oasExample` in the ruleset's rules by its memoized version (once per rule), before they are guarded. */
export function memoizeExampleFunctions(ruleset: Ruleset): void {
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

/**
 * The guard's cache (guard-functions.ts) for the functions known to be pure within a run: kept outside the watched
 * call, so an answer from it costs no watchdog notice. A function that threw is recorded once for the run, and its
 * input then gives nothing, as the guard gives after a throw.
 */
export const runCacheForPureFunctions: RuleCache = (original, call, then, rule) =>
  RUN_PURE_FUNCTIONS.has(original)
    ? (memoizeWithinRun(call as never, then.functionOptions ?? null, rule) as unknown as RuleFunction)
    : undefined;
