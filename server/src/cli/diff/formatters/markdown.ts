// Markdown for a pull-request comment or a GitHub job summary ($GITHUB_STEP_SUMMARY): what needs a
// security review first, then the other changes, then operations per audience before and after.
import { AUDIENCES } from '../../../engine/types';
import { allChanges, type DiffFormatter, type LocatedChange } from '../types';
import { diffSummaryLine, shortCommit } from './summary';

/** Table cells: pipes escaped, one line, backticks kept balanced by the caller. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`';
}

function where(change: LocatedChange): string {
  return `${code(change.file)} line ${change.range.start.line + 1}`;
}

function table(changes: LocatedChange[]): string[] {
  return ['| Change | Where | Details |', '|---|---|---|', ...changes.map((c) => `| ${c.kind} | ${cell(where(c))} | ${cell(c.message)} |`)];
}

export const MARKDOWN_HEADING = '## API exposure changes';

export const formatDiffMarkdown: DiffFormatter = (report) => {
  const changes = allChanges(report);
  const review = changes.filter((c) => c.review);
  const other = changes.filter((c) => !c.review);
  const lines = [
    MARKDOWN_HEADING,
    '',
    `${diffSummaryLine(report).replace(`${report.base} (${shortCommit(report.baseCommit)})`, `${code(report.base)} (${code(shortCommit(report.baseCommit))})`)}.`,
    '',
  ];
  if (review.length) lines.push(`### Needs security review (${review.length})`, '', ...table(review), '');
  if (other.length) lines.push(`### Other changes (${other.length})`, '', ...table(other), '');
  const renamed = report.documents.filter((d) => d.oldFile);
  if (renamed.length) lines.push('Renamed: ' + renamed.map((d) => `${code(d.oldFile!)} → ${code(d.file)}`).join(', '), '');
  const rows = AUDIENCES.filter((a) => report.operationsBefore[a] || report.operationsAfter[a]).map((a) => {
    const before = report.operationsBefore[a] ?? 0;
    const after = report.operationsAfter[a] ?? 0;
    const delta = after - before;
    return `| ${a} | ${before} | ${after} | ${delta > 0 ? `+${delta}` : delta === 0 ? '0' : `−${-delta}`} |`;
  });
  if (rows.length && changes.length)
    lines.push(
      '<details><summary>Operations per audience</summary>',
      '',
      '| Audience | Before | After | Change |',
      '|---|---:|---:|---:|',
      ...rows,
      '',
      '</details>',
      '',
    );
  return lines.join('\n');
};
