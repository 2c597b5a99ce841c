import type { ReportData } from '../report-data';

/** True when a report shows the file's own assumptions, with nothing overridden. */
export function isBaseCase(data: ReportData): boolean {
  const c = data.changes;
  return (
    c.parameters.length + c.weights.length + c.probabilities.length + c.observations.length === 0
  );
}
