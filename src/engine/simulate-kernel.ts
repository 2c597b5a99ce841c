import { RANGE_TOLERANCE, SUM_TOLERANCE } from './constants';
import type { InputPlan } from './inputs';
import { CHANCE, DECISION, type Program } from './program';
import { ties } from './rollback';
import { loopSweep } from './rollback-sweep';
import type { Kernel, KernelBackend } from './kernel';
import { generateKernel } from './simulate-codegen';

export type { Kernel, KernelBackend } from './kernel';

/** Iterations rolled back together: enough to amortise the loops, few enough to stay in cache. */
const CHUNK = 128;

type Column = Float64Array;

/** A chance node's expected value in one criterion: the sum of p_j * e_j over its branches. */
interface ChanceStep {
  readonly out: Column;
  readonly p: Column[];
  readonly e: Column[];
}

/** A decision node: the best option's criteria, chosen by path score plus option score. */
interface DecisionStep {
  readonly path: Column;
  readonly scores: Column[];
  /** The options' expected values, option by option, criterion by criterion. */
  readonly expected: Column[][];
  readonly out: Column[];
}

/** A node's own payoff added to its expected values, and its score. */
interface FinishStep {
  readonly out: Column[];
  readonly payoff: Column[];
  readonly score: Column;
}

/** One node of the rollback, bottom up. */
interface NodeStep {
  /** An outcome's expected values before its payoff: 0. */
  readonly zero: Column[];
  readonly decision: DecisionStep | null;
  readonly chance: ChanceStep[];
  readonly finish: FinishStep;
}

