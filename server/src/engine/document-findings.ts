// Findings about a document as a whole, shown at its top: it was not linted (too large, refused), its
// lint stopped (time budget, crashed worker) or failed, or a file-level problem (unreadable, broken ruleset).
import type { Finding, LintResult, Range, Severity } from './types';
import { detectFormat, looksLikeOpenApi } from './document-kind';

export const DOCUMENT_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function documentFinding(code: string, message: string, severity: Severity = 'error'): Finding {
  return { code, message, severity, path: [], range: { start: { ...DOCUMENT_START.start }, end: { ...DOCUMENT_START.end } } };
}

/** A result with only that finding: nothing else was linted. */
export function notLintedResult(filePath: string, text: string, finding: Finding, overrides: Partial<LintResult> = {}): LintResult {
  return {
    isOpenApi: looksLikeOpenApi(text),
    format: detectFormat(filePath, text),
    findings: [finding],
    operations: [],
    ruleset: '',
    ...overrides,
  };
}
