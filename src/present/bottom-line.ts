import type { Sensitivity, Simulation, Threshold } from '../engine';

/**
 * The bottom line as data: what is recommended, by how much, what would change it first and,
 * when a simulation ran, how often it comes out best. Every view (CLI, web page, reports)
 * renders this one object, so they cannot disagree. docs/analyses.md section 7 defines it.
 */

/** A lead under this share of the options' score range is too close to call. */
export const CLOSE_MARGIN_SHARE = 0.05;
/** A chance of being best under this (when a simulation ran) is too close to call. */
export const CLOSE_P_BEST = 0.6;

export interface RankedOption {
  readonly id: string;
  readonly label: string;
  readonly score: number;
}

/** The root options and the choice: an `Evaluation`, or a `Sensitivity` (its base case). */
export interface Ranking {
  readonly choice: string | null;
  readonly options: readonly RankedOption[];
  /** The whole-path scores of the tree's end states: the scale a lead is judged on. */
  readonly score_range?: { readonly min: number; readonly max: number };
}

/** The break-even nearest to its input's base value, measured in shares of the input's range. */
export interface TippingPoint {
  /** The input: a parameter's name, or `weight:<criterion id>`. */
  readonly name: string;
  readonly kind: 'parameter' | 'weight';
  readonly label: string;
  /** A probability parameter: views add the phrases of both values. */
  readonly probability: boolean;
  readonly base: number;
  /** The break-even value, and whether the input must rise above it or fall below it. */
  readonly value: number;
  readonly direction: 'above' | 'below';
  readonly low: number;
  readonly high: number;
  /** |value - base| / (high - low): how far the input must move, as a share of its range. */
  readonly distance: number;
  /** The option that becomes best past the break-even. */
  readonly becomes: { readonly id: string; readonly label: string } | null;
}

export type Verdict = 'recommended' | 'too-close-to-call' | 'no-decision';

export interface BottomLine {
  readonly verdict: Verdict;
  readonly best: RankedOption | null;
  /** The best of the other root options; null with a single option. */
  readonly runner_up: RankedOption | null;
  /** best.score - runner_up.score (>= 0). */
  readonly margin: number | null;
  /** Highest minus lowest whole-path score over the tree's end states (the options' spread
   *  when the ranking does not carry it). */
  readonly score_range: number | null;
  /** margin / score_range; null with a single option or when every option scores the same. */
  readonly margin_share: number | null;
  readonly tipping_point: TippingPoint | null;
  /** Whether break-evens were looked for (a sensitivity analysis was given). */
  readonly searched: boolean;
  /** The recommended option's share of the simulation's draws in which it is best. */
  readonly p_best: number | null;
  /** The simulation it came from. */
  readonly draws: number | null;
  /** Why the verdict is "too close to call" (empty otherwise). */
  readonly reasons: readonly ('margin' | 'p-best')[];
}

/**
 * The bottom line of an analysis. `ranking` is the base case (an `Evaluation`); `sensitivity`
 * gives the tipping point (null: not analysed); `simulation` the chance of being best.
 */
export function bottomLine(
  ranking: Ranking,
  sensitivity: Sensitivity | null = null,
  simulation: Simulation | null = null,
): BottomLine {
  // Only id, label and score: an Evaluation's options carry more than the bottom line needs.
  const options = ranking.options.map(({ id, label, score }) => ({ id, label, score }));
  const best = options.find((o) => o.id === ranking.choice) ?? null;
  if (!best)
    return {
      verdict: 'no-decision',
      best: null,
      runner_up: null,
      margin: null,
      score_range: null,
      margin_share: null,
      tipping_point: null,
      searched: sensitivity !== null,
      p_best: null,
      draws: null,
      reasons: [],
    };
  let runner_up: RankedOption | null = null;
  for (const o of options)
    if (o.id !== best.id && (!runner_up || o.score > runner_up.score)) runner_up = o;
  // A lead is judged against the spread of end-state scores (the scale outcomes are scored on);
  // with two options, their own spread would always equal the lead.
  const scores = options.map((o) => o.score);
  const score_range = ranking.score_range
    ? ranking.score_range.max - ranking.score_range.min
    : Math.max(...scores) - Math.min(...scores);
  const margin = runner_up ? best.score - runner_up.score : null;
  const margin_share = margin !== null && score_range > 0 ? margin / score_range : null;
  const sim = simulation?.options.find((o) => o.id === best.id);
  const p_best = sim ? sim.p_best : null;
  const reasons: ('margin' | 'p-best')[] = [];
  // Two options tied to the last digit have no range to compare with: too close as well.
  if (runner_up && (margin_share === null || margin_share < CLOSE_MARGIN_SHARE))
    reasons.push('margin');
  if (p_best !== null && p_best < CLOSE_P_BEST) reasons.push('p-best');
  return {
    verdict: reasons.length > 0 ? 'too-close-to-call' : 'recommended',
    best,
    runner_up,
    margin,
    score_range,
    margin_share,
    tipping_point: sensitivity ? tippingPoint(sensitivity, ranking) : null,
    searched: sensitivity !== null,
    p_best,
    draws: simulation ? simulation.iterations : null,
    reasons,
  };
}

/**
 * The break-even closest to its input's base value, relative to the input's range (a weight
 * that must move 10% of its range comes before a probability that must move 20% of its own).
 * Ties go to the input listed first (largest swing).
 */
export function tippingPoint(s: Sensitivity, ranking: Ranking = s): TippingPoint | null {
  let found: TippingPoint | null = null;
  for (const e of s.parameters) {
    const span = e.high - e.low;
    if (!(span > 0)) continue;
    for (const t of e.thresholds) {
      const distance = Math.abs(t.value - e.base) / span;
      if (found && distance >= found.distance) continue;
      const direction = t.value > e.base ? 'above' : 'below';
      found = {
        name: e.name,
        kind: e.kind,
        label: e.label,
        probability: e.probability,
        base: e.base,
        value: t.value,
        direction,
        low: e.low,
        high: e.high,
        distance,
        becomes: takesOver(t, direction, ranking),
      };
    }
  }
  return found;
}

function takesOver(
  t: Threshold,
  direction: 'above' | 'below',
  ranking: Ranking,
): TippingPoint['becomes'] {
  const id = direction === 'above' ? t.above : t.below;
  if (id === null) return null;
  const o = ranking.options.find((x) => x.id === id);
  return { id, label: o?.label ?? id };
}
