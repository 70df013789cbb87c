// Spectral aborts a whole run when one rule function throws (or its promise rejects), losing every
// other result of the document. Each rule function is wrapped once, when its ruleset loads: a failure
// is recorded against the document being linted and the rule yields nothing, so the other rules' results
// survive and the failure is reported as one finding naming the rule.
import type { Ruleset } from '@stoplight/spectral-core';
import { oneLine } from './errors';

export interface RuleFailure {
  rule: string;
  message: string;
  stack?: string;
}

const failuresByDocument = new WeakMap<object, RuleFailure[]>();
const disabledByDocument = new WeakMap<object, ReadonlySet<string>>();
/** The document's time budget: once it is spent, no rule function starts for this document. */
const budgetByDocument = new WeakMap<object, { spent(): boolean }>();
/** Rules that had calls skipped because the budget was spent: their findings may be incomplete. */
const unfinishedByDocument = new WeakMap<object, Set<string>>();
/** Told which rule is about to run, so a watchdog can name the rule that never returned. */
let ruleObserver: ((rule: string | undefined) => void) | undefined;

/** While `check` says so, no rule function is called (the lint was abandoned: its result is not wanted). */
let abortCheck: (() => boolean) | undefined;
export function abortRuleCallsWhen(check: (() => boolean) | undefined): void {
  abortCheck = check;
}

/** The observer gets the rule name before each call and undefined when the call returned. */
export function observeRuleCalls(observer: ((rule: string | undefined) => void) | undefined): void {
  ruleObserver = observer;
}

/** Rules that must not run for this document (they timed out in an earlier attempt). */
export function disableRulesFor(document: object, rules: readonly string[]): void {
  if (rules.length > 0) disabledByDocument.set(document, new Set(rules));
}

/**
 * Once `budget` is spent, rule functions are no longer called for this document: Spectral finishes its walk
 * quickly, the findings already computed are kept, and `takeUnfinishedRules` names the rules cut short.
 */
export function setBudgetFor(document: object, budget: { spent(): boolean }): void {
  budgetByDocument.set(document, budget);
}

/** Rules whose calls were skipped after the deadline (in the order first skipped); reading them clears them. */
export function takeUnfinishedRules(document: object): string[] {
  const rules = [...(unfinishedByDocument.get(document) ?? [])];
  unfinishedByDocument.delete(document);
  return rules;
}

function pastDeadline(document: object, rule: string): boolean {
  const budget = budgetByDocument.get(document);
  if (budget === undefined || !budget.spent()) return false;
  let unfinished = unfinishedByDocument.get(document);
  if (!unfinished) unfinishedByDocument.set(document, (unfinished = new Set()));
  unfinished.add(rule);
  return true;
}
const GUARDED = Symbol('api-exposure-lint/guarded');
const ORIGINAL = Symbol('api-exposure-lint/original');

export type RuleFunction = ((input: unknown, options: unknown, context: { document: object }) => unknown) & {
  [GUARDED]?: true;
  [ORIGINAL]?: unknown;
};

/** The function a rule was defined with, under its guard: how built-in functions are recognised. */
export function originalRuleFunction(fn: unknown): unknown {
  return (fn as RuleFunction | undefined)?.[ORIGINAL] ?? fn;
}

function record(document: object, rule: string, error: unknown): undefined {
  const list = failuresByDocument.get(document) ?? [];
  if (!list.some((f) => f.rule === rule))
    list.push({ rule, message: oneLine(error), stack: error instanceof Error ? error.stack : undefined });
  failuresByDocument.set(document, list);
  return undefined;
}

/**
 * A cache for a rule's function, put between the guard's checks and its watched call (`call`): answers from it
 * call nothing that could hang or throw, so they need neither the watchdog's notice nor the failure net.
 */
export type RuleCache = (
  original: RuleFunction,
  call: RuleFunction,
  then: { functionOptions?: unknown },
  rule: object,
) => RuleFunction | undefined;

/** The call as the watchdog sees it: named before, cleared after; a throw is recorded, not propagated. */
function watched(name: string, original: RuleFunction): RuleFunction {
  return function (input, options, context) {
    ruleObserver?.(name);
    try {
      const result = original(input, options, context) as { then?: unknown; catch?: (f: (e: unknown) => unknown) => unknown } | undefined;
      if (result && typeof result.then === 'function' && typeof result.catch === 'function') {
        return result.catch((error) => record(context.document, name, error));
      }
      return result;
    } catch (error) {
      return record(context.document, name, error);
    } finally {
      ruleObserver?.(undefined);
    }
  };
}

export function guardRuleFunctions(ruleset: Ruleset, cache?: RuleCache): void {
  for (const [name, rule] of Object.entries(ruleset.rules)) {
    for (const then of rule.then as { function: RuleFunction; functionOptions?: unknown }[]) {
      const original = then.function;
      if (typeof original !== 'function' || original[GUARDED]) continue;
      const call = watched(name, original);
      const inner = cache?.(original, call, then, rule) ?? call;
      const guarded: RuleFunction = function (input, options, context) {
        if (disabledByDocument.get(context.document)?.has(name)) return undefined;
        if (pastDeadline(context.document, name) || abortCheck?.()) return undefined;
        return inner(input, options, context);
      };
      Object.defineProperty(guarded, 'name', { value: original.name });
      guarded[GUARDED] = true;
      guarded[ORIGINAL] = original;
      then.function = guarded;
    }
  }
}

/** Failures recorded while linting `document`; reading them clears them. */
export function takeRuleFailures(document: object): RuleFailure[] {
  const list = failuresByDocument.get(document) ?? [];
  failuresByDocument.delete(document);
  return list;
}
