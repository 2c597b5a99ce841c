import { RANGE_TOLERANCE, SUM_TOLERANCE } from './constants';
import type { InputPlan } from './inputs';
import { CHANCE, DECISION, type Program } from './program';
import { ties } from './rollback';

/**
 * The rollback of `simulate`, over a chunk of iterations at a time: for each node whose result
 * can change between iterations, one typed array per criterion holds its expected value in every
 * iteration of the chunk, and the tree is rolled back node by node with tight loops over those
 * arrays. What no sampled parameter reaches (most leaves, constant probabilities, subtrees without
 * expressions) is computed once. The arithmetic is that of `rollback`, in the same order, so each
 * iteration's numbers are exactly those `rollback` would give.
 *
 * An iteration whose draws make something invalid (a value that is not finite, a probability out
 * of range, branches that do not sum to 1) is only flagged: the caller rolls it back again with
 * `rollback` to get its diagnostics.
 */
export interface Kernel {
  /**
   * Rolls back iterations [start, end), whose sampled values are `draws[s * stride + t]`, and
   * writes option scores and criteria as `simulate` lays them out. Returns the iterations found
   * invalid (their outputs are left unwritten).
   */
  run(
    start: number,
    end: number,
    draws: Float64Array,
    stride: number,
    scores: Float64Array,
    criteria: Float64Array,
  ): number[];
}

/** Iterations rolled back together: enough to amortise the loops, few enough to stay in cache. */
const CHUNK = 256;

/**
 * The kernel for `program` under `plan`, with the parameters `sampled` drawn per iteration and
 * every other parameter held. Undefined when something is invalid whatever is drawn: the caller
 * then reports it through `rollback`.
 */
