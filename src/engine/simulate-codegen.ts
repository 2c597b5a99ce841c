import { EXPRESSION_HELPERS } from '../expr/compile-expression';
import { RANGE_TOLERANCE, SUM_TOLERANCE, TIE_TOLERANCE } from './constants';
import type { InputPlan } from './inputs';
import { CHANCE, DECISION, type Program } from './program';
import type { Kernel } from './kernel';

/**
 * What the kernel's set-up found: which quantities vary between iterations, and the values of
 * those that do not (probabilities checked and clamped, payoffs with their constant expressions
 * added, constant subtrees rolled back).
 */
export interface KernelSetup {
  readonly program: Program;
  readonly plan: InputPlan;
  readonly k: Float64Array;
  readonly sampled: Int32Array;
  /** Every parameter's value where it does not vary (the others are written per iteration). */
  readonly values: Float64Array;
  /** The parameters evaluated per iteration, in dependency order. */
  readonly varyingOrder: readonly number[];
  readonly slotVaries: readonly boolean[];
  /** Each expression slot's value where it does not vary. */
  readonly constant: readonly number[];
  readonly payoffSlots: ReadonlyMap<number, number[]>;
  readonly payVaries: Uint8Array;
  readonly probVaries: Uint8Array;
  readonly aboveVaries: Uint8Array;
  readonly nodeVaries: Uint8Array;
  readonly checked: readonly number[];
  readonly probability: Float64Array;
  readonly payoff: Float64Array;
  readonly above: Float64Array;
  readonly expected: Float64Array;
  readonly score: Float64Array;
}

/**
 * Generated code longer than this is not worth it: V8 stops optimising a function whose bytecode
 * passes about 60 KB, and big trees gain little over the column kernel anyway.
 */
const MAX_SOURCE = 48_000;

/**
 * The kernel as one generated JavaScript function for this tree: one iteration is straight-line
 * code over local variables, with every constant written in as a literal and every expression
 * inlined from its `source`. Each operation is the one `rollback` does, in the same order, so the
 * numbers are the same bit for bit (tests compare the two on every shipped scenario). Undefined
 * when the tree is too large for it.
 *
 * Nothing from the scenario's text reaches the source: only numbers (printed so that they read
 * back exactly), array indices, and the sources of vetted expressions, which hold only those,
 * operators and helper names.
 */
