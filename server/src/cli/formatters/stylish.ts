// Human output in the ESLint/Spectral "stylish" layout: findings grouped under their file,
// aligned columns "line:col  severity  code  message  path" (1-based for humans), then a summary.
import type { Finding, Severity } from '../../engine/types';
import { palette, type Palette } from './ansi';
import { locatedFindings, relativePosix } from './paths';
import { formatSummary } from './summary';
import type { Formatter } from './types';

const SEVERITY_LABEL: Record<Severity, string> = { error: 'error', warn: 'warning', info: 'info', hint: 'hint' };

function severityColor(c: Palette, severity: Severity): (s: string) => string {
  return { error: c.red, warn: c.yellow, info: c.blue, hint: c.dim }[severity];
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function groupByFile(findings: { file: string; finding: Finding }[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const { file, finding } of findings) {
    const group = groups.get(file) ?? [];
    group.push(finding);
    groups.set(file, group);
  }
  return groups;
}

/** Pads every column but the last to its widest cell; colours are applied after padding so ANSI codes do not skew widths. */
function renderTable(rows: string[][], styles: ((s: string, row: number) => string)[]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => r[col].length))) ?? [];
  return rows.map((row, r) =>
    ('  ' + row.map((cell, col) => styles[col](col === row.length - 1 ? cell : cell.padEnd(widths[col]), r)).join('  ')).trimEnd(),
  );
}

export const formatStylish: Formatter = (files, options) => {
  const c = palette(options.color);
  const lines: string[] = [];
  for (const [file, findings] of groupByFile(locatedFindings(files))) {
    const sorted = [...findings].sort(byPosition);
    // Like ESLint: line numbers right-aligned so the ":" lines up.
    const lineWidth = Math.max(...sorted.map((f) => String(f.range.start.line + 1).length));
    const rows = sorted.map((f) => [
      `${String(f.range.start.line + 1).padStart(lineWidth)}:${f.range.start.character + 1}`,
      SEVERITY_LABEL[f.severity],
      f.code,
      f.message.replace(/\s*\r?\n\s*/g, ' '),
      f.path.join('.'),
    ]);
    lines.push(c.underline(relativePosix(options.cwd, file)));
    lines.push(
      ...renderTable(rows, [
        (s) => c.dim(s),
        (s, r) => severityColor(c, sorted[r].severity)(s),
        (s) => c.dim(s),
        (s) => s,
        (s) => (s ? c.dim(s) : s), // an empty path must stay empty so trimEnd drops the padding
      ]),
    );
    lines.push('');
  }
  if (options.summary === false) return lines.join('\n');
  lines.push(formatSummary(files, options));
  return lines.join('\n') + '\n';
};
