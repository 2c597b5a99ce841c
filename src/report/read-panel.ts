import type { ScenarioDocument } from '../document';
import type { PoolMethod } from '../engine/pool';
import { readAssessments } from '../files/read-assessments';
import { formatDiagnostic } from '../load';
import type { ReportOptions } from './report-data';

/**
 * The analysts' assessments of a document's scenario (`NAME.assessments/` beside it), as a
 * report's panel section needs them: read here, by the caller of the pure `buildReport`. Null
 * when the scenario has none; an assessment that cannot be read is a problem in the section.
 */
export async function readPanel(
  doc: ScenarioDocument,
  pool: PoolMethod = 'linear',
): Promise<ReportOptions['panel']> {
  if (!doc.ok) return null;
  const read = await readAssessments(doc.file);
  if (read.assessments.length === 0 && read.errors.length === 0) return null;
  return {
    pool,
    analysts: read.assessments.map((a) => ({
      analyst: a.analyst ?? a.file,
      set: a.overrides.set ?? {},
      weight: a.overrides.weight ?? {},
    })),
    problems: read.errors.map((e) => formatDiagnostic(e)),
  };
}