export function generateKernel(setup: KernelSetup): Kernel | undefined {
  const { program, plan, k, sampled } = setup;
  const { size, criteria: C, kind, parent, firstChild, childCount, complement } = program;
  const { payVaries, probVaries, aboveVaries, nodeVaries, slotVaries } = setup;
  const slots = program.expressions;
  // A quick lower bound of the source's length first: a big tree is not even tried.
  let varying = 0;
  for (let i = 0; i < size; i++) varying += nodeVaries[i]!;
  if (varying * C * 24 > MAX_SOURCE) return undefined;
  const lines: string[] = [];
  let length = 0;
  const emit = (line: string): boolean => {
    lines.push(line);
    length += line.length + 1;
    return length <= MAX_SOURCE;
  };
  const closures: ((values: Float64Array) => number)[] = [];
  const expression = (e: { source?: string; evaluate: (values: Float64Array) => number }) => {
    if (e.source !== undefined) return e.source;
    closures.push(e.evaluate);
    return `E[${closures.length - 1}](v)`;
  };
  const kc = (c: number) => literal(k[c]!);
  const pay = (i: number, c: number) =>
    payVaries[i] ? `y${i}_${c}` : literal(setup.payoff[i * C + c]!);
  const exp = (i: number, c: number) =>
    nodeVaries[i] ? `e${i}_${c}` : literal(setup.expected[i * C + c]!);
  const scoreOf = (i: number) => (nodeVaries[i] ? `s${i}` : literal(setup.score[i]!));
  const prob = (i: number) => (probVaries[i] ? `p${i}` : literal(setup.probability[i]!));
  const pathOf = (i: number) => (aboveVaries[i] ? `a${i}` : literal(setup.above[i]!));
  const weighted = (term: (c: number) => string) =>
    Array.from({ length: C }, (_, c) => ` + ${kc(c)} * ${term(c)}`).reduce(
      (acc, t) => `(${acc}${t})`,
      '0',
    );

  emit('for (let at = start; at < end; at++) {');
  sampled.forEach((index, s) => emit(`v[${index}] = draws[${s} * stride + at];`));
  emit('let ok = true;');
  for (const i of setup.varyingOrder) {
    const q = plan.quantities[i]!;
    const value = q.kind === 'number' ? literal(q.value) : expression(q.expression);
    emit(`v[${i}] = ${value}; if (!Number.isFinite(v[${i}])) ok = false;`);
  }
  // Payoffs that vary: the file's number plus each expression, in the program's order.
  for (let i = 0; i < size; i++) {
    if (!payVaries[i]) continue;
    for (let c = 0; c < C; c++) {
      const target = i * C + c;
      let acc = literal(program.payoff[target]!);
      for (const s of setup.payoffSlots.get(target) ?? []) {
        if (slotVaries[s]) {
          emit(`const x${s} = ${expression(slots[s]!.expression)};`);
          emit(`if (!Number.isFinite(x${s})) ok = false;`);
          acc = `(${acc} + x${s})`;
        } else acc = `(${acc} + ${literal(setup.constant[s]!)})`;
      }
      emit(`const y${i}_${c} = ${acc};`);
    }
  }
  // Probabilities that vary, then the checks of their chance nodes, as `checkChance` does them.
  for (let i = 0; i < size; i++) if (probVaries[i]) emit(`let p${i} = 0;`);
  slots.forEach((s, n) => {
    if (s.target >= 0 || !slotVaries[n]) return;
    emit(`p${s.node} = ${expression(s.expression)};`);
    emit(`if (!Number.isFinite(p${s.node})) ok = false;`);
  });
  for (const i of setup.checked) {
    const first = firstChild[i]!;
    const rest = complement[i]!;
    emit('{ let sum = 0;');
    for (let j = first; j < first + childCount[i]!; j++) {
      if (j === rest) continue;
      if (probVaries[j]) {
        emit(
          `if (Number.isNaN(p${j}) || p${j} < ${-RANGE_TOLERANCE} || p${j} > ${1 + RANGE_TOLERANCE}) ok = false;`,
        );
        emit(`p${j} = Math.min(1, Math.max(0, p${j}));`);
      }
      emit(`sum += ${prob(j)};`);
    }
    if (rest >= 0) {
      emit(`if (1 - sum < ${-SUM_TOLERANCE}) ok = false;`);
      emit(`p${rest} = Math.max(0, 1 - sum); }`);
    } else emit(`if (!(Math.abs(sum - 1) <= ${SUM_TOLERANCE})) ok = false; }`);
  }
  emit('if (!ok) { invalid.push(at); continue; }');

  // Path scores, root down.
  for (let i = 0; i < size; i++) {
    if (!aboveVaries[i]) continue;
    const up = i === 0 ? '0' : pathOf(parent[i]!);
    emit(`const a${i} = ${up} + ${weighted((c) => pay(i, c))};`);
  }
  // The rollback, bottom up.
  for (let i = size - 1; i >= 0; i--) {
    if (!nodeVaries[i]) continue;
    const first = firstChild[i]!;
    const last = first + childCount[i]!;
    if (kind[i] === CHANCE) {
      for (let c = 0; c < C; c++) {
        let acc = '0';
        for (let j = first; j < last; j++) acc = `(${acc} + ${prob(j)} * ${exp(j, c)})`;
        emit(`let e${i}_${c} = ${acc};`);
      }
    } else if (kind[i] === DECISION) {
      const path = pathOf(i);
      for (let c = 0; c < C; c++) emit(`let e${i}_${c} = ${exp(first, c)};`);
      emit(`{ let best = ${path} + ${scoreOf(first)};`);
      for (let j = first + 1; j < last; j++) {
        emit(
          `{ const s = ${path} + ${scoreOf(j)}; if (s > best && !(Math.abs(s - best) <= ${TIE_TOLERANCE} * Math.max(1, Math.abs(s), Math.abs(best)))) { best = s;`,
        );
        for (let c = 0; c < C; c++) emit(`e${i}_${c} = ${exp(j, c)};`);
        emit('} }');
      }
      emit('}');
    } else for (let c = 0; c < C; c++) emit(`let e${i}_${c} = 0;`);
    for (let c = 0; c < C; c++) emit(`e${i}_${c} = e${i}_${c} + ${pay(i, c)};`);
    if (!emit(`const s${i} = ${weighted((c) => `e${i}_${c}`)};`)) return undefined;
  }

  // What `simulate` keeps.
  const n = kind[0] === DECISION ? childCount[0]! : 0;
  if (n === 0) {
    emit(`scores[at] = ${scoreOf(0)};`);
    for (let c = 0; c < C; c++) emit(`criteria[${c} * stride + at] = ${exp(0, c)};`);
  } else {
    emit(`const root = ${weighted((c) => pay(0, c))};`);
    for (let o = 0; o < n; o++) {
      const j = firstChild[0]! + o;
      emit(`scores[${o} * stride + at] = ${scoreOf(j)} + root;`);
      for (let c = 0; c < C; c++)
        emit(`criteria[${o * C + c} * stride + at] = ${exp(j, c)} + ${pay(0, c)};`);
    }
  }
  if (!emit('}')) return undefined;

  const run = kernelOf(
    `return function run(start, end, draws, stride, scores, criteria, H, E, v) {\nconst invalid = [];\n${lines.join('\n')}\nreturn invalid;\n};`,
  );
  const values = Float64Array.from(setup.values);
  return {
    run: (start, end, draws, stride, scores, criteria) =>
      run(start, end, draws, stride, scores, criteria, EXPRESSION_HELPERS, closures, values),
  };
}

/** A kernel as compiled: what it reads besides the run's arrays comes in its last arguments. */
type CompiledKernel = (
  ...args: [
    ...Parameters<Kernel['run']>,
    helpers: typeof EXPRESSION_HELPERS,
    closures: ((values: Float64Array) => number)[],
    values: Float64Array,
  ]
) => ReturnType<Kernel['run']>;

/** Recent kernels, by source, oldest first. */
const kernels = new Map<string, CompiledKernel>();
const KEPT_KERNELS = 32;

/**
 * The function of a kernel's source, compiled once per source and kept. Runs of the same tree
 * then call the one function, so V8 keeps the machine code it optimised for it: a process that
 * simulates the same tree again (the web app, a worker thread's next share of a run) does not
 * start it again from the interpreter, which costs a share of a large run its first tens of ms
 * and a background compilation of as many. (A new closure per run from one kept factory lost
 * that code whenever much else had been collected in between.)
 */
function kernelOf(source: string): CompiledKernel {
  let kernel = kernels.get(source);
  if (!kernel) {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source holds only numbers, indices and vetted expressions (above)
    const compile = new Function(source) as () => CompiledKernel;
    kernel = compile();
    if (kernels.size >= KEPT_KERNELS) kernels.delete(kernels.keys().next().value!);
    kernels.set(source, kernel);
  }
  return kernel;
}

/** A number as JavaScript source that reads back as exactly that number. */
function literal(x: number): string {
  return Object.is(x, -0) ? '(-0)' : `(${String(x)})`;
}
