// Each concern reported once: a built-in rule that checks what another ruleset's rule also checks, at the same
// place (external-https and OWASP's no-server-http on an http server URL), declares it in `overlaps`; where the
// built-in rule reports a finding, the other rule's findings at that place or inside it are dropped. The
// built-in finding says more (which operations, which audience) and has the quick fix. Where the built-in rule
// reports nothing (it does not apply, e.g. to internal operations, or it is turned off), the other rule's stay.
import type { Finding } from './types';
import { installedRules } from './rules/installed';
import { isUnderPath as isUnder } from './operation-findings';

export function dropOverlappingFindings(findings: Finding[]): Finding[] {
  // Other rule → the built-in rules that cover it.
  const coveredBy = new Map<string, string[]>();
  for (const rule of installedRules())
    for (const other of rule.overlaps ?? []) coveredBy.set(other, [...(coveredBy.get(other) ?? []), rule.code]);
  if (coveredBy.size === 0) return findings;
  const covering = new Set([...coveredBy.values()].flat());
  const ours = findings.filter((f) => covering.has(f.code) && f.path.length > 0);
  if (ours.length === 0) return findings;
  return findings.filter((finding) => {
    const by = coveredBy.get(finding.code);
    if (!by) return true;
    return !ours.some((own) => by.includes(own.code) && (own.source ?? '') === (finding.source ?? '') && isUnder(finding.path, own.path));
  });
}
