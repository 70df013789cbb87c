// Human output of the diff: changes grouped under their document, "line:col  review|info  kind  message".
import { palette } from '../../formatters/ansi';
import type { DiffFormatter } from '../types';
import { formatDiffSummary } from './summary';

export const formatDiffStylish: DiffFormatter = (report, options) => {
  const c = palette(options.color);
  const lines: string[] = [];
  for (const document of report.documents) {
    if (document.changes.length === 0) continue;
    const header = document.oldFile
      ? `${document.file} (renamed from ${document.oldFile})`
      : document.status === 'added' || document.status === 'removed'
        ? `${document.file} (${document.status})`
        : document.file;
    lines.push(c.underline(header));
    const rows = document.changes.map((ch) => [
      `${ch.range.start.line + 1}:${ch.range.start.character + 1}`,
      ch.review ? 'review' : 'info',
      ch.kind,
      ch.message,
    ]);
    const widths = [0, 1, 2].map((col) => Math.max(...rows.map((r) => r[col].length)));
    rows.forEach((row, i) => {
      const review = document.changes[i].review;
      const cells = [
        c.dim(row[0].padEnd(widths[0])),
        (review ? c.yellow : c.blue)(row[1].padEnd(widths[1])),
        c.dim(row[2].padEnd(widths[2])),
        row[3],
      ];
      lines.push('  ' + cells.join('  '));
    });
    lines.push('');
  }
  return lines.join('\n') + (lines.length ? '\n' : '') + formatDiffSummary(report, options);
};
