// The diff's one-line summary (the stylish report's last line, or stderr next to a machine format).
import { palette } from '../../formatters/ansi';
import { allChanges, type DiffFormatOptions, type DiffReport } from '../types';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function shortCommit(commit: string): string {
  return commit.slice(0, 12);
}

export function diffSummaryLine(report: DiffReport): string {
  const changes = allChanges(report);
  const review = changes.filter((c) => c.review).length;
  const changed = report.documents.filter((d) => d.changes.length > 0).length;
  const against = `compared with ${report.base} (${shortCommit(report.baseCommit)})`;
  if (changes.length === 0) return `No exposure changes in ${plural(report.documents.length, 'document')}, ${against}`;
  const needs = review === 0 ? 'none needs' : review === 1 ? '1 needs' : `${review} need`;
  return `${plural(changes.length, 'exposure change')} (${needs} security review) in ${changed} of ${plural(report.documents.length, 'document')}, ${against}`;
}

export function formatDiffSummary(report: DiffReport, options: DiffFormatOptions): string {
  const c = palette(options.color);
  const line = diffSummaryLine(report);
  const review = allChanges(report).some((ch) => ch.review);
  return (review ? c.yellow(c.bold(line)) : allChanges(report).length ? c.bold(line) : c.green(line)) + '\n';
}
