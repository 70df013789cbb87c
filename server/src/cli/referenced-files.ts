// Multi-file descriptions on the command line: a root's lint reports the findings of the files it $refs.
// A fragment named on the command line (or found in a folder) is linted through the roots that use it, not
// on its own; the same finding reached from two roots is reported once.
import type { FileReport } from './formatters';

/** Every file a linted (not skipped) root reaches through $refs. */
export function referencedByLinted(reports: readonly FileReport[]): Set<string> {
  const files = new Set<string>();
  for (const report of reports) if (!report.skipped) for (const file of report.references ?? []) files.add(file);
  return files;
}

/** Reports of fragments that a linted root already covers are dropped: their findings are in the root's report. */
export function withoutCoveredFragments<T extends { report: FileReport }>(linted: T[]): T[] {
  const covered = referencedByLinted(linted.map((l) => l.report));
  return linted.filter((l) => !(l.report.skipped && covered.has(l.report.file)));
}

/** A finding in a fragment shared by several roots, identical from each, is kept once (the first root's). */
export function dropRepeatedFindings(reports: FileReport[]): FileReport[] {
  const seen = new Set<string>();
  return reports.map((report) => {
    const findings = report.findings.filter((finding) => {
      if (!finding.source || finding.source === report.file) return true;
      const r = finding.range;
      const key = JSON.stringify([
        finding.source,
        finding.code,
        finding.path,
        r.start.line,
        r.start.character,
        r.end.line,
        r.end.character,
        finding.message,
      ]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return findings.length === report.findings.length ? report : { ...report, findings };
  });
}
