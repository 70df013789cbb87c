import { formatReportHtml } from './html';
import { formatReportJson } from './json';
import { formatReportMarkdown } from './markdown';
import type { ReportFormatter } from './shared';

export const REPORT_FORMATS = ['markdown', 'html', 'json'] as const;
export type ReportFormatName = (typeof REPORT_FORMATS)[number];

export const REPORT_FORMATTERS: Record<ReportFormatName, ReportFormatter> = {
  markdown: formatReportMarkdown,
  html: formatReportHtml,
  json: formatReportJson,
};
