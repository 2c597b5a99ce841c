import type { Result } from '../model/diagnostic';
import type { Indicator, Scenario } from '../model/types';
import { evaluate } from './evaluate';
import type { Overrides } from './inputs';

/** What one answer to an indicator does: the updated probability and the recommendation. */
export interface IndicatorOutcome {
  readonly value: number;
  readonly choice: string | null;
  readonly score: number;
}

/** One indicator's worth to watch (FORMAT.md section 9, `branchpoint indicators`). */
export interface IndicatorAnalysis {
  readonly indicator: Indicator;
  readonly id: string;
  readonly parameter: string;
  readonly prior: number;
  readonly if_seen: IndicatorOutcome;
  readonly if_not_seen: IndicatorOutcome;
  /** Either answer changes the base choice: an indicator to watch. */
  readonly flips: boolean;
}

export interface IndicatorsAnalysis {
  readonly base_choice: string | null;
  readonly base_score: number;
  readonly indicators: readonly IndicatorAnalysis[];
}

/**
 * For each indicator, the base case (with `overrides`, its own observations included) updated
 * on the indicator seen and on it not seen, and whether either changes the recommendation.
 */
export function analyseIndicators(
  scenario: Scenario,
  overrides: Overrides = {},
): Result<IndicatorsAnalysis> {
  const base = evaluate(scenario, overrides);
  if (!base.ok) return base;
  const out: IndicatorAnalysis[] = [];
  for (const indicator of scenario.indicators) {
    const name = scenario.parameters[indicator.parameter]!.name;
    const answer = (seen: boolean): Result<IndicatorOutcome> => {
      const observe = [...(overrides.observe ?? []), { id: indicator.id, seen }];
      const r = evaluate(scenario, { ...overrides, observe });
      if (!r.ok) return r;
      return {
        ok: true,
        value: { value: r.value.parameters[name]!, choice: r.value.choice, score: r.value.score },
      };
    };
    const seen = answer(true);
    if (!seen.ok) return seen;
    const notSeen = answer(false);
    if (!notSeen.ok) return notSeen;
    out.push({
      indicator,
      id: indicator.id,
      parameter: name,
      prior: base.value.parameters[name]!,
      if_seen: seen.value,
      if_not_seen: notSeen.value,
      flips: seen.value.choice !== base.value.choice || notSeen.value.choice !== base.value.choice,
    });
  }
  return {
    ok: true,
    value: { base_choice: base.value.choice, base_score: base.value.score, indicators: out },
  };
}
