// Machine-readable output: one flat JSON array of findings, ranges 0-based as the engine gives them.
import { locatedFindings, relativePosix } from './paths';
import type { Formatter } from './types';

export const formatJson: Formatter = (files, options) => {
  const items = locatedFindings(files).map(({ file, finding }) => ({
    file: relativePosix(options.cwd, file),
    code: finding.code,
    message: finding.message,
    severity: finding.severity,
    path: finding.path,
    range: {
      start: { line: finding.range.start.line, character: finding.range.start.character },
      end: { line: finding.range.end.line, character: finding.range.end.character },
    },
    audience: finding.audience ?? null,
  }));
  return JSON.stringify(items, null, 2) + '\n';
};
