import { diagnostic, type Diagnostic, type Result } from '../model/diagnostic';
import { parseDistribution } from '../model/distribution';
import type { Scenario } from '../model/types';
import { MAX_ITERATIONS } from './constants';
import { formatNumber } from './format-number';
import { normalise, planInputs, type Inputs, type Overrides } from './inputs';
import { DECISION, pathOf, programOf, type Program } from './program';
import { rollback, rollbackBuffers, ties } from './rollback';
import { makeBlockSamplers, Random } from './sample';
import { makeKernel } from './simulate-kernel';

/** Iterations per block: each block draws from its own stream, seeded by (seed, block index). */
export const BLOCK = 4096;

/** Summary of one quantity over the iterations. */
export interface Spread {
  readonly mean: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

export interface OptionSimulation extends Spread {
  readonly id: string;
  readonly label: string;
  /** Share of iterations in which this option scores highest (first listed on a tie). */
  readonly p_best: number;
  /** The spread of each criterion's expected value, by criterion id. */
  readonly criteria: Readonly<Record<string, Spread>>;
}

/** The result of `branchpoint simulate --format json` (FORMAT.md section 3). */
export interface Simulation {
  readonly iterations: number;
  readonly seed: number;
  /** The parameters sampled (those with a distribution). */
  readonly sampled: readonly string[];
  readonly options: readonly OptionSimulation[];
  /** The option with the highest mean score: the choice without further information. */
  readonly best_in_expectation: string | null;
  /** Expected value of perfect information, in score units. */
  readonly evpi: number;
  /**
   * Expected value of partial perfect information about each sampled parameter alone, estimated
   * from the same iterations by averaging within bins of the parameter's sampled values; present
   * when asked for.
   */
  readonly evppi?: Readonly<Record<string, number>>;
}

export interface SimulationOptions {
  readonly iterations: number;
  readonly seed: number;
  /** Also estimate EVPPI per sampled parameter (costs a sort per parameter). */
  readonly evppi?: boolean;
  /**
   * Roll every iteration back with `rollback` instead of the chunked kernel (slower; the results
   * are the same, bit for bit, which the tests check).
   */
  readonly scalar?: boolean;
  /** Called now and then with the number of iterations done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Monte Carlo: each iteration draws every parameter that has a distribution, re-evaluates the
 * parameters that depend on them, and rolls the compiled tree back (no re-parsing, no math.js,
 * no allocation per iteration). A draw that makes the tree invalid is an error of the scenario,
 * reported with the sampled parameters involved and how often it happened; nothing is clipped.
 */
export function simulate(
  scenario: Scenario,
  options: SimulationOptions,
  overrides: Overrides = {},
): Result<Simulation> {
  const prepared = prepareSimulation(scenario, options, overrides);
  if (!prepared.ok) return prepared;
  const run = prepared.value;
  return run.finish(run.runBlocks(0, run.blocks));
}

/** Where a run keeps its per-iteration numbers (column-major, `iterations` per column). */
export type SimulationArray = 'scores' | 'criteria' | 'draws';

/**
 * A simulation ready to run, block by block. Blocks are independent (each draws from its own
 * stream), so they may be run in any order, by any thread, into shared arrays: the result is
 * the same, bit for bit.
 */
export interface PreparedSimulation {
  readonly iterations: number;
  readonly blocks: number;
  /** Nodes of the compiled tree: with the iterations, what a run costs. */
  readonly size: number;
  /** False when every iteration goes through `rollback` (nothing then to share out). */
  readonly chunked: boolean;
  /**
   * Draws and rolls back blocks [from, to). Returns the iterations the kernel flagged (invalid
   * draws), for `finish`.
   */
  runBlocks(from: number, to: number): number[];
  /** Rolls back the flagged iterations one by one, in ascending order, and summarises. */
  finish(flagged: readonly number[]): Result<Simulation>;
}

/**
 * Checks the options and the inputs and sets a run up. `allocate` gives the arrays of numbers
 * per iteration (shared memory when blocks run on several threads); by default, new ones.
 */
export function prepareSimulation(
  scenario: Scenario,
  options: SimulationOptions,
  overrides: Overrides = {},
  allocate: (name: SimulationArray, length: number) => Float64Array = (_, length) =>
    new Float64Array(length),
): Result<PreparedSimulation> {
  const { iterations, seed } = options;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    const message = `iterations must be a whole number from 1 to ${MAX_ITERATIONS}, not ${formatNumber(iterations)}`;
    return { ok: false, errors: [diagnostic('BAD_OVERRIDE', message, undefined, 'iterations')] };
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    const message = `seed must be a whole number from 0 to 4294967295, not ${formatNumber(seed)}`;
    return { ok: false, errors: [diagnostic('BAD_OVERRIDE', message, undefined, 'seed')] };
  }
  const planned = planInputs(scenario, overrides);
  if (!planned.ok) return planned;
  const plan = planned.value;
  const coefficients = normalise(scenario, plan.weights);
  if (!coefficients) {
    return {
      ok: false,
      errors: [diagnostic('ZERO_TOTAL_WEIGHT', 'the criterion weights sum to 0', undefined)],
    };
  }
  const program = programOf(scenario);

