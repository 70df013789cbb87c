// defineRule for this pack: the documentation URL follows from the code (rulesets/docs/<code>.md).
import { defineRule, type Fixer, type RuleModule } from '../../../server/src/engine/rules-api';
import { docsUrl } from '../docs-url';

export function exposureRule<const C extends string>(module: Omit<RuleModule<C>, 'documentationUrl'>): RuleModule<C> {
  return defineRule<C>({ ...module, documentationUrl: docsUrl(module.code) });
}

/** The metadata part of a rule module, when a file exports it separately (`export const meta = { … }`). */
export type RuleMeta<C extends string = string> = Pick<RuleModule<C>, 'code' | 'severity' | 'appliesTo' | 'description'> &
  Partial<Pick<RuleModule<C>, 'given' | 'supersedes' | 'overlaps' | 'summary'>>;

interface RuleParts<C extends string> {
  meta: RuleMeta<C>;
  check: RuleModule<C>['function'];
  fix?: Fixer<NoInfer<C>>;
  fixes?: readonly Fixer<NoInfer<C>>[];
}

type AnyFixer = Fixer<any>;
/** Exports of a module that are fixers (or lists of them), whatever their name. */
type FixerExports<P> = { [K in keyof P]: P[K] extends AnyFixer | readonly AnyFixer[] ? K : never }[keyof P];
/**
 * A fixer exported under another name than `fix` / `fixes` (`export const fixx = …`) would be left out of the
 * rule without a word: such an export is a compile error at the registry line instead.
 */
type NoStrayFixers<P> = { [K in Exclude<FixerExports<P>, 'fix' | 'fixes'>]: never };

/**
 * A rule module from a file that exports its parts: `meta`, `check` (the Spectral function) and optionally
 * `fix` / `fixes`. In registry.ts: `import * as externalHttps from './rules/external-https'` and
 * `ruleFromParts(externalHttps)`. The fixers are typed by the code of `meta` (a fixer of another rule does not
 * compile), and a fixer exported under any other name does not compile either.
 */
export function ruleFromParts<const C extends string, P extends RuleParts<C>>(parts: P & RuleParts<C> & NoStrayFixers<P>): RuleModule<C> {
  const fixers = [...(parts.fix ? [parts.fix] : []), ...(parts.fixes ?? [])];
  return exposureRule<C>({ ...parts.meta, function: parts.check, ...(fixers.length ? { fixers } : {}) });
}
