import { CSV_TABLES, type CsvTable, type ReportFormat } from './formats';
import { renderCsv } from './report-csv';
import type { ReportData } from './report-data';
import { renderHtml } from './report-html';
import { renderJson } from './report-json';
import { renderMarkdown } from './report-md';
import { renderTreeFile } from './tree-file';

export {
  CSV_TABLES,
  REPORT_EXTENSIONS,
  REPORT_FORMATS,
  REPORT_MEDIA_TYPES,
  type CsvTable,
  type ReportFormat,
} from './formats';

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