  // A parameter set by an override is held at that value: the analyst asked for it. So is one an
  // observation updated: its posterior is what the analyst now believes.
  const held = new Set([
    ...Object.keys(overrides.set ?? {}),
    ...(overrides.observe ?? []).flatMap((o) => {
      const i = scenario.indicators.find((x) => x.id === o.id);
      return i ? [scenario.parameters[i.parameter]!.name] : [];
    }),
  ]);
  const sampledParams = scenario.parameters.filter(
    (p) => p.distribution !== null && !held.has(p.name),
  );
  const distributions = sampledParams.map((p) => {
    const d = parseDistribution(p.distribution!);
    // The loader has checked every distribution, so this cannot fail.
    if (!d.ok) throw new Error(d.message);
    return d.value;
  });
  const sampled = Int32Array.from(sampledParams, (p) => p.index);
  // Criterion weights with a distribution are drawn too, unless --weight holds them; their
  // columns follow the parameters' in `draws`.
  const heldWeights = new Set(Object.keys(overrides.weight ?? {}));
  const sampledWeights = scenario.criteria.flatMap((c, k) =>
    c.weightDistribution !== null && !heldWeights.has(c.id) ? [k] : [],
  );
  const weightDistributions = sampledWeights.map((k) => {
    const d = parseDistribution(scenario.criteria[k]!.weightDistribution!);
    if (!d.ok) throw new Error(d.message);
    return d.value;
  });
  const samplers = makeBlockSamplers([...distributions, ...weightDistributions]);
  const columns = sampled.length + sampledWeights.length;
  const pinned = new Uint8Array(scenario.parameters.length);
  for (const i of sampled) pinned[i] = 1;
  const order = plan.order.filter((i) => !pinned[i]);

  const n = program.kind[0] === DECISION ? program.childCount[0]! : 0;
  const C = program.criteria;
  const first = program.firstChild[0]!;
  // Column-major: scores[j * iterations + t] is option j's score in iteration t.
  const scores = allocate('scores', Math.max(n, 1) * iterations);
  const criteria = allocate('criteria', Math.max(n, 1) * C * iterations);
  const draws = allocate('draws', columns * iterations);
  const values = new Float64Array(scenario.parameters.length);
  const weights = plan.weights.slice();
  const inputs: { -readonly [K in keyof Inputs]: Inputs[K] } = {
    values,
    weights,
    coefficients,
    probabilities: plan.probabilities,
  };
  const work = rollbackBuffers(program);
  const invalid = new Map<string, { count: number; error: Diagnostic }>();

  // One iteration through `rollback`: for a run whose inputs are invalid whatever is drawn, and
  // for each iteration the kernel flags, to report its problems.
  const scalar = (t: number) => {
    for (let s = 0; s < sampled.length; s++) values[sampled[s]!] = draws[s * iterations + t]!;
    let bad: Diagnostic[] | undefined;
    if (sampledWeights.length > 0) {
      sampledWeights.forEach(
        (k, w) => (weights[k] = draws[(sampled.length + w) * iterations + t]!),
      );
      const drawn =
        weights.every((x) => Number.isFinite(x) && x >= 0) && normalise(scenario, weights);
      if (drawn) inputs.coefficients = drawn;
      else {
        const id = scenario.criteria[sampledWeights.find((k) => !(weights[k]! >= 0)) ?? 0]!.id;
        const message = `a drawn weight of '${id}' is below 0, or the drawn weights sum to 0`;
        bad = [diagnostic('BAD_VALUE', message, undefined, `weight:${id}`)];
      }
    }
    for (const i of order) {
      const q = plan.quantities[i]!;
      const v = q.kind === 'number' ? q.value : q.expression.evaluate(values);
      values[i] = v;
      if (!Number.isFinite(v)) {
        const name = scenario.parameters[i]!.name;
        bad = [
          diagnostic('NOT_FINITE', `parameter '${name}' is not a finite number`, undefined, name),
        ];
      }
    }
    const result = bad ? undefined : rollback(program, inputs, work);
    if (!result?.ok) {
      for (const e of bad ?? (result && !result.ok ? result.errors : [])) {
        const key = `${e.code}:${e.path ?? ''}`;
        const seen = invalid.get(key);
        if (seen) seen.count++;
        else invalid.set(key, { count: 1, error: e });
      }
      return;
    }
    const r = result.value;
    if (n === 0) {
      scores[t] = r.score[0]!;
      for (let c = 0; c < C; c++) criteria[c * iterations + t] = r.expected[c]!;
    } else {
      let rootPayoff = 0;
      for (let c = 0; c < C; c++) rootPayoff += inputs.coefficients[c]! * r.payoff[c]!;
      for (let j = 0; j < n; j++) {
        scores[j * iterations + t] = r.score[first + j]! + rootPayoff;
        for (let c = 0; c < C; c++) {
          criteria[(j * C + c) * iterations + t] = r.expected[(first + j) * C + c]! + r.payoff[c]!;
        }
      }
    }
  };

