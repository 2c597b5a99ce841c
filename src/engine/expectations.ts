import type { Diagnostic, Result } from '../model/diagnostic';
import type { Expectation, ExpectationInput, Scenario } from '../model/types';
import { THRESHOLD_GRID, THRESHOLD_TOLERANCE, TIE_TOLERANCE } from './constants';
import { computeInputs, type Overrides, type Pin } from './inputs';
import { Probe, type ProbeResult } from './probe';

/**
 * Decision regression checks (FORMAT.md section 7): whether the best root option and its lead
 * over the runner-up are what the scenario's authors expect, at the base case, at a point
 * (`given`), or across intervals of some inputs (`while`).
 */

/** What was found where an expectation was looked at. */
export interface ExpectationPoint {
  /** Input values there (the moved inputs and the given ones), by name. */
  readonly values: Readonly<Record<string, number>>;
  /** Best root option there and its lead over the runner-up (null with a single option). */
  readonly choice: string | null;
  readonly margin: number | null;
}

/** A one-input `while` that fails past a break-even: the value and the side it fails on. */
export interface ExpectationBoundary {
  readonly input: string;
  readonly value: number;
  readonly side: 'below' | 'above';
}

export interface ExpectationCheck {
  readonly expectation: Expectation;
  readonly ok: boolean;
  /** Where it fails (closest to the base case), or null when it holds. */
  readonly counterexample: ExpectationPoint | null;
  /** For a one-input `while`: every break-even past which it fails, nearest the base first. */
  readonly boundaries: readonly ExpectationBoundary[];
  /** Why it could not be checked (a given value the tree cannot take, say). */
  readonly errors: readonly Diagnostic[];
}

/** Values per input on the grid of a `while` with several inputs. */
export const EXPECTATION_GRID = 9;

/** Checks every expectation of `scenario` with `overrides` as the base case. */
export function checkExpectations(
  scenario: Scenario,
  overrides: Overrides = {},
): ExpectationCheck[] {
  return scenario.expectations.map((e) => checkExpectation(scenario, e, overrides));
}

export function checkExpectation(
  scenario: Scenario,
  e: Expectation,
  overrides: Overrides = {},
): ExpectationCheck {
  const failed = (errors: readonly Diagnostic[]): ExpectationCheck => ({
    expectation: e,
    ok: false,
    counterexample: null,
    boundaries: [],
    errors,
  });
  const made = Probe.of(scenario, withGiven(e, overrides));
  if (!made.ok) return failed(made.errors);
  const probe = made.value;
  const base = computeInputs(probe.plan);
  if (!base.ok) return failed(base.errors);
  const givenValues = Object.fromEntries(
    e.given.map((g) => [g.input.name, valueOf(g.input, base.value.values, probe)]),
  );
  const at = (xs: readonly number[]): Result<ExpectationPoint & { holds: boolean }> => {
    const r = runWith(
      probe,
      e.while.map((w) => w.input),
      xs,
    );
    if (!r.ok) return r;
    const point = describe(
      probe,
      r.value,
      givenValues,
      e.while.map((w, i) => [w.input.name, xs[i]!]),
    );
    return { ok: true, value: { ...point, holds: holds(e, point) } };
  };
  if (e.while.length === 0) {
    const r = at([]);
    if (!r.ok) return failed(r.errors);
    const { holds: ok, ...point } = r.value;
    return { expectation: e, ok, counterexample: ok ? null : point, boundaries: [], errors: [] };
  }
  const baseXs = e.while.map((w) => valueOf(w.input, base.value.values, probe));
  return e.while.length === 1 ? oneInput(e, baseXs[0]!, at) : grid(e, baseXs, at);
}

type At = (xs: readonly number[]) => Result<ExpectationPoint & { holds: boolean }>;

/**
 * One input: the interval splits at the points where the expectation starts or stops holding,
 * found like break-evens (a grid, then bisection to 1e-12 of the interval). It fails when any
 * piece fails; the boundaries nearest the base value bound where it holds.
 */
