// Exit codes are the CLI's contract with CI: 0 clean, 1 findings at or above --fail-severity, 2 misuse.
import type { Severity } from '../engine/types';
import type { FileReport } from './formatters/types';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2, hint: 3 };

/** true when `severity` is as severe as `threshold` or more. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] <= RANK[threshold];
}

export function computeExitCode(files: FileReport[], failSeverity: Severity): number {
  const failing = files.some((report) => report.findings.some((f) => atOrAbove(f.severity, failSeverity)));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
