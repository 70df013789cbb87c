// One-line messages on stderr about the run rather than the documents: skipped workspace code,
// rule functions that failed, fixed files.
import { PROGRAM } from './errors';
import { RULE_FAILURE_CODES } from './finding-identity';
import type { FileReport } from './formatters';
import { relativePosix } from './formatters/paths';

/** The untrusted-code note, once per ruleset (the same ruleset usually applies to every file). */
export function untrustedNotes(reports: FileReport[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const report of reports) {
    if (!report.untrustedCodeSkipped?.length) continue;
    const key = report.ruleset ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(
      `${PROGRAM}: note: workspace code not run (untrusted): ${report.untrustedCodeSkipped.join(', ')}; pass --trust-workspace-code to run it\n`,
    );
  }
  return lines;
}

/**
 * One line per rule function that threw or ran too long, naming the file and the reason, and one line per
 * ruleset that failed to load (however many files it applies to).
 */
export function ruleFailureLines(reports: FileReport[], cwd: string): string[] {
  const lines = reports.flatMap((report) =>
    report.findings
      .filter((f) => RULE_FAILURE_CODES.has(f.code))
      .map((f) =>
        f.code === 'ruleset-error'
          ? `${PROGRAM}: ${f.message}\n`
          : `${PROGRAM}: ${relativePosix(cwd, f.source ?? report.file)}: ${f.message}\n`,
      ),
  );
  return [...new Set(lines)];
}

export function fixedNote(file: string, before: number, after: number, cwd: string, dryRun: boolean): string {
  return `${PROGRAM}: ${dryRun ? 'would fix' : 'fixed'} ${relativePosix(cwd, file)} (${before} → ${after} problems)\n`;
}
