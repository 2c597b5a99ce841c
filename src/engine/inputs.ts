import { compileExpression } from '../expr/compile-expression';
import { orderParameters } from '../expr/order-parameters';
import { diagnostic, type Diagnostic, type Result } from '../model/diagnostic';
import { bandOfPhrase, nearestPhrase } from '../model/phrases';
import type { Quantity, Scenario } from '../model/types';
import { formatNumber } from './format-number';
import { pathOf, programOf } from './program';

/**
 * What an analyst changes without editing the file: parameter values (a number or an expression,
 * like `--set`) and criterion weights (like `--weight`).
 */
export interface Overrides {
  readonly set?: Readonly<Record<string, number | string>>;
  readonly weight?: Readonly<Record<string, number>>;
  /** Literal branch probabilities, by node path (the web form's probability fields). */
  readonly probability?: Readonly<Record<string, number>>;
  /** Indicators seen (or looked for and not seen), applied after `set` in this order. */
  readonly observe?: readonly Observation[];
}

/** One indicator looked for: seen, or not seen (FORMAT.md section 9). */
export interface Observation {
  readonly id: string;
  readonly seen: boolean;
}

/** A literal branch probability replaced for one evaluation. */
export interface ProbabilityOverride {
  readonly node: number;
  readonly value: number;
}

/** The numbers one evaluation runs on. */
export interface Inputs {
  /** Parameter values, by `Parameter.index`. */
  readonly values: Float64Array;
  /** Criterion weights as given (after overrides), by criterion index. */
  readonly weights: Float64Array;
  /** `s_c * w_c / W` per criterion: a path's score is the dot product with its totals. */
  readonly coefficients: Float64Array;
  /** Literal branch probabilities replaced by overrides. */
  readonly probabilities?: readonly ProbabilityOverride[];
}

/**
 * Overrides applied and checked, parameters put in evaluation order: everything about the inputs
 * that does not change when an analysis moves one parameter or weight at a time.
 */
export interface InputPlan {
  readonly scenario: Scenario;
  /** Each parameter's value or expression, after `--set`. */
  readonly quantities: readonly Quantity[];
  /** Parameter indices in an order where each comes after those it reads. */
  readonly order: readonly number[];
  /** Criterion weights after `--weight`. */
  readonly weights: Float64Array;
  readonly probabilities: readonly ProbabilityOverride[];
}

/** Applies and checks `overrides`; no parameter is evaluated yet. */
export function planInputs(scenario: Scenario, overrides: Overrides = {}): Result<InputPlan> {
  const errors: Diagnostic[] = [];
  const quantities = parameterQuantities(scenario, overrides.set ?? {}, errors);
  const weights = criterionWeights(scenario, overrides.weight ?? {}, errors);
  const probabilities = probabilityOverrides(scenario, overrides.probability ?? {}, errors);
  if (errors.length > 0 || !quantities) return { ok: false, errors };

  const ordered = orderOf(scenario, quantities);
  if (!ordered.ok) {
    const names = ordered.cycles[0]!.map((i) => scenario.parameters[i]!.name);
    const message = `the overrides make parameters depend on each other in a cycle: ${names.join(' -> ')}`;
    return { ok: false, errors: [diagnostic('PARAMETER_CYCLE', message, undefined, names[0])] };
  }
  const plan = { scenario, quantities, order: ordered.order, weights, probabilities };
  return overrides.observe?.length ? observe(plan, overrides.observe) : { ok: true, value: plan };
}

/**
 * Parameters in an order where each comes after those it reads. When no override brings in an
 * expression, the file's own order serves: replacing expressions by numbers only removes
 * dependencies, and an order stays right when some go. The live page and the API evaluate
 * thousands of single-value changes: this skips a sort per evaluation.
 */
function orderOf(
  scenario: Scenario,
  quantities: readonly Quantity[],
): ReturnType<typeof orderParameters> {
  const own = scenarioFacts(scenario).order;
  if (own && quantities.every((q, i) => q.kind === 'number' || q === scenario.parameters[i]!.value))
    return { ok: true, order: own };
  return orderParameters(usesOf(quantities));
}

/** The parameters each quantity reads. */
function usesOf(quantities: readonly Quantity[]): (readonly number[])[] {
  return quantities.map((q) => (q.kind === 'expression' ? q.expression.uses : []));
}

/** What every evaluation of a scenario looks up: parameter indices by name, the file's order. */
interface ScenarioFacts {
  readonly index: ReadonlyMap<string, number>;
  /** Undefined when the file's parameters read each other in a cycle (the loader refuses it). */
  readonly order: number[] | undefined;
}

function scenarioFacts(scenario: Scenario): ScenarioFacts {
  let facts = facts$.get(scenario);
  if (!facts) {
    const ordered = orderParameters(usesOf(scenario.parameters.map((p) => p.value)));
    facts = {
      index: new Map(scenario.parameters.map((p) => [p.name, p.index])),
      order: ordered.ok ? ordered.order : undefined,
    };
    facts$.set(scenario, facts);
  }
  return facts;
}