  // The kernel rolls back with one set of weights; drawn weights take the scalar path.
  const kernel =
    options.scalar || sampledWeights.length > 0
      ? undefined
      : makeKernel(program, plan, coefficients, sampled, scenario.parameters.length);
  const blocks = Math.ceil(iterations / BLOCK);
  return {
    ok: true,
    value: {
      iterations,
      blocks,
      size: program.size,
      chunked: kernel !== undefined,
      runBlocks(from: number, to: number): number[] {
        const flagged: number[] = [];
        for (let b = from; b < to; b++) {
          const start = b * BLOCK;
          const end = Math.min(iterations, start + BLOCK);
          // Each block of iterations draws from a stream of its own, seeded by (seed, block).
          const random = new Random(seed, b);
          for (let s = 0; s < columns; s++)
            samplers[s]!(random, draws.subarray(s * iterations + start, s * iterations + end));
          if (kernel) flagged.push(...kernel.run(start, end, draws, iterations, scores, criteria));
          else for (let t = start; t < end; t++) flagged.push(t);
          if (options.onProgress) options.onProgress(end, iterations);
        }
        return flagged;
      },
      finish(flagged: readonly number[]): Result<Simulation> {
        for (const t of flagged) scalar(t);
        if (invalid.size > 0)
          return {
            ok: false,
            errors: invalidSampleErrors(
              program,
              invalid,
              iterations,
              sampledParams.map((p) => p.name),
            ),
          };
        const names = [
          ...sampledParams.map((p) => p.name),
          ...sampledWeights.map((k) => `weight:${scenario.criteria[k]!.id}`),
        ];
        return {
          ok: true,
          value: summarise(
            program,
            scenario,
            seed,
            iterations,
            n,
            scores,
            criteria,
            options.evppi ? { draws, names } : undefined,
            names,
          ),
        };
      },
    },
  };
}

function summarise(
  program: Program,
  scenario: Scenario,
  seed: number,
  iterations: number,
  n: number,
  scores: Float64Array,
  criteria: Float64Array,
  partial: { draws: Float64Array; names: string[] } | undefined,
  sampled: string[],
): Simulation {
  const C = program.criteria;
  const columns = Math.max(n, 1);
  const column = (a: Float64Array, k: number) => a.subarray(k * iterations, (k + 1) * iterations);
  const means = Array.from({ length: columns }, (_, j) => mean(column(scores, j)));
  const bestInExpectation = argmax(means);
  // Best option per iteration, first listed on a tie, as in rollback.
  const bestCount = new Float64Array(columns);
  // EVPI as the mean regret of committing to the option best in expectation: exactly 0 when
  // that option is best in every iteration.
  const regret = new Float64Array(iterations);
  for (let t = 0; t < iterations; t++) {
    let best = 0;
    for (let j = 1; j < columns; j++) {
      const a = scores[j * iterations + t]!;
      const b = scores[best * iterations + t]!;
      if (a > b && !ties(a, b)) best = j;
    }
    bestCount[best]!++;
    regret[t] = scores[best * iterations + t]! - scores[bestInExpectation * iterations + t]!;
  }
  const evpi = mean(regret);
  const options: OptionSimulation[] =
    n === 0
      ? []
      : Array.from({ length: n }, (_, j) => {
          const node = program.nodes[program.firstChild[0]! + j]!;
          return {
            id: node.id,
            label: node.label,
            ...spread(column(scores, j)),
            p_best: bestCount[j]! / iterations,
            criteria: Object.fromEntries(
              scenario.criteria.map((c, k) => [c.id, spread(column(criteria, j * C + k))]),
            ),
          };
        });
  const evppi =
    partial &&
    Object.fromEntries(
      partial.names.map((name, s) => [
        name,
        n > 1
          ? partialInformation(
              column(partial.draws, s),
              scores,
              iterations,
              columns,
              means[bestInExpectation]!,
            )
          : 0,
      ]),
    );
  return {
    iterations,
    seed,
    sampled,
    options,
    best_in_expectation: n > 0 ? options[bestInExpectation]!.id : null,
    evpi,
    ...(evppi && { evppi }),
  };
}

/**
 * EVPPI of one parameter: cut its draws into equal-count bins, and in each bin take the option
 * with the best mean score, as if the parameter's value were known. Bins of a few hundred
 * iterations keep the estimate's upward bias from noise small.
 */
function partialInformation(
  draw: Float64Array,
  scores: Float64Array,
  iterations: number,
  columns: number,
  baseline: number,
): number {
  const bins = Math.max(1, Math.min(50, Math.floor(iterations / 200)));
  const sorted = Float64Array.from(draw).sort();
  const edges = Float64Array.from(
    { length: bins - 1 },
    (_, b) => sorted[Math.floor(((b + 1) * iterations) / bins)]!,
  );
  const sums = new Float64Array(bins * columns);
  for (let t = 0; t < iterations; t++) {
    // Binary search for the first edge above the draw; ties go up, so equal draws share a bin.
    let lo = 0;
    let hi = edges.length;
    const x = draw[t]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    for (let j = 0; j < columns; j++) sums[lo * columns + j]! += scores[j * iterations + t]!;
  }
  let total = 0;
  for (let b = 0; b < bins; b++) {
    let best = -Infinity;
    for (let j = 0; j < columns; j++) best = Math.max(best, sums[b * columns + j]!);
    total += best;
  }
  return Math.max(0, total / iterations - baseline);
}

function invalidSampleErrors(
  program: Program,
  invalid: Map<string, { count: number; error: Diagnostic }>,
  iterations: number,
  sampled: string[],
): Diagnostic[] {
  return [...invalid.values()].map(({ count, error }) => {
    if (error.path?.startsWith('weight:'))
      return {
        ...error,
        message: `in ${count} of ${iterations} samples: ${error.message}; give the weight a distribution that stays at or above 0`,
      };
    const involved = involvedParameters(program, error.path, sampled);
    const which = involved.length > 0 ? involved.join(', ') : sampled.join(', ');
    const message = `in ${count} of ${iterations} samples of ${which}: ${error.message}; give ${involved.length === 1 ? 'this parameter' : 'these parameters'} distributions that keep the tree valid (a "#" branch absorbs its siblings)`;
    return { ...error, message, path: involved[0] ?? error.path };
  });
}

/** The sampled parameters that the probabilities under the node at `path` read, directly or not. */
function involvedParameters(program: Program, path: string | null, sampled: string[]): string[] {
  const { scenario } = program;
  if (path !== null && scenario.parameters.some((p) => p.name === path))
    return sampled.includes(path) ? [path] : [];
  let node = -1;
  for (let i = 0; i < program.size && node < 0; i++) if (pathOf(program, i) === path) node = i;
  if (node < 0) return [];
  const reads = new Set<number>();
  const visit = (index: number) => {
    if (reads.has(index)) return;
    reads.add(index);
    const q = scenario.parameters[index]!.value;
    if (q.kind === 'expression') q.expression.uses.forEach(visit);
  };
  const branches = [
    node,
    ...Array.from({ length: program.childCount[node]! }, (_, k) => program.firstChild[node]! + k),
  ];
  for (const b of branches) {
    const p = program.nodes[b]!.probability;
    if (p?.kind === 'expression') p.expression.uses.forEach(visit);
  }
  return sampled.filter((name) => [...reads].some((i) => scenario.parameters[i]!.name === name));
}

/** Mean with Neumaier's compensated sum: a million draws of 0.8 average to exactly 0.8. */
function mean(xs: Float64Array): number {
  let sum = 0;
  let compensation = 0;
  for (const x of xs) {
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return (sum + compensation) / xs.length;
}

function argmax(xs: number[]): number {
  let best = 0;
  for (let j = 1; j < xs.length; j++) if (xs[j]! > xs[best]!) best = j;
  return best;
}

/** Mean and the 5th, 50th and 95th percentiles (linear interpolation between order statistics). */
function spread(xs: Float64Array): Spread {
  const work = Float64Array.from(xs);
  const q = (p: number) => {
    const h = (work.length - 1) * p;
    const k = Math.floor(h);
    const lower = select(work, k);
    if (k + 1 >= work.length || h === k) return lower;
    // After selection everything right of k is >= the k-th value; the next order statistic is their minimum.
    let upper = Infinity;
    for (let i = k + 1; i < work.length; i++) upper = Math.min(upper, work[i]!);
    return lower + (h - k) * (upper - lower);
  };
  return { mean: mean(xs), p5: q(0.05), p50: q(0.5), p95: q(0.95) };
}

/**
 * The k-th smallest value (0-based), by quickselect with median-of-three pivots: linear time on
 * average, where sorting 100,000 samples per quantity would dominate a simulation's summary.
 * Reorders `a` so that a[k] holds it, smaller values before and larger after.
 */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three into a[mid], then used as the pivot.
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
