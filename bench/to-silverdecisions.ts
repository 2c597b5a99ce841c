import { orderParameters } from '../src/expr/order-parameters';
import type { Quantity, Scenario, TreeNode } from '../src/model/types';

/**
 * A branchpoint scenario as SilverDecisions data (the `data` member of a `.sd.json` file, which
 * `new DataModel(json)` loads), for the peer benchmark in bench/silverdecisions.ts.
 *
 * SilverDecisions' expected-value rule optimises one payoff, carried on edges; branchpoint sums
 * payoffs of several criteria on nodes. So each node's payoff becomes the payoff of the edge that
 * leads to it, as its score: sum over criteria of s_c * w_c / W (s_c = -1 for a `min` criterion),
 * the number branchpoint rolls back. The root's own payoff, which has no edge, is added to every
 * edge below the root (a chance node's probabilities sum to 1, and a decision adds the same
 * amount to every option, so the expected value is unchanged).
 *
 * Parameters become SilverDecisions' global code (`name = value` or `name = expression`, each
 * after those it reads); probabilities and payoff expressions are passed through as text, since
 * both tools read math.js syntax; `"#"` means the same in both.
 *
 * Limitation: SilverDecisions' tornado sets a variable after running the global code, so a
 * parameter defined by an expression of a varied one keeps its base value; branchpoint
 * recomputes it. The scenarios benchmarked have no such parameters.
 */
export interface SilverDecisionsData {
  code: string;
  expressionScope: Record<string, never>;
  trees: SdNode[];
  texts: never[];
  payoffNames: string[];
  defaultCriterion1Weight: number;
  weightLowerBound: number;
  weightUpperBound: number;
}

export interface SdNode {
  type: 'decision' | 'chance' | 'terminal';
  name: string;
  code: string;
  childEdges: SdEdge[];
}

export interface SdEdge {
  name: string;
  /** Payoffs per SilverDecisions criterion; only the first is used by the expected-value rule. */
  payoff: [string, string];
  probability?: string;
  childNode: SdNode;
}

export interface ConvertOptions {
  /**
   * `folded` (default): the normalised weights are folded into each payoff as numbers.
   * `variables`: each weight is a global variable (see `weightVariable`) and each payoff an
   * expression that normalises by their sum, so SilverDecisions' tornado can vary the weights
   * like branchpoint's sensitivity analysis does. Costs SilverDecisions an expression per edge.
   */
  readonly weights?: 'folded' | 'variables';
}

/** The SilverDecisions variable that holds the weight of criterion `index` (`variables` mode). */
export function weightVariable(scenario: Scenario, index: number): string {
  const taken = new Set(scenario.parameters.map((p) => p.name));
  let name = `weight_${index}`;
  while (taken.has(name)) name = `_${name}`;
  return name;
}

export function toSilverDecisions(
  scenario: Scenario,
  options: ConvertOptions = {},
): SilverDecisionsData {
  const variables = options.weights === 'variables';
  const { criteria, parameters } = scenario;
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  const sign = criteria.map((c) => (c.direction === 'min' ? -1 : 1));
  const coefficients = criteria.map((c, i) => (sign[i]! * c.weight) / total);
  const weightNames = criteria.map((_, i) => weightVariable(scenario, i));

  const ordered = orderParameters(
    parameters.map((p) => (p.value.kind === 'expression' ? p.value.expression.uses : [])),
  );
  if (!ordered.ok) throw new Error('parameters depend on each other in a cycle');
  const lines = ordered.order.map((i) => `${parameters[i]!.name} = ${text(parameters[i]!.value)}`);
  if (variables) criteria.forEach((c, i) => lines.push(`${weightNames[i]} = ${num(c.weight)}`));

  /** The score of a node's own payoff, as a number or a math.js expression. */
  const score = (node: TreeNode): string | number => {
    if (variables) {
      const terms = node.payoff.map(
        (t) =>
          `${sign[t.criterion]! < 0 ? '-' : ''}${weightNames[t.criterion]} * (${text(t.amount)})`,
      );
      if (terms.length === 0) return 0;
      return `(${terms.join(' + ')}) / (${weightNames.join(' + ')})`;
    }
    let constant = 0;
    const terms: string[] = [];
    for (const t of node.payoff) {
      const k = coefficients[t.criterion]!;
      if (t.amount.kind === 'number') constant += k * t.amount.value;
      else terms.push(`${num(k)} * (${t.amount.expression.text})`);
    }
    if (terms.length === 0) return constant;
    if (constant !== 0) terms.push(num(constant));
    return terms.join(' + ');
  };
  const add = (a: string | number, b: string | number): string | number =>
    typeof a === 'number' && typeof b === 'number'
      ? a + b
      : a === 0
        ? b
        : b === 0
          ? a
          : `${typeof a === 'number' ? num(a) : `(${a})`} + ${typeof b === 'number' ? num(b) : `(${b})`}`;
  const payoff = (x: string | number): [string, string] => [
    typeof x === 'number' ? num(x) : x,
    '0',
  ];

  const convert = (node: TreeNode, extra: string | number): SdNode => ({
    type: node.type === 'outcome' ? 'terminal' : node.type,
    name: node.label,
    code: '',
    childEdges: node.children.map((child) => {
      const probability = child.probability;
      return {
        name: child.label,
        payoff: payoff(add(score(child), extra)),
        ...(node.type === 'chance' &&
          probability && {
            probability: probability.kind === 'complement' ? '#' : text(probability),
          }),
        childNode: convert(child, 0),
      };
    }),
  });

  const rootScore = score(scenario.root);
  const root: SdNode =
    scenario.root.type === 'outcome'
      ? {
          type: 'chance',
          name: scenario.root.label,
          code: '',
          childEdges: [
            {
              name: scenario.root.label,
              payoff: payoff(rootScore),
              probability: '1',
              childNode: { type: 'terminal', name: '', code: '', childEdges: [] },
            },
          ],
        }
      : convert(scenario.root, rootScore);
  return {
    code: lines.join('\n'),
    expressionScope: {},
    trees: [root],
    texts: [],
    payoffNames: ['score', 'unused'],
    defaultCriterion1Weight: 1,
    weightLowerBound: 0,
    weightUpperBound: Infinity,
  };
}

function text(q: Quantity): string {
  return q.kind === 'number' ? num(q.value) : q.expression.text;
}

/**
 * `x` to 15 significant digits. SilverDecisions computes with exact fractions whose numerator and
 * denominator are doubles: 0.12000000000000001 (0.1 + 0.02) would be read as 12000000000000001 /
 * 10^17, and sums and products of such fractions lose precision, so that a decision's chosen
 * option no longer matches its value exactly and SilverDecisions marks no option as optimal.
 * Rounded, it is 3/25, which is what the analyst meant.
 */
function num(x: number): string {
  return String(Number(x.toPrecision(15)));
}
