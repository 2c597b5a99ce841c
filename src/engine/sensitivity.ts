import { diagnostic, type Diagnostic, type Result } from '../model/diagnostic';
import type { Scenario } from '../model/types';
import { THRESHOLD_GRID, THRESHOLD_TOLERANCE } from './constants';
import { formatNumber } from './format-number';
import { computeInputs, type Overrides, type Pin } from './inputs';
import { Probe, type ProbeResult } from './probe';

/**
 * One-way sensitivity (tornado), break-even thresholds, one-way curves (spider) and two-way
 * grids. Each moves one or two inputs (a parameter with a `range`, or a criterion weight) and
 * re-runs the tree, with everything else at the base case.
 */

/** An input an analysis can move: a parameter, or a criterion's weight. */
export interface Variable {
  /** The parameter's name, or `weight:<criterion id>`. */
  readonly name: string;
  readonly kind: 'parameter' | 'weight';
  readonly label: string;
  readonly base: number;
  readonly low: number;
  readonly high: number;
  readonly unit: string | null;
  /** The input is a probability (a parameter marked `probability`); views add its phrase. */
  readonly probability: boolean;
}

/** Where the best root option changes as a variable rises through `value`. */
export interface Threshold {
  readonly value: number;
  /** Best option just below and just above. */
  readonly below: string | null;
  readonly above: string | null;
}

export interface SensitivityEntry extends Variable {
  readonly score_low: number | null;
  readonly score_high: number | null;
  readonly choice_low: string | null;
  readonly choice_high: string | null;
  /** |score_high - score_low|: how far this input moves the expected score. */
  readonly swing: number;
  /** The first value in [low, high] at which the root choice changes, or null (FORMAT.md). */
  readonly threshold: number | null;
  /** Every value in [low, high] at which the root choice changes, in increasing order. */
  readonly thresholds: readonly Threshold[];
  /** Why an end of the range could not be evaluated (probabilities no longer summing to 1, say). */
  readonly problems: readonly string[];
}

/**
 * One-way sensitivity of every input. The engine gives data only: the sentences a briefing
 * quotes are written by the presentation layer (`src/present`), which also fills the
 * `statement` of `branchpoint sensitivity --format json`.
 */
export interface Sensitivity {
  readonly base: number;
  readonly choice: string | null;
  /** The root options at the base case, in file order (empty when the root is not a decision). */
  readonly options: readonly { id: string; label: string; score: number }[];
  readonly parameters: readonly SensitivityEntry[];
}

/** The inputs sensitivity analysis moves: parameters with a range, then every criterion weight. */
export function variables(scenario: Scenario, probe: Probe): Variable[] {
  const base = computeInputs(probe.plan);
  const values = base.ok ? base.value.values : new Float64Array(scenario.parameters.length);
  const params: Variable[] = scenario.parameters
    .filter((p) => p.range !== null)
    .map((p) => ({
      name: p.name,
      kind: 'parameter',
      label: p.label ?? p.name,
      base: values[p.index]!,
      low: p.range![0],
      high: p.range![1],
      unit: p.unit,
      // Guarded: scenarios built before the loader knew of probabilities lack the field.
      probability: p.probability === true,
    }));
  const weights: Variable[] = scenario.criteria.map((c, i) => ({
    name: `weight:${c.id}`,
    kind: 'weight',
    label: `the weight of ${c.label}`,
    base: probe.plan.weights[i]!,
    low: c.weightRange[0],
    high: c.weightRange[1],
    unit: null,
    probability: false,
  }));
  return [...params, ...weights];
}

