// Audience scopes for any rule: after Spectral has run, each finding of a scoped rule is kept or dropped,
// and its severity set, according to the audience of the operation it belongs to (ruleset
// `x-exposure.rules.<rule>: { audiences, severity }`, or `given: '#ExternalOperations'`). A finding outside
// every operation (info, servers, components) concerns all of the document's operations: it is kept when
// one of them is in scope, at the highest severity among them.
// Built-in rules that supersede another ruleset's rules (external-rate-limit over OWASP's rate-limit rules)
// add implicit scopes here, so that each concern is reported once.
import type { Ruleset } from '@stoplight/spectral-core';
import { SEVERITIES, type Finding, type ResolvedAudience, type RuleAudienceScope, type Severity } from './types';
import { installedRules } from './rules/installed';

type Verdict = Severity | 'off';

function verdict(scope: RuleAudienceScope, audience: ResolvedAudience, own: Severity): Verdict {
  if (scope.audiences && !scope.audiences.some((selector) => selector === audience.audience || selector === audience.kind)) return 'off';
  return scope.severity?.[audience.audience] ?? scope.severity?.[audience.kind] ?? own;
}

function mostSevere(verdicts: Verdict[]): Verdict {
  const kept = verdicts.filter((v): v is Severity => v !== 'off');
  if (kept.length === 0) return 'off';
  return kept.reduce((a, b) => (SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b));
}

/**
 * Applies the scopes. `audiencesOf` gives the audiences a finding concerns: its operation's, or every
 * operation's of the document for a finding outside operations (never empty).
 */
export function applyAudienceScopes(
  findings: Finding[],
  scopes: Record<string, RuleAudienceScope>,
  audiencesOf: (finding: Finding) => ResolvedAudience[],
): Finding[] {
  if (Object.keys(scopes).length === 0) return findings;
  const out: Finding[] = [];
  for (const finding of findings) {
    const scope = Object.prototype.hasOwnProperty.call(scopes, finding.code) ? scopes[finding.code] : undefined;
    if (!scope) {
      out.push(finding);
      continue;
    }
    const result = mostSevere(audiencesOf(finding).map((audience) => verdict(scope, audience, finding.severity)));
    if (result === 'off') continue;
    out.push(result === finding.severity ? finding : { ...finding, severity: result });
  }
  return out;
}

/**
 * Implicit scopes of rules that a built-in rule of the loaded ruleset supersedes: not reported on any
 * operation while the superseding rule is enabled (it checks the concern for the operations it applies to,
 * and the concern does not apply to the others); on the superseding rule's operations only, when it is
 * turned off. Explicit scopes (`x-exposure.rules`) win.
 */
export function effectiveScopes(
  ruleset: Ruleset,
  explicit: Record<string, RuleAudienceScope> | undefined,
): Record<string, RuleAudienceScope> {
  const scopes: Record<string, RuleAudienceScope> = {};
  for (const rule of installedRules()) {
    const own = ruleset.rules[rule.code];
    if (!own || !rule.supersedes) continue;
    for (const code of rule.supersedes) {
      if (!ruleset.rules[code]) continue;
      const audiences = own.enabled || rule.appliesTo === 'document' ? [] : [rule.appliesTo];
      scopes[code] = { audiences };
    }
  }
  return { ...scopes, ...(explicit ?? {}) };
}
