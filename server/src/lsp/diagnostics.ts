// Finding → LSP Diagnostic, and back. `data` carries what a quick fix needs (the JSON path and the document
// version the finding was computed for), in the spirit of yaml-language-server: quick fixes are computed from
// the diagnostic itself, never by looking it up in a cache that may hold another version. The audience and its
// source ride along for clients (the same facts hover shows).
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../protocol';
import type { Finding, JsonPath, Severity } from '../engine/types';
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

/**
 * The finding one of our diagnostics stands for, rebuilt from what it carries (code, JSON path, range, message),
 * with the document version it was computed for. Undefined for a diagnostic without our `data` (another tool's,
 * or a client that does not send `data` back).
 */
export function findingOfDiagnostic(diagnostic: Diagnostic): { finding: Finding; version: number } | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string' || !isDiagnosticData(diagnostic.data))
    return undefined;
  const { path, version } = diagnostic.data;
  const severity = (Object.keys(SEVERITY) as Severity[]).find((key) => SEVERITY[key] === diagnostic.severity) ?? 'warn';
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  return { finding: { code: diagnostic.code, message, severity, path, range: toLspRange(diagnostic.range) }, version };
}

export function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((segment, i) => String(segment) === String(b[i]));
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
