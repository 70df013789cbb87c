// defineRule for this pack: the documentation URL follows from the code (rulesets/docs/<code>.md).
import { defineRule, type Fixer, type RuleModule } from '../../../server/src/engine/rules-api';
import { docsUrl } from '../docs-url';

export function exposureRule<const C extends string>(module: Omit<RuleModule<C>, 'documentationUrl'>): RuleModule<C> {
  return defineRule<C>({ ...module, documentationUrl: docsUrl(module.code) });
}

/** The metadata part of a rule module, when a file exports it separately (`export const meta = { … }`). */
export type RuleMeta<C extends string = string> = Pick<RuleModule<C>, 'code' | 'severity' | 'appliesTo' | 'description'> &
  Partial<Pick<RuleModule<C>, 'given' | 'supersedes' | 'overlaps' | 'summary'>>;

/**
 * A rule module from a file that exports its parts: `meta`, `check` (the Spectral function) and optionally
 * `fix` / `fixes`. In registry.ts: `import * as externalHttps from './rules/external-https'` and
 * `ruleFromParts(externalHttps)`. The fixers are still typed by the code of `meta`.
 */
export function ruleFromParts<const C extends string>(parts: {
  meta: RuleMeta<C>;
  check: RuleModule<C>['function'];
  fix?: Fixer<NoInfer<C>>;
  fixes?: readonly Fixer<NoInfer<C>>[];
}): RuleModule<C> {
  const fixers = [...(parts.fix ? [parts.fix] : []), ...(parts.fixes ?? [])];
  return exposureRule<C>({ ...parts.meta, function: parts.check, ...(fixers.length ? { fixers } : {}) });
}
