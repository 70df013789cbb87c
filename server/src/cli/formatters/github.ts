// GitHub Actions workflow commands: each finding becomes an annotation on the pull request diff.
// Escaping follows @actions/core's command.ts (escapeData / escapeProperty).
import type { Severity } from '../../engine/types';
import { locatedFindings, relativePosix } from './paths';
import type { Formatter } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warn: 'warning', info: 'notice', hint: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const formatGithub: Formatter = (files, options) =>
  locatedFindings(files)
    .map(({ file, finding }) => {
      const { start, end } = finding.range;
      const properties = [
        ['file', relativePosix(options.cwd, file)],
        ['line', String(start.line + 1)],
        ['col', String(start.character + 1)],
        ['endLine', String(end.line + 1)],
        ['endColumn', String(end.character + 1)],
        ['title', finding.code],
      ]
        .map(([key, value]) => `${key}=${escapeProperty(value)}`)
        .join(',');
      return `::${COMMAND[finding.severity]} ${properties}::${escapeData(finding.message)}\n`;
    })
    .join('');