export function makeKernel(
  program: Program,
  plan: InputPlan,
  coefficients: Float64Array,
  sampled: Int32Array,
  parameterCount: number,
): Kernel | undefined {
  const { size, criteria: C, kind, parent, firstChild, childCount, complement } = program;
  const k = coefficients;

  // Which parameters change between iterations: the sampled ones and what reads them.
  const varies = new Uint8Array(parameterCount);
  for (const i of sampled) varies[i] = 1;
  const values = new Float64Array(parameterCount);
  const order = plan.order.filter((i) => !varies[i]);
  const varyingOrder: number[] = [];
  for (const i of order) {
    const q = plan.quantities[i]!;
    if (q.kind === 'expression' && q.expression.uses.some((u) => varies[u])) {
      varies[i] = 1;
      varyingOrder.push(i);
    } else {
      const v = q.kind === 'number' ? q.value : q.expression.evaluate(values);
      if (!Number.isFinite(v)) return undefined;
      values[i] = v;
    }
  }

  // Expressions of the tree: those reading a varying parameter are evaluated per iteration.
  const slots = program.expressions;
  const slotVaries = slots.map((s) => s.expression.uses.some((u) => varies[u]));
  const constant = slots.map((s, i) =>
    slotVaries[i] ? Number.NaN : s.expression.evaluate(values),
  );
  if (constant.some((v, i) => !slotVaries[i] && !Number.isFinite(v))) return undefined;

  const probability = Float64Array.from(program.probability);
  for (const o of plan.probabilities) probability[o.node] = o.value;
  const payVaries = new Uint8Array(size);
  const probVaries = new Uint8Array(size);
  const payoffSlots = new Map<number, number[]>();
  slots.forEach((s, i) => {
    if (s.target < 0) {
      if (slotVaries[i]) probVaries[s.node] = 1;
      else probability[s.node] = constant[i]!;
    } else {
      if (slotVaries[i]) payVaries[s.node] = 1;
      const list = payoffSlots.get(s.target) ?? [];
      list.push(i);
      payoffSlots.set(s.target, list);
    }
  });
  // A payoff is program.payoff plus its expressions, added in the program's order.
  const payoff = Float64Array.from(program.payoff);
  for (const [target, list] of payoffSlots)
    if (!payVaries[Math.floor(target / C)]!) for (const i of list) payoff[target]! += constant[i]!;

  // Chance nodes to check per iteration, and the "#" branches that then vary too.
  const checked: number[] = [];
  for (const i of program.chanceNodes) {
    const first = firstChild[i]!;
    let any = false;
    for (let j = first; j < first + childCount[i]!; j++) if (probVaries[j]) any = true;
    if (any) {
      checked.push(i);
      if (complement[i]! >= 0) probVaries[complement[i]!] = 1;
    } else if (!checkChance(program, i, probability)) return undefined;
  }

  const aboveVaries = new Uint8Array(size);
  const nodeVaries = new Uint8Array(size);
  for (let i = 0; i < size; i++)
    aboveVaries[i] = payVaries[i]! | (i > 0 ? aboveVaries[parent[i]!]! : 0);
  for (let i = size - 1; i >= 0; i--) {
    let v = payVaries[i]! | (kind[i] === DECISION ? aboveVaries[i]! : 0);
    const first = firstChild[i]!;
    for (let j = first; j < first + childCount[i]!; j++) v |= nodeVaries[j]! | probVaries[j]!;
    nodeVaries[i] = v;
  }

  // Constant results, once: `above`, and the expected values and scores of constant subtrees.
  const above = new Float64Array(size);
  const expected = new Float64Array(size * C);
  const score = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let own = 0;
    for (let c = 0; c < C; c++) own += k[c]! * payoff[i * C + c]!;
    above[i] = (i === 0 ? 0 : above[parent[i]!]!) + own;
  }
  for (let i = size - 1; i >= 0; i--) {
    if (nodeVaries[i]) continue;
    const first = firstChild[i]!;
    const last = first + childCount[i]!;
    const base = i * C;
    if (kind[i] === CHANCE) {
      for (let j = first; j < last; j++)
        for (let c = 0; c < C; c++) expected[base + c]! += probability[j]! * expected[j * C + c]!;
    } else if (kind[i] === DECISION) {
      let best = first;
      let bestScore = above[i]! + score[first]!;
      for (let j = first + 1; j < last; j++) {
        const s = above[i]! + score[j]!;
        if (s > bestScore && !ties(s, bestScore)) {
          best = j;
          bestScore = s;
        }
      }
      for (let c = 0; c < C; c++) expected[base + c] = expected[best * C + c]!;
    }
    let s = 0;
    for (let c = 0; c < C; c++) {
      const v = expected[base + c]! + payoff[base + c]!;
      expected[base + c] = v;
      s += k[c]! * v;
    }
    score[i] = s;
  }

  // Per-chunk arrays, only for what varies.
  const column = () => new Float64Array(CHUNK);
  const payCol: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(size * C);
  const expCol: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(size * C);
  const probCol: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(size);
  const scoreCol: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(size);
  const aboveCol: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(size);
  for (let i = 0; i < size; i++) {
    if (payVaries[i]) for (let c = 0; c < C; c++) payCol[i * C + c] = column();
    if (nodeVaries[i]) {
      for (let c = 0; c < C; c++) expCol[i * C + c] = column();
      scoreCol[i] = column();
    }
    if (probVaries[i]) probCol[i] = column();
    if (aboveVaries[i]) aboveCol[i] = column();
  }
  const varyingTargets: number[] = [];
  for (let i = 0; i < size; i++)
    if (payVaries[i]) for (let c = 0; c < C; c++) varyingTargets.push(i * C + c);
  const noSlots: number[] = [];
  const varyingProbSlots = slots.flatMap((s, i) => (s.target < 0 && slotVaries[i] ? [i] : []));
  const varyingNodes: number[] = [];
  for (let i = size - 1; i >= 0; i--) if (nodeVaries[i]) varyingNodes.push(i);
  const aboveNodes: number[] = [];
  for (let i = 0; i < size; i++) if (aboveVaries[i]) aboveNodes.push(i);
  const prob = Float64Array.from(probability);
  const bad = new Uint8Array(CHUNK);
  const n = kind[0] === DECISION ? childCount[0]! : 0;
  const rootFirst = firstChild[0]!;

  const run: Kernel['run'] = (start, end, draws, stride, scores, criteria) => {
    const invalid: number[] = [];
    for (let from = start; from < end; from += CHUNK) {
      const L = Math.min(CHUNK, end - from);
      bad.fill(0);
      // Per iteration: parameters, expressions, probability checks.
      for (let t = 0; t < L; t++) {
        for (let s = 0; s < sampled.length; s++)
          values[sampled[s]!] = draws[s * stride + from + t]!;
        let ok = true;
        for (const i of varyingOrder) {
          const q = plan.quantities[i]!;
          const v = q.kind === 'number' ? q.value : q.expression.evaluate(values);
          values[i] = v;
          if (!Number.isFinite(v)) ok = false;
        }
        for (const target of varyingTargets) {
          let acc = program.payoff[target]!;
          for (const i of payoffSlots.get(target) ?? noSlots) {
            const v = slotVaries[i] ? slots[i]!.expression.evaluate(values) : constant[i]!;
            if (!Number.isFinite(v)) ok = false;
            acc += v;
          }
          payCol[target]![t] = acc;
        }
        for (const i of varyingProbSlots) {
          const v = slots[i]!.expression.evaluate(values);
          if (!Number.isFinite(v)) ok = false;
          prob[slots[i]!.node] = v;
        }
        if (ok) for (const i of checked) if (!checkChance(program, i, prob)) ok = false;
        if (!ok) {
          bad[t] = 1;
          invalid.push(from + t);
          continue;
        }
        for (const i of checked) {
          const first = firstChild[i]!;
          for (let j = first; j < first + childCount[i]!; j++)
            if (probVaries[j]) probCol[j]![t] = prob[j]!;
        }
      }

      // Path scores from the root down, where a payoff above varies.
      for (const i of aboveNodes) {
        const out = aboveCol[i]!;
        const up = i === 0 ? undefined : aboveCol[parent[i]!];
        const upConstant = i === 0 ? 0 : above[parent[i]!]!;
        for (let t = 0; t < L; t++) {
          let own = 0;
          for (let c = 0; c < C; c++) {
            const col = payCol[i * C + c];
            own += k[c]! * (col ? col[t]! : payoff[i * C + c]!);
          }
          out[t] = (up ? up[t]! : upConstant) + own;
        }
      }

      // The rollback, node by node over the chunk.
      for (const i of varyingNodes) {
        const first = firstChild[i]!;
        const last = first + childCount[i]!;
        const base = i * C;
        const sOut = scoreCol[i]!;
        if (kind[i] === DECISION) {
          const path = aboveCol[i];
          const pathConstant = above[i]!;
          for (let t = 0; t < L; t++) {
            const a = path ? path[t]! : pathConstant;
            let best = first;
            const f = scoreCol[first];
            let bestScore = a + (f ? f[t]! : score[first]!);
            for (let j = first + 1; j < last; j++) {
              const sj = scoreCol[j];
              const s = a + (sj ? sj[t]! : score[j]!);
              if (s > bestScore && !ties(s, bestScore)) {
                best = j;
                bestScore = s;
              }
            }
            for (let c = 0; c < C; c++) {
              const e = expCol[best * C + c];
              expCol[base + c]![t] = e ? e[t]! : expected[best * C + c]!;
            }
          }
        } else {
          for (let c = 0; c < C; c++) {
            const out = expCol[base + c]!;
            out.fill(0, 0, L);
            if (kind[i] !== CHANCE) continue;
            for (let j = first; j < last; j++) {
              const p = probCol[j];
              const e = expCol[j * C + c];
              if (p && e) for (let t = 0; t < L; t++) out[t]! += p[t]! * e[t]!;
              else if (p) {
                const ev = expected[j * C + c]!;
                for (let t = 0; t < L; t++) out[t]! += p[t]! * ev;
              } else if (e) {
                const pv = prob[j]!;
                for (let t = 0; t < L; t++) out[t]! += pv * e[t]!;
              } else {
                const v = prob[j]! * expected[j * C + c]!;
                for (let t = 0; t < L; t++) out[t]! += v;
              }
            }
          }
        }
        sOut.fill(0, 0, L);
        for (let c = 0; c < C; c++) {
          const out = expCol[base + c]!;
          const pay = payCol[base + c];
          const kc = k[c]!;
          if (pay)
            for (let t = 0; t < L; t++) {
              const v = out[t]! + pay[t]!;
              out[t] = v;
              sOut[t]! += kc * v;
            }
          else {
            const pv = payoff[base + c]!;
            for (let t = 0; t < L; t++) {
              const v = out[t]! + pv;
              out[t] = v;
              sOut[t]! += kc * v;
            }
          }
        }
      }

      // What `simulate` keeps: each root option's score and criteria.
      for (let t = 0; t < L; t++) {
        if (bad[t]) continue;
        const at = from + t;
        if (n === 0) {
          const s0 = scoreCol[0];
          scores[at] = s0 ? s0[t]! : score[0]!;
          for (let c = 0; c < C; c++) {
            const e = expCol[c];
            criteria[c * stride + at] = e ? e[t]! : expected[c]!;
          }
          continue;
        }
        let rootPayoff = 0;
        for (let c = 0; c < C; c++) {
          const pay = payCol[c];
          rootPayoff += k[c]! * (pay ? pay[t]! : payoff[c]!);
        }
        for (let j = 0; j < n; j++) {
          const o = rootFirst + j;
          const so = scoreCol[o];
          scores[j * stride + at] = (so ? so[t]! : score[o]!) + rootPayoff;
          for (let c = 0; c < C; c++) {
            const e = expCol[o * C + c];
            const pay = payCol[c];
            criteria[(j * C + c) * stride + at] =
              (e ? e[t]! : expected[o * C + c]!) + (pay ? pay[t]! : payoff[c]!);
          }
        }
      }
    }
    return invalid;
  };
  return { run };
}

/**
 * `rollback`'s check of one chance node's probabilities, on `probability` in place: clamps each
 * to [0, 1] within tolerance and fills the "#" branch. False where `rollback` would report a
 * problem.
 */
function checkChance(program: Program, i: number, probability: Float64Array): boolean {
  const first = program.firstChild[i]!;
  const last = first + program.childCount[i]!;
  const rest = program.complement[i]!;
  let sum = 0;
  for (let j = first; j < last; j++) {
    if (j === rest) continue;
    const p = probability[j]!;
    if (Number.isNaN(p) || p < -RANGE_TOLERANCE || p > 1 + RANGE_TOLERANCE) return false;
    probability[j] = Math.min(1, Math.max(0, p));
    sum += probability[j]!;
  }
  if (rest >= 0) {
    const left = 1 - sum;
    if (left < -SUM_TOLERANCE) return false;
    probability[rest] = Math.max(0, left);
    return true;
  }
  return Math.abs(sum - 1) <= SUM_TOLERANCE;
}
