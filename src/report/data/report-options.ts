import type { Evaluation } from '../../engine';
import type { ReportOption, ReportRecommendation } from '../report-data';

/** The root's options with their scores, the chosen one marked. */
export function reportOptions(e: Evaluation): ReportOption[] {
  return e.options.map((o) => ({
    id: o.id,
    label: o.label,
    chosen: o.id === e.choice,
    score: o.score,
    expected: o.expected,
  }));
}

/** The chosen option and the best of the others, with its margin; null without a choice. */
export function reportRecommendation(
  options: readonly ReportOption[],
): ReportRecommendation | null {
  const chosen = options.find((o) => o.chosen);
  if (!chosen) return null;
  let runnerUp: ReportOption | undefined;
  for (const o of options) if (!o.chosen && (!runnerUp || o.score > runnerUp.score)) runnerUp = o;
  return {
    id: chosen.id,
    label: chosen.label,
    score: chosen.score,
    runner_up: runnerUp
      ? {
          id: runnerUp.id,
          label: runnerUp.label,
          score: runnerUp.score,
          margin: chosen.score - runnerUp.score,
        }
      : null,
  };
}
