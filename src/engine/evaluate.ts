import type { Result } from '../model/diagnostic';
import type { Direction, Scenario, TreeNode } from '../model/types';
import { resolveInputs, type Inputs, type Overrides } from './inputs';
import { DECISION, OUTCOME, pathOf, programOf, type Program } from './program';
import { rollback, rollbackBuffers, type Rollback } from './rollback';

/** Criterion values by criterion id. */
export type CriterionValues = Record<string, number>;

/** The result of `branchpoint evaluate --format json` (FORMAT.md section 3). */
export interface Evaluation {
  title: string;
  criteria: {
    id: string;
    label: string;
    weight: number;
    normalized_weight: number;
    direction: Direction;
    unit: string | null;
  }[];
  score: number;
  expected: CriterionValues;
  choice: string | null;
  options: { id: string; label: string; score: number; expected: CriterionValues }[];
  /** Shared between evaluations that choose alike (see `policy`): never to be changed. */
  policy: readonly { readonly path: string; readonly choice: string }[];
  outcomes: {
    path: string;
    label: string;
    probability: number;
    payoff: CriterionValues;
    score: number;
  }[];
  /** Parameter values used, after overrides and expressions. */
  parameters: Record<string, number>;
  /**
   * Lowest and highest whole-path score over every end state of the tree, reached or not: the
   * scale a lead between options is judged on ("too close to call").
   */
  score_range: { min: number; max: number };
}

/** One node of the evaluated tree, for views that draw it. */
export interface NodeResult {
  node: TreeNode;
  path: string;
  /** Probability given the parent; null at the root and for options of a decision. */
  probability: number | null;
  /** Probability of reaching this node under the optimal policy. */
  reach: number;
  /** Expected score and criterion totals of the subtree from here (this node's payoff included). */
  score: number;
  expected: CriterionValues;
  /** This node's own payoff. */
  payoff: CriterionValues;
  /** For a decision node, the id of the chosen option. */
  choice: string | null;
  /** This node is the option its parent decision takes. */
  chosen: boolean;
  children: NodeResult[];
}

/** Evaluates `scenario` with `overrides`: the best policy, the expected outcomes and their spread. */
export function evaluate(scenario: Scenario, overrides: Overrides = {}): Result<Evaluation> {
  const run = runScenario(scenario, overrides);
  return run.ok
    ? { ok: true, value: describe(run.value.program, run.value.inputs, run.value.result) }
    : run;
}

/** Like `evaluate`, plus the whole tree annotated with its results (for drawing it). */
export function evaluateTree(
  scenario: Scenario,
  overrides: Overrides = {},
): Result<{ evaluation: Evaluation; tree: NodeResult }> {
  const run = runScenario(scenario, overrides);
  if (!run.ok) return run;
  const { program, inputs, result } = run.value;
  return {
    ok: true,
    value: { evaluation: describe(program, inputs, result), tree: annotate(program, result) },
  };
}

function runScenario(
  scenario: Scenario,
  overrides: Overrides,
): Result<{ program: Program; inputs: Inputs; result: Rollback }> {
  const inputs = resolveInputs(scenario, overrides);
  if (!inputs.ok) return inputs;
  const program = programOf(scenario);
  const result = rollback(program, inputs.value, workOf(program));
  if (!result.ok) return result;
  return { ok: true, value: { program, inputs: inputs.value, result: result.value } };
}

/**
 * One rollback's buffers per program, used again by each evaluation: what is read from them is
 * copied out before `evaluate` or `evaluateTree` returns, and neither waits in between. Zeroing
 * new ones took a tenth of an evaluation of a 5,000-node tree.
 */
function workOf(program: Program): Rollback {
  let work = works.get(program);
  if (!work) works.set(program, (work = rollbackBuffers(program)));
  return work;
}

const works = new WeakMap<Program, Rollback>();

function values(program: Program, array: Float64Array, index: number): CriterionValues {
  const out: CriterionValues = {};
  const criteria = program.scenario.criteria;
  const C = program.criteria;
  for (let k = 0; k < C; k++) out[criteria[k]!.id] = array[index * C + k]!;
  return out;
}

