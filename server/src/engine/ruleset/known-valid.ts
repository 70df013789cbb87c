// Spectral validates every ruleset definition it is given against its ruleset schema, and the first validation in a
// thread compiles that schema with ajv: ~60 ms of each lint worker's start in CPU profiles (docs/benchmarks.md,
// round 11). The built-in rulesets are bundled definitions that never change and are proven valid by the tests
// (test/unit/builtin-rulesets-valid.test.mjs, with Spectral's own validator); Spectral's Ruleset skips the validation
// of the definitions marked here (scripts/build.mjs, `knownValidRulesets`). A user's ruleset is always validated,
// and so is what it adds to a built-in one (only the built-in objects themselves are marked; trusted JavaScript that
// rewrites them in place is on its own, as it is with Spectral's validation at lint time).
import type { RulesetDefinition } from '@stoplight/spectral-core';

/** Shared with the patched Ruleset constructor, which reads it through the global symbol. */
const KNOWN_VALID = Symbol.for('api-exposure-lint/known-valid-rulesets');

function knownValid(): WeakSet<object> {
  const slot = globalThis as { [KNOWN_VALID]?: WeakSet<object> };
  return (slot[KNOWN_VALID] ??= new WeakSet());
}

/** Marks a built-in definition and those it extends as valid; returns the definition. */
export function markKnownValid<T extends RulesetDefinition>(definition: T): T {
  const set = knownValid();
  const stack: unknown[] = [definition];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null || set.has(current)) continue;
    set.add(current);
    const extended = (current as { extends?: unknown }).extends;
    for (const entry of Array.isArray(extended) ? extended : extended === undefined ? [] : [extended]) {
      stack.push(Array.isArray(entry) ? entry[0] : entry); // [definition, severity]
    }
  }
  return definition;
}

export function isKnownValid(definition: unknown): boolean {
  return typeof definition === 'object' && definition !== null && knownValid().has(definition);
}
