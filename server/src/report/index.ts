// The exposure report's formats (an inventory rendered as markdown, JSON or one HTML page): pure functions of the
// inventory, shared by the CLI's `report` command and the language server's report webview, so neither imports the other.
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
