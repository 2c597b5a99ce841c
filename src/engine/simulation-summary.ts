import type { Diagnostic } from '../model/diagnostic';
import type { Scenario } from '../model/types';
import { pathOf, type Program } from './program';
import { ties } from './rollback';

/**
 * What a simulation found, summarised from the numbers of every iteration: each option's spread
 * and chance of being best, EVPI and (when asked) EVPPI, and the draws that made the tree invalid
 * as errors naming the parameters involved.
 */

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

/**
 * The spreads a summary shows, numbered: each of the `n` options' score (0 to n - 1), then each
 * option's criteria (n + j * C + k). `spreads(…, from, to)` computes those numbered [from, to),
 * so that threads can share them out; `summarise` takes them all, or computes them.
 */
export function spreadCount(n: number, C: number): number {
  return n * (1 + C);
}

export function spreads(
  scores: Float64Array,
  criteria: Float64Array,
  iterations: number,
  n: number,
  from: number,
  to: number,
  work: Float64Array = new Float64Array(iterations),
): Spread[] {
  const result: Spread[] = [];
  for (let q = from; q < to; q++) {
    const [array, k] = q < n ? [scores, q] : [criteria, q - n];
    result.push(spread(array.subarray(k * iterations, (k + 1) * iterations), work));
  }
  return result;
}

export function summarise(
  program: Program,
  scenario: Scenario,
  seed: number,
  iterations: number,
  n: number,
  scores: Float64Array,
  criteria: Float64Array,
  partial: { draws: Float64Array; names: string[] } | undefined,
  sampled: string[],
  given?: readonly Spread[],
): Simulation {
  const C = program.criteria;
  const columns = Math.max(n, 1);
  const column = (a: Float64Array, k: number) => a.subarray(k * iterations, (k + 1) * iterations);
  const spreadOf = given ?? spreads(scores, criteria, iterations, n, 0, spreadCount(n, C));
  // Each option's mean is its spread's (the same sum, made once).
  const means = n > 0 ? spreadOf.slice(0, n).map((s) => s.mean) : [mean(column(scores, 0))];
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
            ...spreadOf[j]!,
            p_best: bestCount[j]! / iterations,
            criteria: Object.fromEntries(
              scenario.criteria.map((c, k) => [c.id, spreadOf[n + j * C + k]!]),
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

export function invalidSampleErrors(
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
  range(xs);
  return bounds[2]!;
}

function argmax(xs: number[]): number {
  let best = 0;
  for (let j = 1; j < xs.length; j++) if (xs[j]! > xs[best]!) best = j;
  return best;
}

/** The percentiles of a `Spread`. */
const PERCENTILES = [0.05, 0.5, 0.95] as const;

/**
 * Mean and the 5th, 50th and 95th percentiles (linear interpolation between order statistics).
 * `work` is scratch space of the same length, reused from one quantity to the next.
 */
export function spread(xs: Float64Array, work: Float64Array = new Float64Array(xs.length)): Spread {
  range(xs);
  const mean = bounds[2]!;
  const [p5, p50, p95] = byHistogram(xs, work) ?? bySelection(xs, work);
  return { mean, p5, p50, p95 };
}

type Percentiles = [p5: number, p50: number, p95: number];

function bySelection(xs: Float64Array, work: Float64Array): Percentiles {
  work.set(xs);
  // Each selection leaves everything right of its k at or above it, so the next, higher
  // percentile is selected from there on only.
  let from = 0;
  const at = (p: number): number => {
    const q = quantile(work, p, from);
    from = Math.floor((work.length - 1) * p);
    return q;
  };
  return [at(PERCENTILES[0]), at(PERCENTILES[1]), at(PERCENTILES[2])];
}

/** Buckets of `byHistogram`'s histogram. */
const BUCKETS = 2048;
/** Below this many values, selection alone is as quick. */
const HISTOGRAM_FROM = 4096;
const counts = new Int32Array(BUCKETS);
const segment = new Int32Array(BUCKETS).fill(-1);

// Each pass over the values is a function of its own: each is optimised on its own as soon as
// it is hot, rather than one long function from a loop in the middle, then again for the rest.

/**
 * The least value, the greatest and the mean (Neumaier's compensated sum), into `bounds`: one
 * pass for what the mean and the histogram both need.
 */
const bounds = new Float64Array(3);
function range(xs: Float64Array): void {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    min = x < min ? x : min;
    max = x > max ? x : max;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  bounds[0] = min;
  bounds[1] = max;
  bounds[2] = (sum + compensation) / xs.length;
}

/** How many values fall into each bucket, into `counts`. */
function count(xs: Float64Array, min: number, scale: number): void {
  counts.fill(0);
  for (let i = 0; i < xs.length; i++) counts[bucketOf(xs[i]!, min, scale)]!++;
}

/** The values of the buckets that have a segment, into `work`, from each segment's start. */
function gather(
  xs: Float64Array,
  min: number,
  scale: number,
  work: Float64Array,
  fill: Int32Array,
): void {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const s = segment[bucketOf(x, min, scale)]!;
    if (s >= 0) work[fill[s]!++] = x;
  }
}

/**
 * The bucket of `x` (at least `min`): (x - min) * scale is at least 0, so truncating is flooring,
 * and it is monotonic in x. A function of the module, not a closure per call, so optimised code
 * that inlines it stays valid from one call to the next.
 */
function bucketOf(x: number, min: number, scale: number): number {
  const b = ((x - min) * scale) | 0;
  return b > BUCKETS - 1 ? BUCKETS - 1 : b;
}

/**
 * The percentiles by a histogram: equal-width buckets between the least and greatest value, in
 * the order of the values (`(x - min) * scale` rounds monotonically), then each order statistic
 * wanted from the few values in its bucket, sorted. Three passes over the values instead of three
 * selections, each of which moves most of them; the same numbers as sorting everything. Undefined
 * when the values are few, all equal, or not all numbers, for `bySelection`. Reads the bounds
 * `range(xs)` left.
 */
function byHistogram(xs: Float64Array, work: Float64Array): Percentiles | undefined {
  const n = xs.length;
  if (n < HISTOGRAM_FROM) return undefined;
  const min = bounds[0]!;
  const max = bounds[1]!;
  const mean = bounds[2]!;
  const scale = BUCKETS / (max - min);
  // A NaN or an infinity makes the mean NaN.
  if (mean !== mean || !(max > min) || !(scale > 0) || !Number.isFinite(scale)) return undefined;
  count(xs, min, scale);

  // The order statistics each percentile interpolates between, ascending.
  const ranks: number[] = [];
  for (const p of PERCENTILES) {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    ranks.push(k);
    if (h !== k && k + 1 < n) ranks.push(k + 1);
  }
  // Where each rank falls: its bucket and its place among the bucket's values.
  const placed: { bucket: number; within: number }[] = [];
  const wanted: number[] = [];
  let below = 0;
  let r = 0;
  for (let b = 0; b < BUCKETS && r < ranks.length; b++) {
    const c = counts[b]!;
    while (r < ranks.length && ranks[r]! < below + c) {
      placed.push({ bucket: b, within: ranks[r]! - below });
      if (segment[b] === -1) {
        segment[b] = wanted.length;
        wanted.push(b);
      }
      r++;
    }
    below += c;
  }
  // The wanted buckets' values, one after the other in `work`.
  const starts = new Int32Array(wanted.length + 1);
  for (let s = 0; s < wanted.length; s++) starts[s + 1] = starts[s]! + counts[wanted[s]!]!;
  gather(xs, min, scale, work, starts.slice(0, wanted.length));
  // Each order statistic by its rank.
  const values = new Map<number, number>();
  const sorted = new Set<number>();
  placed.forEach(({ bucket, within }, j) => {
    const s = segment[bucket]!;
    const part = work.subarray(starts[s], starts[s + 1]);
    if (!sorted.has(s)) part.sort();
    sorted.add(s);
    values.set(ranks[j]!, part[within]!);
  });
  for (const b of wanted) segment[b] = -1;
  const at = (p: number): number => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    const lower = values.get(k)!;
    if (h === k || k + 1 >= n) return lower;
    return lower + (h - k) * (values.get(k + 1)! - lower);
  };
  return [at(PERCENTILES[0]), at(PERCENTILES[1]), at(PERCENTILES[2])];
}

