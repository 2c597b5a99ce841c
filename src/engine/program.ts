import type { Expression, Scenario, TreeNode } from '../model/types';

/** Node kinds as small integers, for the typed arrays of a `Program`. */
export const OUTCOME = 0;
export const CHANCE = 1;
export const DECISION = 2;

/** An expression the program evaluates per run, and where its result goes. */
export interface ExpressionSlot {
  readonly node: number;
  /** Index into the payoff array (`node * criteria + criterion`) or -1 for a probability. */
  readonly target: number;
  readonly expression: Expression;
}

/**
 * A scenario's tree flattened once into typed arrays, in breadth-first order: each node's
 * children are contiguous and come after it, so rollback is one backward sweep with no recursion.
 * Constants are laid out at compile time; only expressions are evaluated per run.
 */
export interface Program {
  readonly scenario: Scenario;
  readonly size: number;
  readonly criteria: number;
  /** The model node behind each index. */
  readonly nodes: readonly TreeNode[];
  readonly kind: Uint8Array;
  readonly parent: Int32Array;
  readonly firstChild: Int32Array;
  readonly childCount: Int32Array;
  /** Constant payoffs, `size * criteria`; expression payoffs are filled in per run. */
  readonly payoff: Float64Array;
  /** Constant probabilities (NaN where computed per run; 1 at the root). */
  readonly probability: Float64Array;
  /** For each chance node, the index of its `"#"` branch, or -1. */
  readonly complement: Int32Array;
  readonly chanceNodes: Int32Array;
  readonly expressions: readonly ExpressionSlot[];
  /**
   * The expressions' slots again, as typed arrays for the loop that runs them on every rollback:
   * each one's node, target, and the parameter it reads when it is a bare name (-1 otherwise).
   * A call through each expression's closure cost a 5,000-node tree a fifth of its rollback.
   */
  readonly slotNode: Int32Array;
  readonly slotTarget: Int32Array;
  readonly slotParameter: Int32Array;
}

const programs = new WeakMap<Scenario, Program>();

/** The program of `scenario`, compiled on first use and kept as long as the scenario lives. */
export function programOf(scenario: Scenario): Program {
  let program = programs.get(scenario);
  if (!program) {
    program = compileProgram(scenario);
    programs.set(scenario, program);
  }
  return program;
}

function compileProgram(scenario: Scenario): Program {
  const size = scenario.nodeCount;
  const criteria = scenario.criteria.length;
  const nodes: TreeNode[] = new Array<TreeNode>(size);
  const kind = new Uint8Array(size);
  const parent = new Int32Array(size);
  const firstChild = new Int32Array(size);
  const childCount = new Int32Array(size);
  const payoff = new Float64Array(size * criteria);
  const probability = new Float64Array(size);
  const complement = new Int32Array(size).fill(-1);
  const chance: number[] = [];
  const expressions: ExpressionSlot[] = [];

  nodes[0] = scenario.root;
  parent[0] = -1;
  probability[0] = 1;
  let next = 1;
  for (let i = 0; i < size; i++) {
    const node = nodes[i]!;
    kind[i] = node.type === 'outcome' ? OUTCOME : node.type === 'chance' ? CHANCE : DECISION;
    if (node.type === 'chance') chance.push(i);
    for (const term of node.payoff) {
      const target = i * criteria + term.criterion;
      if (term.amount.kind === 'number') payoff[target] = payoff[target]! + term.amount.value;
      else expressions.push({ node: i, target, expression: term.amount.expression });
    }
    firstChild[i] = next;
    childCount[i] = node.children.length;
    for (const child of node.children) {
      nodes[next] = child;
      parent[next] = i;
      const p = child.probability;
      if (p === null) probability[next] = 1;
      else if (p.kind === 'number') probability[next] = p.value;
      else {
        probability[next] = Number.NaN;
        if (p.kind === 'complement') complement[i] = next;
        else expressions.push({ node: next, target: -1, expression: p.expression });
      }
      next++;
    }
  }
  return {
    scenario,
    size,
    criteria,
    nodes,
    kind,
    parent,
    firstChild,
    childCount,
    payoff,
    probability,
    complement,
    chanceNodes: Int32Array.from(chance),
    expressions,
    slotNode: Int32Array.from(expressions, (e) => e.node),
    slotTarget: Int32Array.from(expressions, (e) => e.target),
    slotParameter: Int32Array.from(expressions, (e) => e.expression.parameter ?? -1),
  };
}

/** The node's path: ids from the root down, joined by `/`. */
export function pathOf(program: Program, index: number): string {
  let known = paths.get(program);
  if (!known) paths.set(program, (known = new Array<string | undefined>(program.size)));
  // Up to the nearest node whose path is known, then down again, each path from its parent's.
  const unknown: number[] = [];
  for (let i = index; i >= 0 && known[i] === undefined; i = program.parent[i]!) unknown.push(i);
  for (let k = unknown.length - 1; k >= 0; k--) {
    const i = unknown[k]!;
    const up = program.parent[i]!;
    known[i] = up < 0 ? program.nodes[i]!.id : `${known[up]!}/${program.nodes[i]!.id}`;
  }
  return known[index]!;
}

/**
 * Paths by node, worked out as asked for and kept with the program: an evaluation names every
 * decision and every outcome it reaches by path, thousands on a large tree, each time.
 */
const paths = new WeakMap<Program, (string | undefined)[]>();
