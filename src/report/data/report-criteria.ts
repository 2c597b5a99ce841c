import type { Evaluation } from '../../engine';
import type { Scenario } from '../../model/types';
import type { ReportCriterion } from '../report-data';

/** The criteria with the weights used (after overrides) beside the file's. */
export function reportCriteria(scenario: Scenario, e: Evaluation): ReportCriterion[] {
  return scenario.criteria.map((c, k) => ({
    id: c.id,
    label: c.label,
    direction: c.direction,
    unit: c.unit,
    note: c.note,
    weight: e.criteria[k]!.weight,
    base_weight: c.weight,
    normalized_weight: e.criteria[k]!.normalized_weight,
  }));
}
