import type { DiffFormatter } from '../types';
import { formatDiffJson } from './json';
import { formatDiffMarkdown } from './markdown';
import { formatDiffSarif } from './sarif';
import { formatDiffStylish } from './stylish';
import { formatDiffSummary } from './summary';

export const DIFF_FORMATS = ['stylish', 'markdown', 'json', 'sarif'] as const;
export type DiffFormatName = (typeof DIFF_FORMATS)[number];

export const DIFF_FORMATTERS: Record<DiffFormatName | 'summary', DiffFormatter> = {
  stylish: formatDiffStylish,
  markdown: formatDiffMarkdown,
  json: formatDiffJson,
  sarif: formatDiffSarif,
  summary: formatDiffSummary,
};