/** Finds a variable by name (`weight:<id>` for weights); any parameter may be named, ranged or not. */
export function findVariable(scenario: Scenario, probe: Probe, name: string): Result<Variable> {
  const found = variables(scenario, probe).find((v) => v.name === name);
  if (found) return { ok: true, value: found };
  const p = scenario.parameters.find((x) => x.name === name);
  const message = p
    ? `parameter '${name}' has no range; give it one (range: [low, high]) to analyse it`
    : `no parameter or weight '${name}'; parameters are ${scenario.parameters.map((x) => x.name).join(', ') || 'none'}, weights are ${scenario.criteria.map((c) => `weight:${c.id}`).join(', ')}`;
  return {
    ok: false,
    errors: [diagnostic(p ? 'BAD_OVERRIDE' : 'UNKNOWN_PARAMETER', message, undefined, name)],
  };
}

/** Runs the probe with `variable` at `x` (and optionally a second variable at `y`). */
function runAt(
  probe: Probe,
  settings: readonly (readonly [Variable, number])[],
): ReturnType<Probe['run']> {
  const pins: Pin[] = [];
  let weights: Float64Array | undefined;
  for (const [v, x] of settings) {
    if (v.kind === 'parameter') pins.push({ index: probe.parameterIndex(v.name), value: x });
    else {
      weights ??= probe.plan.weights.slice();
      weights[probe.scenario.criteria.findIndex((c) => `weight:${c.id}` === v.name)] = x;
    }
  }
  return probe.run(pins, weights);
}

/** One-way analysis of every variable, largest swing first (FORMAT.md `sensitivity`). */
export function sensitivity(scenario: Scenario, overrides: Overrides = {}): Result<Sensitivity> {
  const made = Probe.of(scenario, overrides);
  if (!made.ok) return made;
  const probe = made.value;
  const base = probe.run();
  if (!base.ok) return base;
  const entries = variables(scenario, probe).map((v) => oneWay(probe, v));
  entries.sort((a, b) => b.swing - a.swing);
  const options = Array.from({ length: probe.optionCount }, (_, j) => ({
    id: probe.optionId(j)!,
    label: probe.optionLabel(j),
    score: base.value.options[j]!,
  }));
  return {
    ok: true,
    value: {
      base: base.value.score,
      choice: probe.optionId(base.value.best),
      options,
      parameters: entries,
    },
  };
}

function oneWay(probe: Probe, v: Variable): SensitivityEntry {
  const problems: string[] = [];
  const at = (x: number): ProbeResult | undefined => {
    const r = runAt(probe, [[v, x]]);
    if (r.ok) return r.value;
    problems.push(`at ${formatNumber(x)}: ${firstMessage(r.errors)}`);
    return undefined;
  };
  const low = at(v.low);
  const high = at(v.high);
  const thresholds = probe.optionCount > 1 ? findThresholds(probe, v) : [];
  return {
    ...v,
    score_low: low?.score ?? null,
    score_high: high?.score ?? null,
    choice_low: low ? probe.optionId(low.best) : null,
    choice_high: high ? probe.optionId(high.best) : null,
    swing: low && high ? Math.abs(high.score - low.score) : 0,
    threshold: thresholds[0]?.value ?? null,
    thresholds,
    problems,
  };
}

function firstMessage(errors: Diagnostic[]): string {
  return errors[0]?.message ?? 'the tree could not be evaluated';
}

/**
 * Every value in [low, high] where the best root option changes. A grid brackets each change;
 * bisection on which option is best (the sign of the difference of the two options' scores)
 * then narrows it to THRESHOLD_TOLERANCE of the range. Points where the tree cannot be evaluated
 * are skipped.
 */
