// Counting findings by severity and the one-line human summary (stylish's last line, and what the
// CLI prints on stdout when the report itself goes to --output).
import type { Severity } from '../../engine/types';
import { palette } from './ansi';
import type { FileReport } from './types';

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(files: FileReport[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warn: 0, info: 0, hint: 0 };
  for (const report of files) for (const finding of report.findings) counts[finding.severity]++;
  return counts;
}

/** Roots, the files they $ref and the files findings are in: every file that was linted, once. */
function lintedFiles(files: FileReport[]): number {
  const all = new Set<string>();
  for (const report of files) {
    if (report.skipped) continue;
    all.add(report.file);
    for (const file of report.references ?? []) all.add(file);
    for (const finding of report.findings) if (finding.source) all.add(finding.source);
  }
  return all.size;
}

function plural(n: number, singular: string, pluralForm = singular + 's'): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

export function formatSummary(files: FileReport[], options: { color?: boolean; elapsedMs?: number }): string {
  const c = palette(options.color);
  const counts = countBySeverity(files);
  const total = counts.error + counts.warn + counts.info + counts.hint;
  const linted = lintedFiles(files);
  const elapsed = options.elapsedMs === undefined ? '' : `, ${(options.elapsedMs / 1000).toFixed(2)} s`;
  if (total === 0) return c.green(`No problems found in ${plural(linted, 'file')}${elapsed}`);
  const text =
    `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warn, 'warning')}, ` +
    `${plural(counts.info, 'info')}, ${plural(counts.hint, 'hint')}) in ${plural(linted, 'file')}${elapsed}`;
  return counts.error > 0 ? c.red(c.bold(text)) : counts.warn > 0 ? c.yellow(c.bold(text)) : c.bold(text);
}