/** A path score: the parent's plus the node's own payoff, weighted. */
interface PathStep {
  readonly out: Column;
  readonly up: Column;
  readonly payoff: Column[];
}

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
 *
 * A tree small enough gets code generated for it instead (simulate-codegen.ts), which does the
 * same arithmetic without the columns and is several times faster.
 *
 * Why it is laid out this way: set-up resolves every operand of the hot loops to a column (a
 * constant one, shared by value, where the operand does not vary), so the loops have no branches
 * and no lookups; and the loops are module-level functions, compiled once per process and quick to
 * compile, rather than one large closure per run, which V8 took hundreds of milliseconds to
 * optimise on every run.
 *
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
  backend: KernelBackend = 'auto',
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
  const choice = new Int32Array(size).fill(-1);
  loopSweep(program, k, { payoff, probability, expected, score, choice, above }, ties, nodeVaries);

  // A constant probability beside varying ones is clamped as `checkChance` clamps it.
  for (const i of checked) {
    const first = firstChild[i]!;
    for (let j = first; j < first + childCount[i]!; j++)
      if (!probVaries[j]) probability[j] = Math.min(1, Math.max(0, probability[j]!));
  }

  if (backend !== 'columns') {
    const generated = generateKernel({
      program,
      plan,
      k,
      sampled,
      values,
      varyingOrder,
      slotVaries,
      constant,
      payoffSlots,
      payVaries,
      probVaries,
      aboveVaries,
      nodeVaries,
      checked,
      probability,
      payoff,
      above,
      expected,
      score,
    });
    if (generated || backend === 'generated') return generated;
  }

  // Columns: one per varying quantity, and one per constant value read where something varies
  // (shared by value, never written after set-up).
  const constants = new Map<number | string, Column>();
  // Columns come from slabs of 256: one buffer each rather than one per column.
  let slab = new Float64Array(0);
  let slabUsed = 0;
  const column = (): Column => {
    if (slabUsed === slab.length) {
      slab = new Float64Array(256 * CHUNK);
      slabUsed = 0;
    }
    slabUsed += CHUNK;
    return slab.subarray(slabUsed - CHUNK, slabUsed);
  };
  const fixed = (v: number): Column => {
    const key = Object.is(v, -0) ? '-0' : v;
    let col = constants.get(key);
    if (!col) constants.set(key, (col = column().fill(v)));
    return col;
  };
  // Owned columns by quantity and index: payoffs and expected values by node * C + criterion.
  const owned = {
    pay: new Array<Column | undefined>(size * C),
    exp: new Array<Column | undefined>(size * C),
    score: new Array<Column | undefined>(size),
    prob: new Array<Column | undefined>(size),
    above: new Array<Column | undefined>(size),
  };
  const own = (list: (Column | undefined)[], at: number): Column => (list[at] ??= column());
  const payCol = (i: number, c: number) =>
    payVaries[i] ? own(owned.pay, i * C + c) : fixed(payoff[i * C + c]!);
  const expCol = (i: number, c: number) =>
    nodeVaries[i] ? own(owned.exp, i * C + c) : fixed(expected[i * C + c]!);
  const scoreCol = (i: number) => (nodeVaries[i] ? own(owned.score, i) : fixed(score[i]!));
  const probCol = (i: number) => (probVaries[i] ? own(owned.prob, i) : fixed(probability[i]!));
  const aboveCol = (i: number) => (aboveVaries[i] ? own(owned.above, i) : fixed(above[i]!));
  const criteriaOf = <T>(f: (c: number) => T): T[] => Array.from({ length: C }, (_, c) => f(c));

  // What each iteration evaluates, resolved once.
  const quantities = varyingOrder.map((i) => ({ index: i, q: plan.quantities[i]! }));
  const payoffs: PayoffStep[] = [];
  for (let i = 0; i < size; i++) {
    if (!payVaries[i]) continue;
    for (let c = 0; c < C; c++) {
      const target = i * C + c;
      const list = payoffSlots.get(target) ?? [];
      payoffs.push({
        base: program.payoff[target]!,
        out: payCol(i, c),
        varying: list.map((s) => slotVaries[s]!),
        constants: list.map((s) => constant[s]!),
        evaluate: list.map((s) => slots[s]!.expression.evaluate),
      });
    }
  }
  const probabilitySlots = slots.flatMap((s, i) =>
    s.target < 0 && slotVaries[i] ? [{ node: s.node, evaluate: s.expression.evaluate }] : [],
  );
  const probabilityCopies: { node: number; out: Column }[] = [];
  for (const i of checked) {
    const first = firstChild[i]!;
    for (let j = first; j < first + childCount[i]!; j++)
      if (probVaries[j]) probabilityCopies.push({ node: j, out: probCol(j) });
  }

  // The path scores, root down, and the rollback, bottom up.
  const paths: PathStep[] = [];
  for (let i = 0; i < size; i++) {
    if (!aboveVaries[i]) continue;
    paths.push({
      out: aboveCol(i),
      up: i === 0 ? fixed(0) : aboveCol(parent[i]!),
      payoff: criteriaOf((c) => payCol(i, c)),
    });
  }
  const steps: NodeStep[] = [];
  for (let i = size - 1; i >= 0; i--) {
    if (!nodeVaries[i]) continue;
    const first = firstChild[i]!;
    const options = Array.from({ length: childCount[i]! }, (_, o) => first + o);
    const out = criteriaOf((c) => expCol(i, c));
    steps.push({
      decision:
        kind[i] === DECISION
          ? {
              path: aboveCol(i),
              scores: options.map(scoreCol),
              expected: options.map((j) => criteriaOf((c) => expCol(j, c))),
              out,
            }
          : null,
      zero: kind[i] === CHANCE || kind[i] === DECISION ? [] : out,
      chance:
        kind[i] === CHANCE
          ? criteriaOf((c) => ({
              out: out[c]!,
              p: options.map(probCol),
              e: options.map((j) => expCol(j, c)),
            }))
          : [],
      finish: { out, payoff: criteriaOf((c) => payCol(i, c)), score: scoreCol(i) },
    });
  }

  // What `simulate` keeps: each root option's score and criteria (or the root's, with no options).
  const n = kind[0] === DECISION ? childCount[0]! : 0;
  const rootOptions = Array.from({ length: n }, (_, o) => firstChild[0]! + o);
  const output: OutputStep = {
    n,
    k,
    rootPayoff: criteriaOf((c) => payCol(0, c)),
    scores: n === 0 ? [scoreCol(0)] : rootOptions.map(scoreCol),
    expected:
      n === 0
        ? [criteriaOf((c) => expCol(0, c))]
        : rootOptions.map((o) => criteriaOf((c) => expCol(o, c))),
  };

  const bad = new Uint8Array(CHUNK);
  const state: IterationState = {
    sampled,
    values,
    quantities,
    payoffs,
    probabilitySlots,
    probability: Float64Array.from(probability),
    checked,
    probabilityCopies,
    program,
    bad,
  };

  const run: Kernel['run'] = (start, end, draws, stride, scores, criteria) => {
    const invalid: number[] = [];
    for (let from = start; from < end; from += CHUNK) {
      const L = Math.min(CHUNK, end - from);
      evaluateInputs(state, draws, stride, from, L, invalid);
      for (const p of paths) pathScores(p, k, L);
      for (const s of steps) {
        for (const z of s.zero) z.fill(0, 0, L);
        if (s.decision) decide(s.decision, L);
        for (const c of s.chance) expect(c, L);
        finish(s.finish, k, L);
      }
      writeOutput(output, bad, from, L, stride, scores, criteria);
    }
    return invalid;
  };
  return { run };
}

/** One payoff that varies: its number in the file plus its expressions, in the program's order. */
interface PayoffStep {
  readonly base: number;
  readonly out: Column;
  readonly varying: boolean[];
  readonly constants: number[];
  readonly evaluate: ((values: Float64Array) => number)[];
}

