/**
 * Scenario reports: `buildReport` gathers what the analysis found as data, `renderReport` lays it
 * out as Markdown, HTML, CSV, JSON or SVG. The CLI's `report` command and the web app's export
 * both go through these two.
 */
export { buildReport } from './data/build-report';
export { isBaseCase } from './data/is-base-case';
export type { ReportData, ReportNode, ReportOptions } from './report-data';
export {
  CSV_TABLES,
  REPORT_EXTENSIONS,
  REPORT_FORMATS,
  REPORT_MEDIA_TYPES,
  renderReport,
  type CsvTable,
  type RenderOptions,
  type ReportFormat,
} from './render-report';
export { reportDate, type DateResult } from './report-date';
export { readPanel } from './read-panel';
export {
  renderIndex,
  scenarioFiles,
  writeReportFolder,
  type FolderRequest,
  type FolderResult,
  type IndexEntry,
  type ReportIndex,
} from './report-folder';
