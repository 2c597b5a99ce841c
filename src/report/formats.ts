/**
 * The report formats and CSV tables by name: what the CLI's `report` options accept, without
 * loading the renderers (the CLI loads them only when it writes a report).
 */

export const REPORT_FORMATS = ['md', 'html', 'csv', 'json', 'svg'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The tables a CSV report can hold, one per file. */
export const CSV_TABLES = ['options', 'outcomes', 'parameters', 'sensitivity'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

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
