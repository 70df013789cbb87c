// The fixer of a rule code: the fixers its rule module brings, run as one.
import { ruleModule } from '../rules/installed';
import type { Fixer } from './plan';

/** The fixers of a rule, run as one: their plans in order. */
export function fixerFor(code: string): Fixer | undefined {
  const fixers = ruleModule(code)?.fixers;
  if (!fixers || fixers.length === 0) return undefined;
  return (ctx) => fixers.flatMap((fixer) => fixer(ctx));
}
