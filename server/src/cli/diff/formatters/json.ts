// The diff as JSON: the whole report, ranges 0-based.
import type { DiffFormatter } from '../types';
import { needsReview } from '../types';

export const formatDiffJson: DiffFormatter = (report) =>
  JSON.stringify(
    {
      base: report.base,
      baseCommit: report.baseCommit,
      needsReview: needsReview(report),
      documents: report.documents.map((d) => ({
        file: d.file,
        ...(d.oldFile ? { oldFile: d.oldFile } : {}),
        status: d.status,
        changes: d.changes.map((c) => ({
          kind: c.kind,
          review: c.review,
          message: c.message,
          file: c.file,
          side: c.side,
          operation: c.operation ?? null,
          audience: c.audience ?? null,
          ...(c.audienceBefore ? { audienceBefore: c.audienceBefore, audienceAfter: c.audienceAfter } : {}),
          path: c.jsonPath,
          range: c.range,
        })),
      })),
      operationsPerAudience: { before: report.operationsBefore, after: report.operationsAfter },
      notes: report.notes,
    },
    null,
    2,
  ) + '\n';
