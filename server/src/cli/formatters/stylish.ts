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

/** Visible length: colour codes take no room on the screen. */
const visibleLength = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '').length;

/** Lines of at most `width` visible characters, broken between words; a word longer than a line is cut. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/ +|\s*\n\s*/).filter(Boolean)) {
    while (visibleLength(word) > width && visibleLength(word) === word.length) {
      if (line) lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (!word) continue;
    if (line && visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Narrowest message column worth wrapping into; a narrower terminal gets lines this wide anyway. */
const MIN_MESSAGE_WIDTH = 20;

/**
 * On a terminal of `width` columns: "line:col  severity  code" padded as usual, then the message wrapped under
 * its own column, the JSON path after it (on the last line if it fits, else on the next): nothing runs past the edge.
 */
function renderWrapped(rows: string[][], sorted: Finding[], c: Palette, width: number): string[] {
  const widths = [0, 1, 2].map((col) => Math.max(...rows.map((r) => r[col].length)));
  const indent = 2 + widths.reduce((sum, w) => sum + w + 2, 0);
  const column = Math.max(MIN_MESSAGE_WIDTH, width - indent);
  const out: string[] = [];
  rows.forEach(([location, severity, code, message, jsonPath], r) => {
    const head =
      '  ' +
      [
        c.dim(location.padEnd(widths[0])),
        severityColor(c, sorted[r].severity)(severity.padEnd(widths[1])),
        c.dim(code.padEnd(widths[2])),
      ].join('  ') +
      '  ';
    const lines = wrapWords(message, column);
    const last = lines.length - 1;
    const pathLines: string[] = [];
    if (jsonPath && lines[last].length + 2 + jsonPath.length <= column) lines[last] += '  ' + c.dim(jsonPath);
    else if (jsonPath) pathLines.push(c.dim(jsonPath));
    [...lines, ...pathLines].forEach((line, i) => out.push(((i === 0 ? head : ' '.repeat(indent)) + line).trimEnd()));
  });
  return out;
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
    if (options.width) {
      lines.push(...renderWrapped(rows, sorted, c, options.width));
      lines.push('');
      continue;
    }
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
  const summary = formatSummary(files, options);
  lines.push(...(options.width ? wrapWords(summary, options.width) : [summary]));
  return lines.join('\n') + '\n';
};