const facts$ = new WeakMap<Scenario, ScenarioFacts>();

/**
 * Applies observations in order: each replaces its parameter's value `p`, as the other inputs
 * make it at that point, by Bayes' rule (seen: p t / (p t + (1 - p) f); not seen: with 1 - t and
 * 1 - f), and holds it there, so what depends on it follows.
 */
function observe(plan: InputPlan, observations: readonly Observation[]): Result<InputPlan> {
  const { scenario } = plan;
  const quantities = [...plan.quantities];
  for (const o of observations) {
    const indicator = scenario.indicators.find((i) => i.id === o.id);
    if (!indicator) {
      const known = scenario.indicators.map((i) => i.id);
      const message = `cannot observe '${o.id}': no such indicator${known.length > 0 ? `; indicators are ${known.join(', ')}` : '; the scenario lists no indicators'}`;
      return { ok: false, errors: [diagnostic('UNKNOWN_INDICATOR', message, undefined, o.id)] };
    }
    const inputs = computeInputs({ ...plan, quantities });
    if (!inputs.ok) return inputs;
    const parameter = scenario.parameters[indicator.parameter]!;
    const prior = inputs.value.values[indicator.parameter]!;
    const posterior = bayes(prior, indicator.ifTrue, indicator.ifFalse, o.seen);
    const problem =
      prior < 0 || prior > 1
        ? `'${parameter.name}' is ${formatNumber(prior)}, not a probability`
        : Number.isNaN(posterior)
          ? `${o.seen ? 'seeing' : 'not seeing'} '${o.id}' is impossible when '${parameter.name}' is ${formatNumber(prior)} (it has probability 0)`
          : null;
    if (problem !== null) {
      const message = `cannot observe '${o.id}': ${problem}`;
      return { ok: false, errors: [diagnostic('BAD_OVERRIDE', message, undefined, o.id)] };
    }
    quantities[indicator.parameter] = { kind: 'number', value: posterior, at: parameter.at };
  }
  const order = orderOf(scenario, quantities);
  return { ok: true, value: { ...plan, quantities, order: order.ok ? order.order : plan.order } };
}

/** P(event | the indicator seen or not seen), or NaN when that observation has probability 0. */
export function bayes(prior: number, ifTrue: number, ifFalse: number, seen: boolean): number {
  const t = seen ? ifTrue : 1 - ifTrue;
  const f = seen ? ifFalse : 1 - ifFalse;
  const evidence = prior * t + (1 - prior) * f;
  return evidence > 0 ? (prior * t) / evidence : NaN;
}

/** A parameter held at a value, its own expression skipped (sensitivity, simulation). */
export interface Pin {
  readonly index: number;
  readonly value: number;
}

/**
 * Evaluates every parameter of `plan` in dependency order, with `pins` holding some at given
 * values, and normalises the weights (`weights` replaces the plan's when given).
 */
