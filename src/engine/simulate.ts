import { diagnostic, type Diagnostic, type Result } from '../model/diagnostic';
import { parseDistribution } from '../model/distribution';
import type { Scenario } from '../model/types';
import { MAX_ITERATIONS } from './constants';
import { formatNumber } from './format-number';
import { normalise, planInputs, type Inputs, type Overrides } from './inputs';
import { DECISION, programOf } from './program';
import { rollback, rollbackBuffers } from './rollback';
import { makeBlockSamplers, Random } from './sample';
import { makeKernel, type KernelBackend } from './simulate-kernel';
import {
  invalidSampleErrors,
  spreadCount,
  spreads,
  summarise,
  type Simulation,
  type Spread,
} from './simulation-summary';

export type { OptionSimulation, Simulation, Spread } from './simulation-summary';

/** Iterations per block: each block draws from its own stream, seeded by (seed, block index). */
export const BLOCK = 4096;

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
  /** Which kernel rolls the iterations back (tests compare them; by default the fastest). */
  readonly kernel?: KernelBackend;
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
  /** How many spreads the summary shows (see `spreads`). */
  readonly spreadCount: number;
  /**
   * The summary's spread numbered `q` (`spreads` in simulation-summary.ts), once every block has
   * run and none was flagged: threads can share them out too.
   */
  spread(q: number): Spread;
  /**
   * Rolls back the flagged iterations one by one, in ascending order, and summarises; with
   * `given`, all the spreads, computed already (only when nothing was flagged).
   */
  finish(flagged: readonly number[], given?: readonly Spread[]): Result<Simulation>;
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
      : makeKernel(
          program,
          plan,
          coefficients,
          sampled,
          scenario.parameters.length,
          options.kernel,
        );
  const blocks = Math.ceil(iterations / BLOCK);
  /** Scratch space of `spreads`, made on its first call. */
  let spreadWork: Float64Array | undefined;
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
      spreadCount: spreadCount(n, C),
      spread: (q) =>
        spreads(
          scores,
          criteria,
          iterations,
          n,
          q,
          q + 1,
          (spreadWork ??= new Float64Array(iterations)),
        )[0]!,
      finish(flagged: readonly number[], given?: readonly Spread[]): Result<Simulation> {
        if (given && flagged.length > 0)
          throw new Error('spreads computed before the flagged iterations were rolled back');
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
            given,
          ),
        };
      },
    },
  };
}