/**
 * The p-quantile of `work`, whose values from `from` on are all at or above those before it,
 * interpolated linearly between order statistics.
 */
function quantile(work: Float64Array, p: number, from: number): number {
  const h = (work.length - 1) * p;
  const k = Math.floor(h);
  const lower = select(work, k, from);
  if (k + 1 >= work.length || h === k) return lower;
  // After selection everything right of k is >= the k-th value; the next order statistic is
  // their minimum.
  let upper = Infinity;
  for (let i = k + 1; i < work.length; i++) {
    const x = work[i]!;
    if (x < upper) upper = x;
  }
  return lower + (h - k) * (upper - lower);
}

/**
 * The k-th smallest value (0-based), by Floyd and Rivest's selection: on a large range it first
 * selects within a small sample around where the k-th value should be, so that the pivot lands
 * close to it, and makes about n + min(k, n - k) comparisons where quickselect makes 2n to 3n.
 * (Sorting 100,000 samples per quantity would dominate a simulation's summary.) Written out
 * rather than taken from a package, which would compare through a function call. Reorders `a`
 * so that a[k] holds it, smaller values before and larger after. Only a[from..] is searched:
 * the caller knows that everything before `from` is at or below the k-th value.
 */
function select(a: Float64Array, k: number, from = 0): number {
  selectBetween(a, k, from, a.length - 1);
  return a[k]!;
}

function selectBetween(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Narrow to a sample of about n^(2/3) values around the k-th one's expected place.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectBetween(a, k, newLeft, newRight);
    }
    const pivot = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > pivot) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
    }
    if (a[left] === pivot) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
