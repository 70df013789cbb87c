// Spectral results → Findings: plain data with our severity names, the operation's audience and the
// rule's documentation URL attached once, here, so every consumer (CLI formats, LSP) agrees.
import type { ISpectralDiagnostic, Ruleset } from '@stoplight/spectral-core';
import { operationKey } from './exposure-context';
import type { Finding, ResolvedAudience, Severity } from './types';

const SEVERITY_BY_SPECTRAL: Severity[] = ['error', 'warn', 'info', 'hint'];

export function toFinding(result: ISpectralDiagnostic, ruleset: Ruleset | undefined): Finding {
  const code = String(result.code);
  const rule = ruleset?.rules[code];
  const finding: Finding = {
    code,
    message: result.message,
    severity: SEVERITY_BY_SPECTRAL[result.severity] ?? 'error',
    path: [...result.path],
    range: {
      start: { line: result.range.start.line, character: result.range.start.character },
      end: { line: result.range.end.line, character: result.range.end.character },
    },
  };
  if (result.source) finding.source = result.source;
  if (rule?.documentationUrl) finding.documentationUrl = rule.documentationUrl;
  return finding;
}

/**
 * Attaches the audience of the operation a finding is under (path starts with paths/<path>/<method>),
 * from the lint's "path\0method" → audience map (server/src/engine/exposure-context.ts).
 */
export function attachAudiences(findings: Finding[], audiences: ReadonlyMap<string, ResolvedAudience>): void {
  for (const finding of findings) {
    const [first, pathKey, method] = finding.path;
    if (first !== 'paths' || typeof pathKey !== 'string' || typeof method !== 'string') continue;
    const resolved = audiences.get(operationKey(pathKey, method));
    if (resolved) {
      finding.audience = resolved.audience;
      finding.audienceSource = resolved.source;
    }
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}