function describe(program: Program, inputs: Inputs, r: Rollback): Evaluation {
  const { scenario, firstChild, childCount, kind, criteria: C } = program;
  const total = inputs.weights.reduce((a, b) => a + b, 0);
  const rootIsDecision = kind[0] === DECISION;
  const options: Evaluation['options'] = [];
  if (rootIsDecision) {
    // A root option's score and expected values cover whole paths, so the root's own payoff is added.
    const rootPayoff = values(program, r.payoff, 0);
    let rootPayoffScore = 0;
    for (let c = 0; c < C; c++) rootPayoffScore += inputs.coefficients[c]! * r.payoff[c]!;
    for (let j = firstChild[0]!; j < firstChild[0]! + childCount[0]!; j++) {
      const expected = values(program, r.expected, j);
      for (const id of Object.keys(expected)) expected[id]! += rootPayoff[id]!;
      options.push({
        id: program.nodes[j]!.id,
        label: program.nodes[j]!.label,
        score: r.score[j]! + rootPayoffScore,
        expected,
      });
    }
  }
  return {
    title: scenario.title,
    criteria: scenario.criteria.map((c, k) => ({
      id: c.id,
      label: c.label,
      weight: inputs.weights[k]!,
      normalized_weight: inputs.weights[k]! / total,
      direction: c.direction,
      unit: c.unit,
    })),
    score: r.score[0]!,
    expected: values(program, r.expected, 0),
    choice: rootIsDecision ? program.nodes[r.choice[0]!]!.id : null,
    options,
    policy: policy(program, r),
    outcomes: outcomes(program, inputs, r),
    parameters: Object.fromEntries(
      scenario.parameters.map((p) => [p.name, inputs.values[p.index]!]),
    ),
    score_range: pathScoreRange(program, r),
  };
}

/**
 * Lowest and highest whole-path score over every leaf: the rollback's `above` of each (the score
 * of the payoffs from the root down to it).
 */
function pathScoreRange(program: Program, r: Rollback): { min: number; max: number } {
  const leaves = leavesOf(program);
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < leaves.length; k++) {
    const path = r.above[leaves[k]!]!;
    if (path < min) min = path;
    if (path > max) max = path;
  }
  return { min, max };
}

/** The outcome nodes, found once per program: every evaluation reads their path scores. */
function leavesOf(program: Program): Int32Array {
  let found = leaves.get(program);
  if (!found) {
    const out: number[] = [];
    for (let i = 0; i < program.size; i++) if (program.kind[i] === OUTCOME) out.push(i);
    leaves.set(program, (found = Int32Array.from(out)));
  }
  return found;
}

const leaves = new WeakMap<Program, Int32Array>();

/**
 * Every decision node, in the order the file lists them, with its chosen option. A policy
 * changes only where a decision flips, which parameter changes do rarely: the last few policies
 * of each program are kept, and an evaluation that chooses as one of them did gets that same
 * (frozen) array, so that what is derived from it (its JSON, say) can be kept with it.
 */
function policy(program: Program, r: Rollback): Evaluation['policy'] {
  const at = decisionsOf(program);
  let hash = 0;
  for (let k = 0; k < at.length; k++) hash = Math.imul(hash ^ r.choice[at[k]!]!, 0x01000193);
  let recent = policies.get(program);
  if (!recent) policies.set(program, (recent = []));
  for (let n = 0; n < recent.length; n++) {
    const kept = recent[n]!;
    if (kept.hash !== hash || !sameChoices(kept.choices, at, r.choice)) continue;
    recent.splice(n, 1);
    recent.unshift(kept);
    return kept.policy;
  }
  const made = Object.freeze(
    at.map((i) =>
      Object.freeze({ path: pathOf(program, i), choice: program.nodes[r.choice[i]!]!.id }),
    ),
  );
  recent.unshift({ hash, choices: Int32Array.from(at, (i) => r.choice[i]!), policy: made });
  if (recent.length > KEPT_POLICIES) recent.pop();
  return made;
}

function sameChoices(kept: Int32Array, at: readonly number[], choice: ArrayLike<number>): boolean {
  for (let k = 0; k < at.length; k++) if (kept[k] !== choice[at[k]!]) return false;
  return true;
}

/** Policies kept per program. */
const KEPT_POLICIES = 16;

const policies = new WeakMap<
  Program,
  { hash: number; choices: Int32Array; policy: Evaluation['policy'] }[]
>();

