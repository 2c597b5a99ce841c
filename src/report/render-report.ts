import { CSV_TABLES, renderCsv, type CsvTable } from './report-csv';
import type { ReportData } from './report-data';
import { renderHtml } from './report-html';
import { renderJson } from './report-json';
import { renderMarkdown } from './report-md';
import { renderTreeFile } from './tree-file';

export const REPORT_FORMATS = ['md', 'html', 'csv', 'json', 'svg'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export { CSV_TABLES, type CsvTable };

/** The file extension of each format (a folder of reports names its files with these). */
export const REPORT_EXTENSIONS: Record<ReportFormat, string> = {
  md: '.md',
  html: '.html',
  csv: '.csv',
  json: '.json',
  svg: '.svg',
};

/** The MIME type of each format, for a download. */
export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
};

export interface RenderOptions {
  /** The table of a CSV report; required for `csv`, ignored otherwise. */
  table?: CsvTable;
}

/**
 * A report in one format. `svg` is the decision tree, as a standalone SVG file headed by the
 * scenario's title and the assumptions changed. Throws when `csv` is asked for without a table:
 * that is a caller's mistake, not the user's.
 */
export function renderReport(
  data: ReportData,
  format: ReportFormat,
  options: RenderOptions = {},
): string {
  switch (format) {
    case 'md':
      return renderMarkdown(data);
    case 'html':
      return renderHtml(data);
    case 'json':
      return renderJson(data);
    case 'svg':
      return `${renderTreeFile(data)}\n`;
    case 'csv':
      if (!options.table)
        throw new Error(`a CSV report holds one table; name it (${CSV_TABLES.join(', ')})`);
      return renderCsv(data, options.table);
  }
}
