import type { Sensitivity } from '../../engine';
import { breakEvenStatement } from '../../present';
import type { ReportSensitivity } from '../report-data';

/** The one-way analysis with each input's break-even statement (empty when it cannot flip). */
export function reportSensitivity(s: Sensitivity): ReportSensitivity {
  return {
    base: s.base,
    choice: s.choice,
    entries: s.parameters.map((p) => ({
      name: p.name,
      kind: p.kind,
      label: p.label,
      unit: p.unit,
      low: p.low,
      base: p.base,
      high: p.high,
      score_low: p.score_low,
      score_high: p.score_high,
      choice_low: p.choice_low,
      choice_high: p.choice_high,
      swing: p.swing,
      probability: p.probability,
      threshold: p.threshold,
      thresholds: p.thresholds.map((t) => ({ value: t.value, below: t.below, above: t.above })),
      statement: p.thresholds.length > 0 ? breakEvenStatement(p, s) : '',
      problems: [...p.problems],
    })),
  };
}