interface IterationState {
  readonly sampled: Int32Array;
  readonly values: Float64Array;
  readonly quantities: readonly { index: number; q: InputPlan['quantities'][number] }[];
  readonly payoffs: readonly PayoffStep[];
  readonly probabilitySlots: readonly {
    node: number;
    evaluate: (values: Float64Array) => number;
  }[];
  readonly probability: Float64Array;
  readonly checked: readonly number[];
  readonly probabilityCopies: readonly { node: number; out: Column }[];
  readonly program: Program;
  readonly bad: Uint8Array;
}

/**
 * Per iteration of the chunk: the sampled values, the parameters that read them, the payoffs and
 * probabilities that vary, and the probability checks. Flags the invalid iterations.
 */
function evaluateInputs(
  st: IterationState,
  draws: Float64Array,
  stride: number,
  from: number,
  L: number,
  invalid: number[],
): void {
  const { sampled, values, probability, bad } = st;
  bad.fill(0);
  for (let t = 0; t < L; t++) {
    for (let s = 0; s < sampled.length; s++) values[sampled[s]!] = draws[s * stride + from + t]!;
    let ok = true;
    for (const { index, q } of st.quantities) {
      const v = q.kind === 'number' ? q.value : q.expression.evaluate(values);
      values[index] = v;
      if (!Number.isFinite(v)) ok = false;
    }
    for (const p of st.payoffs) {
      let acc = p.base;
      for (let s = 0; s < p.evaluate.length; s++) {
        const v = p.varying[s] ? p.evaluate[s]!(values) : p.constants[s]!;
        if (!Number.isFinite(v)) ok = false;
        acc += v;
      }
      p.out[t] = acc;
    }
    for (const s of st.probabilitySlots) {
      const v = s.evaluate(values);
      if (!Number.isFinite(v)) ok = false;
      probability[s.node] = v;
    }
    if (ok) for (const i of st.checked) if (!checkChance(st.program, i, probability)) ok = false;
    if (!ok) {
      bad[t] = 1;
      invalid.push(from + t);
      continue;
    }
    for (const c of st.probabilityCopies) c.out[t] = probability[c.node]!;
  }
}

function pathScores(p: PathStep, k: Float64Array, L: number): void {
  const { out, up } = p;
  for (let t = 0; t < L; t++) {
    let own = 0;
    for (let c = 0; c < p.payoff.length; c++) own += k[c]! * p.payoff[c]![t]!;
    out[t] = up[t]! + own;
  }
}

function decide(d: DecisionStep, L: number): void {
  const { path, scores, expected, out } = d;
  const C = out.length;
  for (let t = 0; t < L; t++) {
    const a = path[t]!;
    let best = 0;
    let bestScore = a + scores[0]![t]!;
    for (let j = 1; j < scores.length; j++) {
      const s = a + scores[j]![t]!;
      if (s > bestScore && !ties(s, bestScore)) {
        best = j;
        bestScore = s;
      }
    }
    const e = expected[best]!;
    for (let c = 0; c < C; c++) out[c]![t] = e[c]![t]!;
  }
}

function expect(step: ChanceStep, L: number): void {
  const { out, p, e } = step;
  out.fill(0, 0, L);
  for (let j = 0; j < p.length; j++) {
    const pj = p[j]!;
    const ej = e[j]!;
    for (let t = 0; t < L; t++) out[t]! += pj[t]! * ej[t]!;
  }
}

function finish(f: FinishStep, k: Float64Array, L: number): void {
  const { out, payoff, score } = f;
  score.fill(0, 0, L);
  for (let c = 0; c < out.length; c++) {
    const o = out[c]!;
    const pay = payoff[c]!;
    const kc = k[c]!;
    for (let t = 0; t < L; t++) {
      const v = o[t]! + pay[t]!;
      o[t] = v;
      score[t]! += kc * v;
    }
  }
}

interface OutputStep {
  readonly n: number;
  readonly k: Float64Array;
  readonly rootPayoff: Column[];
  readonly scores: Column[];
  readonly expected: Column[][];
}

function writeOutput(
  o: OutputStep,
  bad: Uint8Array,
  from: number,
  L: number,
  stride: number,
  scores: Float64Array,
  criteria: Float64Array,
): void {
  const { n, k, rootPayoff } = o;
  const C = rootPayoff.length;
  for (let t = 0; t < L; t++) {
    if (bad[t]) continue;
    const at = from + t;
    if (n === 0) {
      scores[at] = o.scores[0]![t]!;
      for (let c = 0; c < C; c++) criteria[c * stride + at] = o.expected[0]![c]![t]!;
      continue;
    }
    let root = 0;
    for (let c = 0; c < C; c++) root += k[c]! * rootPayoff[c]![t]!;
    for (let j = 0; j < n; j++) {
      scores[j * stride + at] = o.scores[j]![t]! + root;
      const e = o.expected[j]!;
      for (let c = 0; c < C; c++)
        criteria[(j * C + c) * stride + at] = e[c]![t]! + rootPayoff[c]![t]!;
    }
  }
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
