import type { SourcePath } from './diagnostic';
import type { Confidence } from './phrases';
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
  readonly evaluate: (values: Float64Array) => number;
  /**
   * The index of the parameter the expression is, when it is nothing but a parameter's name (as
   * most are in large trees): read from the values without calling `evaluate`.
   */
  readonly parameter?: number;
  /**
   * The same computation as JavaScript source over `v` (the values) and `H` (EXPRESSION_HELPERS),
   * for code generated from many expressions at once; absent where it is not worth writing.
   */
  readonly source?: string;
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
  /** Drawn by the simulation when given (`weight_distribution`); null: the weight stays fixed. */
  readonly weightDistribution: string | null;
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
  /** The estimative phrase the file wrote instead of a number (`likely`), if any. */
  readonly phrase: string | null;
  /** How sure the analyst is of the value (FORMAT.md section 6); null when not stated. */
  readonly confidence: Confidence | null;
  /**
   * The value is a probability: written as a phrase, or read directly as a branch probability.
   * Views follow such values with their phrase.
   */
  readonly probability: boolean;
  /** The file that defines it: null for the scenario itself, else a library's path. */
  readonly file: string | null;
  readonly at: SourcePath;
}

/** A source of evidence; `file` is the library that lists it (null: the scenario itself). */
export type Source = RawSource & { readonly file?: string | null };

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

/** A signpost: seeing it (or looking and not seeing it) updates one probability parameter. */
export interface Indicator {
  readonly id: string;
  readonly label: string;
  /** Index of the parameter it updates, in `Scenario.parameters`. */
  readonly parameter: number;
  /** P(seen | the event happens) and P(seen | it does not). */
  readonly ifTrue: number;
  readonly ifFalse: number;
  readonly note: string | null;
  readonly source: string | null;
  readonly at: SourcePath;
}

/** An input an expectation holds or moves: a parameter (by name) or a criterion's weight. */
export type ExpectationInput =
  | { readonly kind: 'parameter'; readonly name: string; readonly index: number }
  | { readonly kind: 'weight'; readonly name: string; readonly criterion: number };

/** A decision regression check (FORMAT.md section 7), vetted against the scenario. */
export interface Expectation {
  /** The root option that must be best, or null when only a margin is asked. */
  readonly best: string | null;
  readonly margin: number | null;
  /** Inputs moved across an interval, every other input at its base. */
  readonly while: readonly { input: ExpectationInput; low: number; high: number }[];
  /** Inputs held at a value (like `--set`; weights like `--weight`). */
  readonly given: readonly { input: ExpectationInput; value: number | string }[];
  readonly note: string | null;
  readonly at: SourcePath;
}

export interface Scenario {
  readonly title: string;
  readonly description: string | null;
  /** Library files imported, directly or through other libraries, in the order they join. */
  readonly imports: readonly string[];
  readonly sources: readonly Source[];
  readonly criteria: readonly Criterion[];
  readonly parameters: readonly Parameter[];
  readonly indicators: readonly Indicator[];
  readonly expectations: readonly Expectation[];
  readonly root: TreeNode;
  /** Number of tree nodes after subtree expansion. */
  readonly nodeCount: number;
}
