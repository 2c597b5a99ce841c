import type { SourcePath } from './diagnostic';
import type { RawSource } from './schema';

/**
 * The scenario as the engine sees it: defaults filled in, subtrees expanded, ids resolved,
 * expressions vetted and compiled. Produced by `load`, never by hand.
 */

/**
 * A vetted, compiled expression. `evaluate` reads parameter values by index
 * (`Scenario.parameters[i].index`), so one compiled closure serves every evaluation.
 */
export interface Expression {
  readonly text: string;
  /** Indices of the parameters the expression reads, without repeats. */
  readonly uses: readonly number[];
  evaluate(values: Float64Array): number;
}

/**
 * A number written in the file, or an expression to evaluate against the parameters.
 * A literal number cannot go wrong after loading, so it keeps no position (large trees hold
 * hundreds of thousands); a constant expression folded to a number keeps its own.
 */
export type Quantity =
  | { readonly kind: 'number'; readonly value: number; readonly at?: SourcePath }
  | { readonly kind: 'expression'; readonly expression: Expression; readonly at: SourcePath };

/** A branch probability: a quantity, or `"#"`, one minus the sum of its siblings. */
export type Probability = Quantity | { readonly kind: 'complement'; readonly at: SourcePath };

export type Direction = 'max' | 'min';

export interface Criterion {
  readonly id: string;
  readonly label: string;
  readonly weight: number;
  /** Low/high weight for sensitivity analysis (default: +-50% of `weight`). */
  readonly weightRange: readonly [number, number];
  readonly direction: Direction;
  readonly unit: string | null;
  readonly note: string | null;
  readonly at: SourcePath;
}

export interface Parameter {
  readonly name: string;
  /** Position in `Scenario.parameters` and in the value arrays expressions read. */
  readonly index: number;
  readonly value: Quantity;
  readonly range: readonly [number, number] | null;
  readonly distribution: string | null;
  readonly label: string | null;
  readonly unit: string | null;
  readonly source: string | null;
  readonly note: string | null;
  readonly at: SourcePath;
}

export type Source = RawSource;

/** One entry of a node's payoff: criterion (by index into `Scenario.criteria`) and amount. */
export interface PayoffTerm {
  readonly criterion: number;
  readonly amount: Quantity;
}

interface NodeBase {
  readonly id: string;
  readonly label: string;
  readonly payoff: readonly PayoffTerm[];
  readonly note: string | null;
  readonly source: string | null;
  /** Present exactly on the branches of a chance node. */
  readonly probability: Probability | null;
  /** Name of the subtree this node was copied from, if any. */
  readonly subtree: string | null;
  readonly at: SourcePath;
}

export interface DecisionNode extends NodeBase {
  readonly type: 'decision';
  readonly children: readonly TreeNode[];
}

export interface ChanceNode extends NodeBase {
  readonly type: 'chance';
  readonly children: readonly TreeNode[];
}

export interface OutcomeNode extends NodeBase {
  readonly type: 'outcome';
  readonly children: readonly [];
}

export type TreeNode = DecisionNode | ChanceNode | OutcomeNode;
export type NodeType = TreeNode['type'];

export interface Scenario {
  readonly title: string;
  readonly description: string | null;
  readonly sources: readonly Source[];
  readonly criteria: readonly Criterion[];
  readonly parameters: readonly Parameter[];
  readonly root: TreeNode;
  /** Number of tree nodes after subtree expansion. */
  readonly nodeCount: number;
}
