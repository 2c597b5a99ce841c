import type { MathNode } from 'mathjs';
import { mathjsFile } from './mathjs-file';

/**
 * math.js's own expression parser, set up from its factories without the rest of math.js.
 *
 * `create({ parseDependencies })` from `mathjs/number` loads every function math.js has and
 * builds typed-function's dispatch for each: about a second at start-up, for a parser that only
 * ever sees a string. Here the parser (`expression/parse.js`), its node classes and its number
 * conversion are created with a stand-in for `typed` that keeps the one signature they are called
 * with here (a string), and empty stand-ins for what only evaluating or compiling nodes would use
 * (nothing from an expression is ever evaluated by math.js). The trees are math.js's own classes,
 * so this parses exactly as math.js does; tests/expr/math-parse.test.ts checks that against
 * `mathjs/number`'s `parse` on random expressions.
 */

type Factory = (scope: Record<string, unknown>) => unknown;

/** The node classes the parser builds, in an order where each one's dependencies come first. */
const NODES = [
  'Node',
  'SymbolNode',
  'AccessorNode',
  'ArrayNode',
  'AssignmentNode',
  'BlockNode',
  'ConditionalNode',
  'ConstantNode',
  'FunctionAssignmentNode',
  'FunctionNode',
  'IndexNode',
  'ObjectNode',
  'OperatorNode',
  'ParenthesisNode',
  'RangeNode',
  'RelationalNode',
] as const;

let parser: ((text: string) => MathNode) | undefined;

/** Parses `text` as math.js does; throws its SyntaxError (or a RangeError on very deep input). */
export function mathParse(text: string): MathNode {
  parser ??= makeParser();
  return parser(text);
}

function makeParser(): (text: string) => MathNode {
  const load = (file: string, name: string): Factory => {
    const module = mathjsFile(file) as Record<string, Factory | undefined>;
    const factory = module[name];
    if (!factory) throw new Error(`math.js has no ${name} in ${file}`);
    return factory;
  };
  const { DEFAULT_CONFIG } = mathjsFile('core/config.js') as {
    DEFAULT_CONFIG: Record<string, unknown>;
  };
  const typed = Object.assign(
    (name: string, signatures: Record<string, ((x: unknown) => unknown) | undefined>) => {
      const onString = signatures.string;
      if (!onString) throw new Error(`math.js's ${name} has no signature for a string`);
      return (x: unknown) => onString(x);
    },
    { referToSelf: (f: unknown) => f, addConversion: () => undefined },
  );
  const scope: Record<string, unknown> = {
    typed,
    config: { ...DEFAULT_CONFIG },
    // Used only when nodes are compiled, evaluated or converted: never here.
    math: {},
    mathWithTransform: {},
    subset: {},
    size: {},
    ResultSet: {},
    isBounded: () => true,
  };
  scope.number = load('type/number.js', 'createNumber')(scope);
  scope.numeric = load('function/utils/numeric.js', 'createNumeric')(scope);
  for (const node of NODES)
    scope[node] = load(`expression/node/${node}.js`, `create${node}`)(scope);
  return load('expression/parse.js', 'createParse')(scope) as (text: string) => MathNode;
}
