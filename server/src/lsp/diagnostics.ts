// Finding → LSP Diagnostic. `data` carries what a code action needs (JSON path, audience, version),
// in the spirit of yaml-language-server, so fixes never require a re-lint.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../protocol';
import type { Finding, Severity } from '../engine/types';
import { toLspRange } from './positions';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warn: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Findings about declarations nothing uses: editors fade them out instead of underlining them. */
const UNNECESSARY_CODES = new Set(['oas3-unused-component', 'oas2-unused-definition']);

export function toDiagnostic(finding: Finding, version: number): Diagnostic {
  const data: DiagnosticData = { path: finding.path, version };
  if (finding.audience) data.audience = finding.audience;
  if (finding.audienceSource) data.audienceSource = finding.audienceSource;
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range),
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    message: finding.message,
    data,
  };
  if (finding.documentationUrl) diagnostic.codeDescription = { href: finding.documentationUrl };
  if (UNNECESSARY_CODES.has(finding.code)) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Partial<DiagnosticData>;
  return Array.isArray(data.path) && typeof data.version === 'number';
}

/** A diagnostic on a ruleset file that failed to load (shown when that file is open). */
export function rulesetErrorDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: 'ruleset',
    message: `Ruleset could not be loaded, a fallback is in use: ${message}`,
  };
}