function oneInput(e: Expectation, base: number, at: At): ExpectationCheck {
  const { low, high } = e.while[0]!;
  const name = e.while[0]!.input.name;
  const errors: Diagnostic[] = [];
  const test = (x: number): boolean | undefined => {
    const r = at([x]);
    if (!r.ok) {
      if (errors.length === 0) errors.push(...r.errors);
      return undefined;
    }
    return r.value.holds;
  };
  const span = high - low;
  const changes: { value: number; from: boolean; to: boolean }[] = [];
  let x0 = low;
  let h0 = test(low);
  const failing: number[] = h0 === false ? [low] : [];
  for (let i = 1; span > 0 && i <= THRESHOLD_GRID; i++) {
    const x1 = i === THRESHOLD_GRID ? high : low + (span * i) / THRESHOLD_GRID;
    const h1 = test(x1);
    if (h1 === false) failing.push(x1);
    if (h0 !== undefined && h1 !== undefined && h0 !== h1) {
      let lo = x0;
      let hi = x1;
      while (hi - lo > THRESHOLD_TOLERANCE * span) {
        const mid = (lo + hi) / 2;
        if (test(mid) === h0) lo = mid;
        else hi = mid;
      }
      changes.push({ value: (lo + hi) / 2, from: h0, to: h1 });
    }
    x0 = x1;
    h0 = h1;
  }
  if (errors.length > 0 && failing.length === 0 && changes.length === 0)
    return { expectation: e, ok: false, counterexample: null, boundaries: [], errors };
  if (failing.length === 0 && changes.every((c) => c.to))
    return { expectation: e, ok: true, counterexample: null, boundaries: [], errors: [] };
  // Each change into failing bounds where it holds: going up (fails above) or down (below).
  const from = Math.min(Math.max(base, low), high);
  const boundaries: ExpectationBoundary[] = changes.map((c) => ({
    input: name,
    value: c.value,
    side: c.to ? 'below' : 'above',
  }));
  boundaries.sort((a, b) => Math.abs(a.value - from) - Math.abs(b.value - from));
  const x =
    boundaries[0]?.value ??
    failing.reduce((best, v) => (Math.abs(v - from) < Math.abs(best - from) ? v : best));
  // The counterexample sits just on the failing side of the boundary, where the test ran.
  const probeAt = boundaries[0]
    ? x + (boundaries[0].side === 'below' ? -1 : 1) * THRESHOLD_TOLERANCE * span
    : x;
  const r = at([Math.min(Math.max(probeAt, low), high)]);
  const counterexample = r.ok
    ? { ...r.value, values: { ...r.value.values, [name]: x } }
    : { values: { [name]: x }, choice: null, margin: null };
  const { holds: _h, ...point } = counterexample as ExpectationPoint & { holds?: boolean };
  return { expectation: e, ok: false, counterexample: point, boundaries, errors: [] };
}

/**
 * Several inputs: every corner of the box and a grid of 9 values per input (corners included);
 * the counterexample is the failing point nearest the base case, relative to each interval.
 */
function grid(e: Expectation, base: readonly number[], at: At): ExpectationCheck {
  const axes = e.while.map((w) =>
    Array.from(
      { length: EXPECTATION_GRID },
      (_, k) => w.low + ((w.high - w.low) * k) / (EXPECTATION_GRID - 1),
    ),
  );
  let worst: { distance: number; point: ExpectationPoint } | null = null;
  let firstError: readonly Diagnostic[] | null = null;
  const xs = new Array<number>(axes.length);
  const visit = (d: number): void => {
    if (d === axes.length) {
      const r = at(xs);
      if (!r.ok) {
        firstError ??= r.errors;
        return;
      }
      if (r.value.holds) return;
      const distance = xs.reduce((sum, x, i) => {
        const w = e.while[i]!;
        const span = w.high - w.low || 1;
        return sum + ((x - base[i]!) / span) ** 2;
      }, 0);
      if (!worst || distance < worst.distance) {
        const { holds: _h, ...point } = r.value;
        worst = { distance, point };
      }
      return;
    }
    for (const x of axes[d]!) {
      xs[d] = x;
      visit(d + 1);
    }
  };
  visit(0);
  const found = worst as { distance: number; point: ExpectationPoint } | null;
  if (!found && firstError)
    return { expectation: e, ok: false, counterexample: null, boundaries: [], errors: firstError };
  return {
    expectation: e,
    ok: found === null,
    counterexample: found?.point ?? null,
    boundaries: [],
    errors: [],
  };
}

function holds(e: Expectation, p: ExpectationPoint): boolean {
  if (e.best !== null && p.choice !== e.best) return false;
  if (e.margin !== null) {
    const lead = p.margin ?? Infinity;
    if (lead < e.margin - TIE_TOLERANCE * Math.max(1, Math.abs(e.margin))) return false;
  }
  return true;
}

function describe(
  probe: Probe,
  r: ProbeResult,
  given: Readonly<Record<string, number>>,
  moved: readonly (readonly [string, number])[],
): ExpectationPoint {
  const scores = [...r.options];
  const best = r.best >= 0 ? scores[r.best]! : null;
  const rest = scores.filter((_, j) => j !== r.best);
  return {
    values: { ...given, ...Object.fromEntries(moved) },
    choice: probe.optionId(r.best),
    margin: best === null || rest.length === 0 ? null : best - Math.max(...rest),
  };
}

/** The overrides with the expectation's `given` on top (parameters like --set, weights like --weight). */
function withGiven(e: Expectation, overrides: Overrides): Overrides {
  const set: Record<string, number | string> = { ...overrides.set };
  const weight: Record<string, number> = { ...overrides.weight };
  for (const g of e.given) {
    if (g.input.kind === 'parameter') set[g.input.name] = g.value;
    else weight[g.input.name.slice('weight.'.length)] = Number(g.value);
  }
  return { ...overrides, set, weight };
}

function runWith(
  probe: Probe,
  inputs: readonly ExpectationInput[],
  xs: readonly number[],
): ReturnType<Probe['run']> {
  const pins: Pin[] = [];
  let weights: Float64Array | undefined;
  inputs.forEach((input, i) => {
    if (input.kind === 'parameter') pins.push({ index: input.index, value: xs[i]! });
    else (weights ??= probe.plan.weights.slice())[input.criterion] = xs[i]!;
  });
  return probe.run(pins, weights);
}

function valueOf(input: ExpectationInput, values: Float64Array, probe: Probe): number {
  return input.kind === 'parameter' ? values[input.index]! : probe.plan.weights[input.criterion]!;
}
