import { diagnostic, type Diagnostic, type Result } from '../model/diagnostic';
import { RANGE_TOLERANCE, SUM_TOLERANCE, TIE_TOLERANCE } from './constants';
import { formatNumber } from './format-number';
import type { Inputs } from './inputs';
import { pathOf, type ExpressionSlot, type Program } from './program';
import { sweepFor, type Rollback } from './rollback-sweep';

export type { Rollback } from './rollback-sweep';

/** Scores `a` and `b` tie (FORMAT.md section 2). */
export function ties(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Evaluates the program's expressions against `inputs`, checks every probability, and rolls the
 * tree back: chance nodes take the probability-weighted mean, decision nodes the best option
 * (first listed on a tie). Collects every invalid probability before failing. With `work`, the
 * result is written into (and returned as) those buffers, overwriting the previous run.
 */
export function rollback(program: Program, inputs: Inputs, work?: Rollback): Result<Rollback> {
  const errors: Diagnostic[] = [];
  const buffers = work ?? rollbackBuffers(program);
  const { payoff, probability, expected, choice } = buffers;
  payoff.set(program.payoff);
  probability.set(program.probability);
  for (const o of inputs.probabilities ?? []) probability[o.node] = o.value;
  expected.fill(0);
  choice.fill(-1);
  fillExpressions(program, inputs.values, payoff, probability, errors);
  checkProbabilities(program, probability, errors);
  if (errors.length > 0) return { ok: false, errors };

  // Options are compared on whole-path scores (FORMAT.md: an option's score includes the payoffs
  // above it), which matters for the relative tie tolerance: the sweep works out `above[i]`, the
  // score of the payoffs from the root down to node i, inclusive, before rolling back.
  sweepFor(program.criteria)(program, inputs.coefficients, buffers, ties);
  return { ok: true, value: buffers };
}

/**
 * Arrays for one rollback of `program`. Analyses that roll the same tree back thousands of times
 * pass the same buffers to `rollback` each time instead of allocating new ones.
 */
export function rollbackBuffers(program: Program): Rollback {
  return {
    payoff: new Float64Array(program.size * program.criteria),
    probability: new Float64Array(program.size),
    expected: new Float64Array(program.size * program.criteria),
    score: new Float64Array(program.size),
    choice: new Int32Array(program.size),
    above: new Float64Array(program.size),
  };
}

function fillExpressions(
  program: Program,
  values: Float64Array,
  payoff: Float64Array,
  probability: Float64Array,
  errors: Diagnostic[],
): void {
  const { expressions, slotNode, slotTarget, slotParameter } = program;
  for (let n = 0; n < expressions.length; n++) {
    const read = slotParameter[n]!;
    const v = read >= 0 ? values[read]! : expressions[n]!.expression.evaluate(values);
    const target = slotTarget[n]!;
    if (!Number.isFinite(v)) errors.push(notFinite(program, expressions[n]!, v));
    else if (target < 0) probability[slotNode[n]!] = v;
    else payoff[target]! += v;
  }
}

function notFinite(program: Program, slot: ExpressionSlot, v: number): Diagnostic {
  const what =
    slot.target < 0
      ? 'probability'
      : `payoff '${program.scenario.criteria[slot.target % program.criteria]!.id}'`;
  const at =
    (slot.target < 0 ? program.nodes[slot.node]!.probability?.at : undefined) ??
    program.nodes[slot.node]!.at;
  return diagnostic(
    'NOT_FINITE',
    `${what} of '${pathOf(program, slot.node)}' = '${slot.expression.text}' is ${v}, not a finite number`,
    at,
    pathOf(program, slot.node),
  );
}

function checkProbabilities(
  program: Program,
  probability: Float64Array,
  errors: Diagnostic[],
): void {
  const { chanceNodes, firstChild, childCount, complement, nodes } = program;
  for (const i of chanceNodes) {
    const first = firstChild[i]!;
    const last = first + childCount[i]!;
    const rest = complement[i]!;
    let sum = 0;
    let valid = true;
    for (let j = first; j < last; j++) {
      if (j === rest) continue;
      const p = probability[j]!;
      if (Number.isNaN(p)) {
        valid = false; // already reported as not finite
      } else if (p < -RANGE_TOLERANCE || p > 1 + RANGE_TOLERANCE) {
        valid = false;
        errors.push(
          diagnostic(
            'PROBABILITY_RANGE',
            `probability of '${pathOf(program, j)}' is ${formatNumber(p)}; it must lie in [0, 1]`,
            nodes[j]!.probability?.at ?? nodes[j]!.at,
            pathOf(program, j),
          ),
        );
      } else {
        probability[j] = Math.min(1, Math.max(0, p));
      }
      sum += probability[j]!;
    }
    if (!valid) continue;
    if (rest >= 0) {
      const left = 1 - sum;
      if (left < -SUM_TOLERANCE) {
        errors.push(
          diagnostic(
            'PROBABILITY_SUM',
            `probabilities of the branches of '${pathOf(program, i)}' sum to ${formatNumber(sum)} before the "#" branch '${nodes[rest]!.id}', which would get ${formatNumber(left)}; they must sum to at most 1`,
            nodes[i]!.at,
            pathOf(program, i),
          ),
        );
      }
      probability[rest] = Math.max(0, left);
    } else if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      errors.push(
        diagnostic(
          'PROBABILITY_SUM',
          `probabilities of the branches of '${pathOf(program, i)}' sum to ${formatNumber(sum)}; they must sum to 1`,
          nodes[i]!.at,
          pathOf(program, i),
        ),
      );
    }
  }
}
