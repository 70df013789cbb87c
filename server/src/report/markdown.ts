// The inventory as markdown (a job summary, a wiki page): totals per audience, documents, operations.
import { AUDIENCES } from '../engine/types';
import { headline, operationName, type ReportFormatter, shownScore } from './shared';

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string) => '`' + text.replace(/`/g, "'") + '`';

export const formatReportMarkdown: ReportFormatter = (inventory) => {
  const lines = ['## API exposure inventory', '', headline(inventory) + '.', ''];
  const audiences = AUDIENCES.filter((a) => inventory.operationsByAudience[a]);
  if (audiences.length) {
    lines.push('| Audience | Operations | Readiness |', '|---|---:|---:|');
    for (const a of audiences) lines.push(`| ${a} | ${inventory.operationsByAudience[a]} | ${shownScore(inventory.scoreByAudience[a])} |`);
    lines.push('');
  }
  lines.push('### Documents', '', '| Document | Operations | Readiness by audience | Score |', '|---|---:|---|---:|');
  for (const d of inventory.documents) {
    const by = AUDIENCES.filter((a) => d.scoreByAudience[a] !== undefined)
      .map((a) => `${a} ${shownScore(d.scoreByAudience[a])}`)
      .join(', ');
    lines.push(`| ${cell(code(d.file))} | ${d.operations.length} | ${by || '–'} | ${shownScore(d.score)} |`);
  }
  lines.push('');
  const ops = inventory.documents.flatMap((d) => d.operations.map((op) => ({ d, op })));
  if (ops.length) {
    lines.push(
      '### Operations',
      '',
      '| Document | Operation | Audience | From | Failing requirements | Score |',
      '|---|---|---|---|---|---:|',
    );
    for (const { d, op } of ops) {
      const failing = op.requirements.filter((r) => !r.passed).map((r) => r.rule);
      lines.push(
        `| ${cell(code(d.file))} | ${cell(code(operationName(op)))} | ${op.audience} | ${cell(op.audienceDetail)} | ${failing.join(', ') || 'none'} | ${shownScore(op.score)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
};