/** The decision nodes in file order, found once per program: every evaluation lists them. */
function decisionsOf(program: Program): number[] {
  let found = decisions.get(program);
  if (!found) {
    const out: number[] = [];
    preorder(program, (i) => {
      if (program.kind[i] === DECISION) out.push(i);
      return true;
    });
    decisions.set(program, (found = out));
  }
  return found;
}

const decisions = new WeakMap<Program, number[]>();

/** Leaves reached under the policy, in file order, with their reach probability and path totals. */
function outcomes(program: Program, inputs: Inputs, r: Rollback): Evaluation['outcomes'] {
  const { criteria: C, kind, parent } = program;
  // Only nodes reached are written, each before its children are read: no zeroing needed.
  const { reach, totals } = scratchOf(program);
  const out: Evaluation['outcomes'] = [];
  preorder(program, (i) => {
    const up = parent[i]!;
    reach[i] =
      up < 0
        ? 1
        : kind[up] === DECISION
          ? r.choice[up] === i
            ? reach[up]!
            : 0
          : reach[up]! * r.probability[i]!;
    if (reach[i] === 0) return false;
    for (let c = 0; c < C; c++)
      totals[i * C + c] = (up < 0 ? 0 : totals[up * C + c]!) + r.payoff[i * C + c]!;
    if (kind[i] === OUTCOME) {
      let score = 0;
      for (let c = 0; c < C; c++) score += inputs.coefficients[c]! * totals[i * C + c]!;
      const node = program.nodes[i]!;
      out.push({
        path: pathOf(program, i),
        label: node.label,
        probability: reach[i],
        payoff: values(program, totals, i),
        score,
      });
    }
    return true;
  });
  return out;
}

/** The buffers `outcomes` works in, one pair per program. */
function scratchOf(program: Program): { reach: Float64Array; totals: Float64Array } {
  let scratch = scratches.get(program);
  if (!scratch) {
    scratch = {
      reach: new Float64Array(program.size),
      totals: new Float64Array(program.size * program.criteria),
    };
    scratches.set(program, scratch);
  }
  return scratch;
}

const scratches = new WeakMap<Program, { reach: Float64Array; totals: Float64Array }>();

/** Visits nodes in file order (depth first); `visit` returns false to skip a node's children. */
function preorder(program: Program, visit: (index: number) => boolean): void {
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (!visit(i)) continue;
    const first = program.firstChild[i]!;
    for (let j = first + program.childCount[i]! - 1; j >= first; j--) stack.push(j);
  }
}

function annotate(program: Program, r: Rollback): NodeResult {
  const { kind, parent, firstChild, childCount, nodes } = program;
  const build = (i: number, path: string, reach: number): NodeResult => {
    const up = parent[i]!;
    const node = nodes[i]!;
    const children: NodeResult[] = [];
    for (let j = firstChild[i]!; j < firstChild[i]! + childCount[i]!; j++) {
      const childReach =
        kind[i] === DECISION ? (r.choice[i] === j ? reach : 0) : reach * r.probability[j]!;
      children.push(build(j, pathOf(program, j), childReach));
    }
    return {
      node,
      path,
      probability: up >= 0 && kind[up] !== DECISION ? r.probability[i]! : null,
      reach,
      score: r.score[i]!,
      expected: values(program, r.expected, i),
      payoff: payoffOf(program, r, i),
      choice: kind[i] === DECISION ? nodes[r.choice[i]!]!.id : null,
      chosen: up >= 0 && kind[up] === DECISION && r.choice[up] === i,
      children,
    };
  };
  return build(0, pathOf(program, 0), 1);
}

/**
 * A node's payoff in this run. Most are the file's constants, the same in every run: those are
 * made once per program and shared (frozen), which spares the live page's tree comparison as
 * well as the allocation.
 */
function payoffOf(program: Program, r: Rollback, i: number): CriterionValues {
  const C = program.criteria;
  for (let c = 0; c < C; c++)
    if (!Object.is(r.payoff[i * C + c], program.payoff[i * C + c]))
      return values(program, r.payoff, i);
  let shared = constantPayoffs.get(program);
  if (!shared)
    constantPayoffs.set(program, (shared = new Array<CriterionValues | undefined>(program.size)));
  return (shared[i] ??= Object.freeze(values(program, program.payoff, i)));
}

const constantPayoffs = new WeakMap<Program, (CriterionValues | undefined)[]>();
