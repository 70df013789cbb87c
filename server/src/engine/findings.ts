// Spectral results → Findings: plain data with our severity names, the operation's audience and the
// rule's documentation URL attached once, here, so every consumer (CLI formats, LSP) agrees.
import type { ISpectralDiagnostic, Ruleset } from '@stoplight/spectral-core';
import type { Finding, ResolvedAudience, Severity } from './types';
import type { KeyRanges } from './key-ranges';
import { concernsOf, operationKey, type ExposureContext } from './exposure-context';

const SEVERITY_BY_SPECTRAL: Severity[] = ['error', 'warn', 'info', 'hint'];

/**
 * `linted`: the linted document's source and key ranges. A finding in it is marked on the smallest meaningful
 * range (see KeyRanges); findings in other files ($ref'd) keep Spectral's range.
 */
export function toFinding(
  result: ISpectralDiagnostic,
  ruleset: Ruleset | undefined,
  linted?: { source: string | null; keyRanges?: KeyRanges },
): Finding {
  const code = String(result.code);
  const rule = ruleset?.rules[code];
  const keyRanges = linted && (!result.source || result.source === linted.source) ? linted.keyRanges : undefined;
  const range = keyRanges ? keyRanges.findingRange(result.path, result.range) : result.range;
  const finding: Finding = {
    code,
    message: result.message,
    severity: SEVERITY_BY_SPECTRAL[result.severity] ?? 'error',
    path: [...result.path],
    range: {
      start: { line: range.start.line, character: range.start.character },
      end: { line: range.end.line, character: range.end.character },
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
    const [first, pathKey, method] = finding.rootPath ?? finding.path;
    if (first !== 'paths' || typeof pathKey !== 'string' || typeof method !== 'string') continue;
    const resolved = audiences.get(operationKey(pathKey, method));
    if (resolved) {
      finding.audience = resolved.audience;
      finding.audienceSource = resolved.source;
    }
  }
}

/** Attaches the operations a finding concerns, where its rule recorded them (exposure-context.ts noteConcerns). */
export function attachConcerns(findings: Finding[], context: ExposureContext): void {
  if (!context.concerns?.size) return;
  for (const finding of findings) {
    const concerns = concernsOf(context, finding.code, finding.path);
    if (concerns) finding.concerns = concerns.map((op) => ({ ...op }));
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}
