import type { Analysis } from '../analysis/analyse';

/** The numbers the page shows, as the engine computed them (the JSON API gives them). */
export interface PageNumbers {
  choice: string | null;
  score: number;
  options: { id: string; score: number }[];
  break_evens: { name: string; values: number[] }[];
  indicators: { id: string; flips: boolean }[];
  expectations: { line: number | null; ok: boolean }[];
}

/** The numbers behind an analysis's results, unformatted. */
export function pageNumbers(a: Analysis): PageNumbers {
  const e = a.evaluation;
  return {
    choice: e.choice,
    score: e.score,
    options: e.options.map((o) => ({ id: o.id, score: o.score })),
    break_evens: (a.sensitivity?.parameters ?? [])
      .filter((p) => p.thresholds.length > 0)
      .map((p) => ({ name: p.name, values: p.thresholds.map((t) => t.value) })),
    indicators: (a.indicators?.indicators ?? []).map((i) => ({ id: i.id, flips: i.flips })),
    expectations: (a.expectations ?? []).map((x) => ({ line: x.line, ok: x.ok })),
  };
}
