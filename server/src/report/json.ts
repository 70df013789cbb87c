// The inventory as JSON: everything, scores to one decimal.
import { type ReportFormatter, SCORE_FORMULA } from './shared';

const round = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);
const roundAll = (scores: Partial<Record<string, number>>) => Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, round(v)]));

export const formatReportJson: ReportFormatter = (inventory) =>
  JSON.stringify(
    {
      formula: SCORE_FORMULA,
      score: round(inventory.score),
      scoreByAudience: roundAll(inventory.scoreByAudience),
      operationsByAudience: inventory.operationsByAudience,
      requirements: inventory.requirements,
      documents: inventory.documents.map((d) => ({
        ...d,
        score: round(d.score),
        scoreByAudience: roundAll(d.scoreByAudience),
        operations: d.operations.map((op) => ({ ...op, score: round(op.score) })),
      })),
    },
    null,
    2,
  ) + '\n';