export function findThresholds(probe: Probe, v: Variable): Threshold[] {
  const span = v.high - v.low;
  if (!(span > 0)) return [];
  const bestAt = (x: number): number | undefined => {
    const r = runAt(probe, [[v, x]]);
    return r.ok ? r.value.best : undefined;
  };
  const thresholds: Threshold[] = [];
  let x0 = v.low;
  let c0 = bestAt(x0);
  for (let i = 1; i <= THRESHOLD_GRID; i++) {
    const x1 = i === THRESHOLD_GRID ? v.high : v.low + (span * i) / THRESHOLD_GRID;
    const c1 = bestAt(x1);
    if (c0 !== undefined && c1 !== undefined && c0 !== c1) {
      let lo = x0;
      let hi = x1;
      let above = c1;
      while (hi - lo > THRESHOLD_TOLERANCE * span) {
        const mid = (lo + hi) / 2;
        const c = bestAt(mid);
        if (c === c0) lo = mid;
        else {
          hi = mid;
          if (c !== undefined) above = c;
        }
      }
      thresholds.push({
        value: (lo + hi) / 2,
        below: probe.optionId(c0),
        above: probe.optionId(above),
      });
    }
    x0 = x1;
    c0 = c1;
  }
  return thresholds;
}

/** The score of each root option at `points` evenly spaced values of one variable. */
export interface Spider {
  readonly variable: Variable;
  readonly values: readonly number[];
  readonly options: readonly { id: string; label: string; scores: readonly (number | null)[] }[];
  readonly choice: readonly (string | null)[];
}

export function spider(
  scenario: Scenario,
  name: string,
  points = 21,
  overrides: Overrides = {},
): Result<Spider> {
  const made = Probe.of(scenario, overrides);
  if (!made.ok) return made;
  const probe = made.value;
  const found = findVariable(scenario, probe, name);
  if (!found.ok) return found;
  const v = found.value;
  const values = spaced(v.low, v.high, points);
  const runs = values.map((x) => runAt(probe, [[v, x]]));
  const options = Array.from({ length: probe.optionCount }, (_, j) => ({
    id: probe.optionId(j)!,
    label: probe.optionLabel(j),
    scores: runs.map((r) => (r.ok ? r.value.options[j]! : null)),
  }));
  return {
    ok: true,
    value: {
      variable: v,
      values,
      options,
      choice: runs.map((r) => (r.ok ? probe.optionId(r.value.best) : null)),
    },
  };
}

/** Which root option is best, and the expected score, over a grid of two variables. */
export interface TwoWay {
  readonly x: Variable;
  readonly y: Variable;
  readonly xValues: readonly number[];
  readonly yValues: readonly number[];
  /** `choice[j][i]` and `score[j][i]` at `yValues[j]`, `xValues[i]`; null where the tree is invalid. */
  readonly choice: readonly (readonly (string | null)[])[];
  readonly score: readonly (readonly (number | null)[])[];
}

export function twoWay(
  scenario: Scenario,
  xName: string,
  yName: string,
  points = 11,
  overrides: Overrides = {},
): Result<TwoWay> {
  const made = Probe.of(scenario, overrides);
  if (!made.ok) return made;
  const probe = made.value;
  const x = findVariable(scenario, probe, xName);
  const y = findVariable(scenario, probe, yName);
  if (!x.ok || !y.ok)
    return { ok: false, errors: [...(x.ok ? [] : x.errors), ...(y.ok ? [] : y.errors)] };
  if (xName === yName) {
    return {
      ok: false,
      errors: [
        diagnostic(
          'BAD_OVERRIDE',
          'a two-way analysis needs two different inputs',
          undefined,
          yName,
        ),
      ],
    };
  }
  const xValues = spaced(x.value.low, x.value.high, points);
  const yValues = spaced(y.value.low, y.value.high, points);
  const runs = yValues.map((b) =>
    xValues.map((a) =>
      runAt(probe, [
        [x.value, a],
        [y.value, b],
      ]),
    ),
  );
  return {
    ok: true,
    value: {
      x: x.value,
      y: y.value,
      xValues,
      yValues,
      choice: runs.map((row) => row.map((r) => (r.ok ? probe.optionId(r.value.best) : null))),
      score: runs.map((row) => row.map((r) => (r.ok ? r.value.score : null))),
    },
  };
}

function spaced(low: number, high: number, points: number): number[] {
  if (points < 2) return [low];
  return Array.from({ length: points }, (_, i) =>
    i === points - 1 ? high : low + ((high - low) * i) / (points - 1),
  );
}