export function computeInputs(
  plan: InputPlan,
  pins: readonly Pin[] = [],
  weights: Float64Array = plan.weights,
): Result<Inputs> {
  const { scenario, quantities, order } = plan;
  const errors: Diagnostic[] = [];
  const values = new Float64Array(quantities.length);
  const pinned = new Uint8Array(quantities.length);
  for (const pin of pins) {
    values[pin.index] = pin.value;
    pinned[pin.index] = 1;
  }
  for (const i of order) {
    if (pinned[i]) continue;
    const q = quantities[i]!;
    if (q.kind === 'number') {
      values[i] = q.value;
      continue;
    }
    const value = q.expression.evaluate(values);
    values[i] = value;
    if (!Number.isFinite(value) && q.expression.uses.every((u) => Number.isFinite(values[u]))) {
      const p = scenario.parameters[i]!;
      errors.push(
        diagnostic(
          'NOT_FINITE',
          `parameter '${p.name}' = '${q.expression.text}' is ${value}, not a finite number`,
          q.at,
          p.name,
        ),
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const coefficients = normalise(scenario, weights);
  if (!coefficients) {
    const message = 'the criterion weights sum to 0; at least one weight must be > 0';
    return {
      ok: false,
      errors: [diagnostic('ZERO_TOTAL_WEIGHT', message, scenario.criteria[0]!.at)],
    };
  }
  return { ok: true, value: { values, weights, coefficients, probabilities: plan.probabilities } };
}

/** `s_c * w_c / W` per criterion, or undefined when the weights sum to 0. */
export function normalise(scenario: Scenario, weights: Float64Array): Float64Array | undefined {
  // Loops rather than the typed array's `reduce` and `map`, which take callbacks: every
  // evaluation normalises its weights.
  let total = 0;
  for (let c = 0; c < weights.length; c++) total += weights[c]!;
  if (!(total > 0)) return undefined;
  const out = new Float64Array(weights.length);
  for (let c = 0; c < weights.length; c++)
    out[c] = ((scenario.criteria[c]!.direction === 'min' ? -1 : 1) * weights[c]!) / total;
  return out;
}

/** Applies `overrides` and evaluates every parameter, in dependency order. */
export function resolveInputs(scenario: Scenario, overrides: Overrides = {}): Result<Inputs> {
  const plan = planInputs(scenario, overrides);
  return plan.ok ? computeInputs(plan.value) : plan;
}

function parameterQuantities(
  scenario: Scenario,
  set: Readonly<Record<string, number | string>>,
  errors: Diagnostic[],
): Quantity[] | undefined {
  const quantities: Quantity[] = scenario.parameters.map((p) => p.value);
  const { index } = scenarioFacts(scenario);
  for (const [name, value] of Object.entries(set)) {
    const i = index.get(name);
    if (i === undefined) {
      errors.push(
        diagnostic(
          'UNKNOWN_PARAMETER',
          `cannot set '${name}': no such parameter${known(scenario.parameters.map((p) => p.name))}`,
          undefined,
          name,
        ),
      );
      continue;
    }
    const at = scenario.parameters[i]!.at;
    if (typeof value === 'number') {
      if (Number.isFinite(value)) quantities[i] = { kind: 'number', value, at };
      else
        errors.push(
          diagnostic(
            'BAD_OVERRIDE',
            `cannot set '${name}' to ${value}: expected a finite number`,
            undefined,
            name,
          ),
        );
      continue;
    }
    const band = bandOfPhrase(value);
    if (band) {
      quantities[i] = { kind: 'number', value: band.value, at };
      continue;
    }
    const compiled = compileExpression(value, index);
    const phrase = compiled.ok || index.has(value.trim()) ? undefined : nearestPhrase(value);
    if (compiled.ok) quantities[i] = { kind: 'expression', expression: compiled.expression, at };
    else if (phrase)
      errors.push(
        diagnostic(
          'UNKNOWN_PHRASE',
          `cannot set '${name}': '${value}' is neither an expression nor an estimative phrase; did you mean '${phrase}'?`,
          undefined,
          name,
        ),
      );
    else
      for (const p of compiled.problems)
        errors.push(
          diagnostic('BAD_OVERRIDE', `cannot set '${name}': ${p.message}`, undefined, name),
        );
  }
  return errors.length > 0 ? undefined : quantities;
}

function criterionWeights(
  scenario: Scenario,
  weight: Readonly<Record<string, number>>,
  errors: Diagnostic[],
): Float64Array {
  // Not `Float64Array.from` with a mapping function, ten times as slow as this loop.
  const weights = new Float64Array(scenario.criteria.length);
  for (let c = 0; c < weights.length; c++) weights[c] = scenario.criteria[c]!.weight;
  for (const [id, value] of Object.entries(weight)) {
    const c = scenario.criteria.findIndex((x) => x.id === id);
    if (c < 0) {
      errors.push(
        diagnostic(
          'UNKNOWN_CRITERION',
          `cannot weight '${id}': no such criterion${known(scenario.criteria.map((x) => x.id))}`,
          undefined,
          id,
        ),
      );
    } else if (!Number.isFinite(value) || value < 0) {
      errors.push(
        diagnostic(
          'BAD_OVERRIDE',
          `weight of '${id}' must be a number >= 0, not ${formatNumber(value)}`,
          undefined,
          id,
        ),
      );
    } else {
      weights[c] = value;
    }
  }
  return weights;
}

function known(names: string[]): string {
  return names.length > 0 ? `; known: ${names.join(', ')}` : '';
}

function probabilityOverrides(
  scenario: Scenario,
  probability: Readonly<Record<string, number>>,
  errors: Diagnostic[],
): ProbabilityOverride[] {
  const entries = Object.entries(probability);
  if (entries.length === 0) return [];
  const program = programOf(scenario);
  const index = new Map<string, number>();
  for (let i = 0; i < program.size; i++) index.set(pathOf(program, i), i);
  const out: ProbabilityOverride[] = [];
  for (const [path, value] of entries) {
    const node = index.get(path);
    const p = node === undefined ? undefined : program.nodes[node]!.probability;
    if (node === undefined || !p) {
      errors.push(
        diagnostic(
          'BAD_OVERRIDE',
          `no branch of a chance node has the path '${path}'`,
          undefined,
          path,
        ),
      );
    } else if (p.kind !== 'number') {
      const why =
        p.kind === 'complement'
          ? 'is "#", the rest of its siblings'
          : `comes from the expression '${p.expression.text}'; change its parameters instead`;
      errors.push(
        diagnostic('BAD_OVERRIDE', `the probability of '${path}' ${why}`, undefined, path),
      );
    } else if (!Number.isFinite(value) || value < 0 || value > 1) {
      errors.push(
        diagnostic(
          'PROBABILITY_RANGE',
          `probability of '${path}' must lie in [0, 1], not ${formatNumber(value)}`,
          undefined,
          path,
        ),
      );
    } else {
      out.push({ node, value });
    }
  }
  return out;
}
