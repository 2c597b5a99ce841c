import { CHANCE, DECISION, type Program } from './program';

/** Per-node results of one rollback, indexed like the program's arrays. */
export interface Rollback {
  /** Each node's payoff for this run, `size * criteria`. */
  readonly payoff: Float64Array;
  /** Each node's probability given its parent (1 for options of a decision and for the root). */
  readonly probability: Float64Array;
  /** Expected criterion totals of the subtree below and including each node, `size * criteria`. */
  readonly expected: Float64Array;
  /** Expected score of the subtree below and including each node. */
  readonly score: Float64Array;
  /** For a decision node, the index of its chosen option; -1 elsewhere. */
  readonly choice: Int32Array;
  /** Score of the payoffs on the path from the root down to each node, inclusive. */
  readonly above: Float64Array;
}

/**
 * The two sweeps of a rollback, once its payoffs and probabilities are in place and `expected`
 * is zeroed: forward, each node's path score (`above`); backward, each node's expected criterion
 * totals and score, decisions taking their best option (`ties` says when two scores are equal).
 */
export type Sweep = (
  program: Program,
  k: Float64Array,
  buffers: Rollback,
  ties: (a: number, b: number) => boolean,
) => void;

/**
 * The sweeps as loops over the criteria: the definition, and what runs where code is not
 * generated. With `skip`, the backward sweep passes over the nodes marked in it, leaving their
 * results at 0 (the simulation works out the subtrees that do not vary with its samples once,
 * this way, and the others per sample).
 */
export function loopSweep(
  program: Program,
  k: Float64Array,
  buffers: Rollback,
  ties: (a: number, b: number) => boolean,
  skip?: Uint8Array,
): void {
  const { size, criteria: C, kind, firstChild, childCount, parent } = program;
  const { payoff, probability, expected, score, choice, above } = buffers;
  for (let i = 0; i < size; i++) {
    let own = 0;
    for (let c = 0; c < C; c++) own += k[c]! * payoff[i * C + c]!;
    above[i] = (i === 0 ? 0 : above[parent[i]!]!) + own;
  }
  for (let i = size - 1; i >= 0; i--) {
    if (skip?.[i]) continue;
    const base = i * C;
    const first = firstChild[i]!;
    const last = first + childCount[i]!;
    const type = kind[i];
    if (type === CHANCE) {
      for (let j = first; j < last; j++) {
        const p = probability[j]!;
        const jb = j * C;
        for (let c = 0; c < C; c++) expected[base + c]! += p * expected[jb + c]!;
      }
    } else if (type === DECISION) {
      const path = above[i]!;
      let best = first;
      let bestScore = path + score[first]!;
      for (let j = first + 1; j < last; j++) {
        const s = path + score[j]!;
        if (s > bestScore && !ties(s, bestScore)) {
          best = j;
          bestScore = s;
        }
      }
      choice[i] = best;
      const bb = best * C;
      for (let c = 0; c < C; c++) expected[base + c] = expected[bb + c]!;
    }
    let s = 0;
    for (let c = 0; c < C; c++) {
      const v = expected[base + c]! + payoff[base + c]!;
      expected[base + c] = v;
      s += k[c]! * v;
    }
    score[i] = s;
  }
}

/**
 * The sweeps for trees of `criteria` criteria: `loopSweep` with its loops over the criteria
 * written out, each criterion's running total in a variable of its own, generated once per
 * number of criteria. The same operations in the same order, so the same numbers to the last
 * bit (tests/engine/rollback-sweep.test.ts); 1.7 times as fast on a 5,000-node tree of two
 * criteria, where the loops over two criteria cost more than the arithmetic in them.
 */
export function sweepFor(criteria: number): Sweep {
  let sweep = sweeps.get(criteria);
  if (!sweep) {
    sweep = criteria > MAX_UNROLLED ? loopSweep : (generated(criteria) ?? loopSweep);
    sweeps.set(criteria, sweep);
  }
  return sweep;
}

/** Beyond this many criteria the loops stay loops. */
const MAX_UNROLLED = 12;

const sweeps = new Map<number, Sweep>();

function generated(C: number): Sweep | undefined {
  const each = (line: (c: number) => string) => Array.from({ length: C }, (_, c) => line(c));
  // Left to right from 0, as the loops add.
  const sum = (term: (c: number) => string) => ['0', ...each(term)].join(' + ');
  const source = [
    'const { size, kind, firstChild, childCount, parent } = program;',
    'const { payoff, probability, expected, score, choice, above } = buffers;',
    ...each((c) => `const k${c} = k[${c}];`),
    'for (let i = 0; i < size; i++) {',
    `  const own = ${sum((c) => `k${c} * payoff[i * ${C} + ${c}]`)};`,
    '  above[i] = (i === 0 ? 0 : above[parent[i]]) + own;',
    '}',
    'for (let i = size - 1; i >= 0; i--) {',
    `  const base = i * ${C};`,
    '  const first = firstChild[i];',
    '  const last = first + childCount[i];',
    '  const type = kind[i];',
    ...each((c) => `  let e${c} = expected[base + ${c}];`),
    `  if (type === ${CHANCE}) {`,
    '    for (let j = first; j < last; j++) {',
    '      const p = probability[j];',
    `      const jb = j * ${C};`,
    ...each((c) => `      e${c} += p * expected[jb + ${c}];`),
    '    }',
    `  } else if (type === ${DECISION}) {`,
    '    const path = above[i];',
    '    let best = first;',
    '    let bestScore = path + score[first];',
    '    for (let j = first + 1; j < last; j++) {',
    '      const s = path + score[j];',
    '      if (s > bestScore && !ties(s, bestScore)) {',
    '        best = j;',
    '        bestScore = s;',
    '      }',
    '    }',
    '    choice[i] = best;',
    `    const bb = best * ${C};`,
    ...each((c) => `    e${c} = expected[bb + ${c}];`),
    '  }',
    ...each((c) => `  e${c} += payoff[base + ${c}];\n  expected[base + ${c}] = e${c};`),
    `  score[i] = ${sum((c) => `k${c} * e${c}`)};`,
    '}',
  ].join('\n');
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is the fixed text above, with only the number of criteria written in
    return new Function('program', 'k', 'buffers', 'ties', source) as Sweep;
  } catch {
    // Code generation from strings is off (--disallow-code-generation-from-strings).
    return undefined;
  }
}
