// The shape of a built-in rule: one module holds its metadata, its Spectral function and its quick
// fixes. Everything else is derived from the registry of modules (the ruleset, SARIF rule metadata,
// the fixes index, the requirements hover and CodeLens show, the tests' code lists), so adding a rule
// means adding one module (plus its documentation page and tests), not editing tables.
//
// Modules are typed by their code: a fixer declared as Fixer<'external-oauth2'> only fits the rule
// 'external-oauth2', and its fix ids must start with 'external-oauth2/'. A misspelt or misplaced
// fixer is a compile error, not a silently missing quick fix.
import type { RulesetDefinition, RulesetFunction } from '@stoplight/spectral-core';
import type { AudienceKind } from '../types';
import type { Fixer } from '../fixes/plan';

export type RuleSeverity = 'error' | 'warn' | 'info' | 'hint';

/** Who a rule is about: 'external' / 'internal' operations (hover and CodeLens list it as a requirement of those), or the whole document. */
export type RuleAppliesTo = AudienceKind | 'document';

export interface RuleModule<C extends string = string> {
  /** The rule name users write in rulesets and x-lint-ignore. */
  code: C;
  /** Severity in the built-in rulesets. */
  severity: RuleSeverity;
  /** One sentence: what a passing document has. Shown in SARIF, hover and CodeLens. */
  description: string;
  appliesTo: RuleAppliesTo;
  /**
   * Short name in the CodeLens above an operation ("OAuth", "rate limit"). A rule with one is always listed
   * there, met or not; the others only when the operation fails them (by code), so the lens stays short.
   */
  summary?: string;
  /** The rule's documentation page (rulesets/docs/<code>.md). */
  documentationUrl: string;
  /** JSONPath the function is given; default `$` (the function walks the operations itself). */
  given?: string | string[];
  function: RulesetFunction<unknown, unknown>;
  /** Quick fixes, tried in order; every finding also gets "ignore" from the engine. (NoInfer: the code alone decides C.) */
  fixers?: readonly Fixer<NoInfer<C>>[];
  /**
   * Rules of other rulesets (e.g. OWASP's rate-limit rules) that check the same concern. When this rule
   * is in the ruleset, their findings are not reported on operations: this rule wins where it applies,
   * and the concern does not apply to the other operations. A ruleset's own `x-exposure.rules` entry
   * for such a rule takes precedence.
   */
  supersedes?: readonly string[];
  /**
   * Rules of other rulesets that report the same concern at the same place (OWASP's `owasp:api8:2023-no-server-http`
   * and external-https on an http server URL). Where this rule reports a finding, theirs at that place or inside it
   * is dropped, so the concern is reported once, by this rule, which names the audience. Where this rule reports
   * nothing (it does not apply there, or it is off), theirs stay.
   */
  overlaps?: readonly string[];
}

/** Identity function that infers the code's literal type: `defineRule({ code: 'x', … })` is a RuleModule<'x'>. */
export function defineRule<const C extends string>(module: RuleModule<C>): RuleModule<C> {
  return module;
}

// `any` on purpose: a registry holds modules of different codes, each checked when it was defined.
export type AnyRuleModule = RuleModule<any>;

/** A named built-in ruleset made of rule modules (e.g. api-exposure-lint:exposure). */
export interface RulePack {
  name: string;
  rules: readonly AnyRuleModule[];
  ruleset: RulesetDefinition;
}
