import type { LiteralProbability } from '../../analysis/analyse';
import type { ReportProbability } from '../report-data';

/** The branch probabilities written as numbers in the file, with the file's value beside. */
export function reportProbabilities(literals: readonly LiteralProbability[]): ReportProbability[] {
  return literals.map((l) => ({
    path: l.path,
    label: l.label,
    trail: [...l.trail],
    value: l.value,
    base_value: l.base,
    changed: l.value !== l.base,
    source: l.source,
    note: l.note,
  }));
}
