import type { Analysis } from '../../analysis/analyse';
import { indicatorSentence } from '../../present/indicator-text';
import type { ReportIndicator, ReportIndicators } from '../report-data';

/**
 * The indicators to watch: for each not yet observed, what either answer would do and say; for
 * each observed, which answer it got. Null when the scenario lists none.
 */
export function reportIndicators(a: Analysis): ReportIndicators | null {
  const { scenario } = a;
  if (scenario.indicators.length === 0) return null;
  const observed = new Map((a.overrides.observe ?? []).map((o) => [o.id, o.seen]));
  const found = a.indicators;
  return {
    base_choice: found?.base_choice ?? a.evaluation.choice,
    items: scenario.indicators.map((indicator): ReportIndicator => {
      const r = found?.indicators.find((x) => x.id === indicator.id) ?? null;
      const seen = observed.get(indicator.id);
      // Only an indicator not yet looked for has answers still to come.
      const open = seen === undefined ? r : null;
      return {
        id: indicator.id,
        label: indicator.label,
        parameter: scenario.parameters[indicator.parameter]!.name,
        if_true: indicator.ifTrue,
        if_false: indicator.ifFalse,
        observed: seen === undefined ? null : seen ? 'seen' : 'not-seen',
        prior: open ? open.prior : null,
        if_seen: open ? { ...open.if_seen } : null,
        if_not_seen: open ? { ...open.if_not_seen } : null,
        flips: open !== null && open.flips,
        sentences:
          open && found
            ? [
                indicatorSentence(scenario, found, open, true),
                indicatorSentence(scenario, found, open, false),
              ]
            : [],
        note: indicator.note,
        source: indicator.source,
      };
    }),
    problems: a.problems.indicators.map((d) => d.message),
  };
}
