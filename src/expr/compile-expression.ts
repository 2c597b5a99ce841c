import type { MathNode } from 'mathjs';
import type * as mathjsNumber from 'mathjs/number';
import type { ErrorCode } from '../model/diagnostic';
import type { Expression } from '../model/types';
import { mathParse } from './math-parse';

/**
 * Expressions are parsed by math.js, vetted against a small whitelist, then compiled by hand into
 * plain closures over a Float64Array of parameter values. Nothing from the expression ever reaches
 * math.js's evaluator, so there is no sandbox to escape, and evaluation costs a few closure calls.
 */

/** Longest expression accepted, in characters: enough for any real formula, bounded for the parser. */
export const MAX_EXPRESSION_LENGTH = 1000;

/**
 * Deepest nesting of brackets accepted. math.js parses by recursive descent, a dozen calls per
 * level: 265 levels overflowed the stack before this bound.
 */
export const MAX_EXPRESSION_NESTING = 64;

/** How deeply `(`, `[` and `{` nest, brackets inside quotes counted too (an over-estimate). */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x29 || c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

export interface ExpressionProblem {
  code: Extract<ErrorCode, 'EXPRESSION_SYNTAX' | 'EXPRESSION_FORBIDDEN' | 'UNKNOWN_NAME'>;
  message: string;
}

export type CompileResult =
  { ok: true; expression: Expression } | { ok: false; problems: ExpressionProblem[] };

type Fn = (v: Float64Array) => number;

// math.js compares with a relative tolerance; matching it keeps `a == b` meaning what an analyst
// who tried the expression in math.js would expect.
const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;

function nearlyEqual(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(a - b);
  return diff <= ABS_TOL || diff <= REL_TOL * Math.max(Math.abs(a), Math.abs(b));
}

const bool = (b: boolean): number => (b ? 1 : 0);

type NumberMath = typeof mathjsNumber;
let numberMath: NumberMath | undefined;

/**
 * math.js's own round, floor and ceil: they correct for binary rounding error
 * (`round(1.005, 2)` is 1.01, `floor(2.9999999999999996)` is 3), which plain Math does not.
 * They throw on arguments they do not accept; that becomes NaN, reported as not finite.
 * math.js takes about a second to load, so it is loaded on the first call, not at start-up.
 */
function viaMath(name: 'round' | 'floor' | 'ceil'): (...args: number[]) => number {
  return (...args) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    numberMath ??= require('mathjs/number') as NumberMath;
    const f = numberMath[name] as (...args: number[]) => unknown;
    try {
      const r = f(...args);
      return typeof r === 'number' ? r : Number.NaN;
    } catch {
      return Number.NaN;
    }
  };
}

const round = viaMath('round');
const floor = viaMath('floor');
const ceil = viaMath('ceil');

const BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
  // math.js floors the quotient with its tolerance: -2.5 % 1e15 is -2.5, not 1e15 - 2.5.
  mod: (a, b) => (b === 0 ? a : a - b * floor(a / b)),
  equal: (a, b) => bool(nearlyEqual(a, b)),
  unequal: (a, b) => bool(!nearlyEqual(a, b)),
  smaller: (a, b) => bool(a < b && !nearlyEqual(a, b)),
  larger: (a, b) => bool(a > b && !nearlyEqual(a, b)),
  smallerEq: (a, b) => bool(a < b || nearlyEqual(a, b)),
  largerEq: (a, b) => bool(a > b || nearlyEqual(a, b)),
  // As in math.js, NaN counts as false, like 0.
  and: (a, b) => bool(Boolean(a) && Boolean(b)),
  or: (a, b) => bool(Boolean(a) || Boolean(b)),
};

const UNARY: Record<string, (a: number) => number> = {
  unaryMinus: (a) => -a,
  unaryPlus: (a) => a,
  not: (a) => bool(!a),
};

interface FunctionSpec {
  min: number;
  max: number;
  fn: (...args: number[]) => number;
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  min: { min: 1, max: Infinity, fn: Math.min },
  max: { min: 1, max: Infinity, fn: Math.max },
  abs: { min: 1, max: 1, fn: Math.abs },
  sqrt: { min: 1, max: 1, fn: Math.sqrt },
  exp: { min: 1, max: 1, fn: Math.exp },
  log: {
    min: 1,
    max: 2,
    fn: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)),
  },
  log10: { min: 1, max: 1, fn: Math.log10 },
  pow: { min: 2, max: 2, fn: (a, b) => a ** b },
  round: { min: 1, max: 2, fn: round },
  floor: { min: 1, max: 1, fn: floor },
  ceil: { min: 1, max: 1, fn: ceil },
};

/** Names that expressions reserve for functions; parameters may not take them. */
export const FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(FUNCTIONS));

const OPERATOR_TEXT: Record<string, string> = { mod: '%' };

/**
 * Parses, vets and compiles `text`. `names` maps each parameter name the expression may read
 * to its index in the value array. Every problem in the expression is reported, not only the first.
 * `generate: false` evaluates with the closures alone, never with generated code.
 */
export function compileExpression(
  text: string,
  names: ReadonlyMap<string, number>,
  { generate = true }: { generate?: boolean } = {},
): CompileResult {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return fail([
      {
        code: 'EXPRESSION_FORBIDDEN',
        message: `expression is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
      },
    ]);
  }
  // Most expressions in large trees are a bare parameter name: no need to wake the parser.
  const direct = names.get(text);
  if (direct !== undefined) {
    return {
      ok: true,
      expression: {
        text,
        uses: [direct],
        evaluate: (v) => v[direct]!,
        source: `v[${direct}]`,
        parameter: direct,
      },
    };
  }
  const depth = bracketDepth(text);
  if (depth > MAX_EXPRESSION_NESTING) {
    return fail([
      {
        code: 'EXPRESSION_FORBIDDEN',
        message: `expression nests brackets ${depth} levels deep; the limit is ${MAX_EXPRESSION_NESTING}`,
      },
    ]);
  }
  let tree: MathNode;
  try {
    tree = mathParse(text);
  } catch (e) {
    if (e instanceof RangeError) {
      // math.js parses by recursive descent: a long chain of operators can still exhaust the stack.
      return fail([
        {
          code: 'EXPRESSION_FORBIDDEN',
          message: 'expression nests too deeply to read; split it over parameters',
        },
      ]);
    }
    const message = e instanceof Error ? e.message : String(e);
    return fail([
      { code: 'EXPRESSION_SYNTAX', message: `cannot parse expression '${text}': ${message}` },
    ]);
  }
  const problems: ExpressionProblem[] = [];
  const uses = new Set<number>();
  const fn = build(tree, text, names, problems, uses);
  if (problems.length > 0 || !fn) return fail(problems);
  const source = sourceOf(tree, names);
  return {
    ok: true,
    expression: {
      text,
      uses: [...uses],
      evaluate: (generate && source !== undefined && functionOf(source)) || fn,
      ...(source !== undefined && { source }),
    },
  };
}

/**
 * `source` as a function of its own, or undefined where code may not be generated from strings
 * (`--disallow-code-generation-from-strings`). The closures `build` makes share their code, and
 * V8 keeps what it learns about each call in it once per place in the code: in a server with a
 * few scenarios, the calls in `(v) => f(a(v), b(v))` see every expression's functions and go
 * megamorphic, and the live page's one rollback of an 84-node tree took 43 µs instead of 7. Each
 * expression text gets one function, kept, so that every expression's calls stay its own.
 */
function functionOf(source: string): Fn | undefined {
  let f = functions.get(source);
  if (f === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- `source` holds only numbers, indices into `v`, operators and helpers, written by `sourceOf` from a vetted tree
      const make = new Function('H', `return (v) => ${source};`) as (helpers: Helpers) => Fn;
      f = make(EXPRESSION_HELPERS);
    } catch {
      return undefined;
    }
    if (functions.size >= KEPT_FUNCTIONS) functions.delete(functions.keys().next().value!);
    functions.set(source, f);
  }
  return f;
}

type Helpers = typeof EXPRESSION_HELPERS;

/** Functions kept by source: more than the expressions of any scenario. */
const KEPT_FUNCTIONS = 10_000;
const functions = new Map<string, Fn>();

/**
 * What generated code calls for the operators and functions that are not plain JavaScript
 * arithmetic: the very functions the closures call, so both give the same numbers.
 */
export const EXPRESSION_HELPERS: Readonly<Record<string, (...args: number[]) => number>> = {
  ...BINARY,
  ...UNARY,
  ...Object.fromEntries(Object.entries(FUNCTIONS).map(([name, spec]) => [`fn_${name}`, spec.fn])),
};

/** JavaScript operators that compute exactly what the BINARY entry of the same name does. */
const JS_OPERATORS: Record<string, string> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '**',
};

/**
 * `tree` (already vetted by `build`) as JavaScript source computing the same number in the same
 * order of operations. Undefined for a chain of comparisons, which the closure short-circuits.
 */
function sourceOf(tree: MathNode, names: ReadonlyMap<string, number>): string | undefined {
  const parts: string[] = [];
  const walk = (node: MathNode): boolean => {
    switch (node.type) {
      case 'ConstantNode': {
        const value = (node as unknown as { value: number }).value;
        parts.push(Object.is(value, -0) ? '(-0)' : `(${String(value)})`);
        return true;
      }
      case 'SymbolNode':
        parts.push(`v[${names.get((node as unknown as { name: string }).name)!}]`);
        return true;
      case 'ParenthesisNode':
        return walk((node as unknown as { content: MathNode }).content);
      case 'OperatorNode': {
        const op = node as unknown as { fn: string; args: MathNode[] };
        const js = op.args.length === 2 ? JS_OPERATORS[op.fn] : undefined;
        if (js !== undefined) {
          parts.push('(');
          if (!walk(op.args[0]!)) return false;
          parts.push(` ${js} `);
          if (!walk(op.args[1]!)) return false;
          parts.push(')');
          return true;
        }
        return call(op.fn, op.args);
      }
      case 'ConditionalNode': {
        const c = node as unknown as {
          condition: MathNode;
          trueExpr: MathNode;
          falseExpr: MathNode;
        };
        parts.push('(');
        if (!walk(c.condition)) return false;
        parts.push(' ? ');
        if (!walk(c.trueExpr)) return false;
        parts.push(' : ');
        if (!walk(c.falseExpr)) return false;
        parts.push(')');
        return true;
      }
      case 'FunctionNode': {
        const f = node as unknown as { fn: { name: string }; args: MathNode[] };
        return call(`fn_${f.fn.name}`, f.args);
      }
      default:
        return false;
    }
  };
  const call = (helper: string, args: MathNode[]): boolean => {
    parts.push(`H.${helper}(`);
    for (let i = 0; i < args.length; i++) {
      if (i > 0) parts.push(', ');
      if (!walk(args[i]!)) return false;
    }
    parts.push(')');
    return true;
  };
  return walk(tree) ? parts.join('') : undefined;
}

function fail(problems: ExpressionProblem[]): CompileResult {
  return { ok: false, problems };
}

function build(
  node: MathNode,
  text: string,
  names: ReadonlyMap<string, number>,
  problems: ExpressionProblem[],
  uses: Set<number>,
): Fn | undefined {
  const forbid = (what: string): undefined => {
    problems.push({
      code: 'EXPRESSION_FORBIDDEN',
      message: `${what} is not allowed in expression '${text}'`,
    });
    return undefined;
  };
  const sub = (n: MathNode): Fn | undefined => build(n, text, names, problems, uses);

  switch (node.type) {
    case 'ConstantNode': {
      const value: unknown = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number') return forbid(`the constant ${JSON.stringify(value)}`);
      return () => value;
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      const index = names.get(name);
      if (index === undefined) {
        problems.push({
          code: 'UNKNOWN_NAME',
          message: FUNCTION_NAMES.has(name)
            ? `'${name}' is a function; call it as ${name}(...) in expression '${text}'`
            : `unknown name '${name}' in expression '${text}'; it is not a parameter`,
        });
        return undefined;
      }
      uses.add(index);
      return (v) => v[index]!;
    }
    case 'ParenthesisNode':
      return sub((node as unknown as { content: MathNode }).content);
    case 'OperatorNode': {
      const op = node as unknown as { fn: string; op: string; args: MathNode[] };
      const args = op.args.map(sub);
      if (op.args.length === 1 && Object.hasOwn(UNARY, op.fn)) {
        const f = UNARY[op.fn]!;
        const [a] = args;
        return a && ((v) => f(a(v)));
      }
      if (op.args.length === 2 && Object.hasOwn(BINARY, op.fn)) {
        const f = BINARY[op.fn]!;
        const [a, b] = args;
        return a && b && ((v) => f(a(v), b(v)));
      }
      return forbid(
        `the operator '${Object.hasOwn(OPERATOR_TEXT, op.fn) ? OPERATOR_TEXT[op.fn] : op.op}'`,
      );
    }
    case 'RelationalNode': {
      // `0 < p <= 1`: every adjacent comparison must hold, as in math.js.
      const rel = node as unknown as { conditionals: string[]; params: MathNode[] };
      const compare = rel.conditionals.map((c) =>
        Object.hasOwn(BINARY, c) ? BINARY[c] : undefined,
      );
      const params = rel.params.map(sub);
      if (compare.some((c) => c === undefined)) return forbid('this chain of comparisons');
      if (params.some((p) => p === undefined)) return undefined;
      const cs = compare as ((a: number, b: number) => number)[];
      const ps = params as Fn[];
      return (v) => {
        let left = ps[0]!(v);
        for (let i = 0; i < cs.length; i++) {
          const right = ps[i + 1]!(v);
          if (!cs[i]!(left, right)) return 0;
          left = right;
        }
        return 1;
      };
    }
    case 'ConditionalNode': {
      const c = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
      const [test, yes, no] = [sub(c.condition), sub(c.trueExpr), sub(c.falseExpr)];
      return test && yes && no && ((v) => (test(v) ? yes(v) : no(v)));
    }
    case 'FunctionNode': {
      const call = node as unknown as { fn: MathNode; args: MathNode[] };
      const name =
        call.fn.type === 'SymbolNode' ? (call.fn as unknown as { name: string }).name : null;
      // Own properties only: `constructor` or `toString` must not reach Object.prototype.
      const spec = name !== null && Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (!spec)
        return forbid(name === null ? 'calling a computed function' : `the function '${name}'`);
      if (call.args.length < spec.min || call.args.length > spec.max) {
        problems.push({
          code: 'EXPRESSION_FORBIDDEN',
          message: `${name}() takes ${arity(spec)}, not ${call.args.length}, in expression '${text}'`,
        });
        return undefined;
      }
      const args = call.args.map(sub);
      if (args.some((a) => a === undefined)) return undefined;
      const fs = args as Fn[];
      const f = spec.fn;
      if (fs.length === 1) {
        const [a] = fs as [Fn];
        return (v) => f(a(v));
      }
      if (fs.length === 2) {
        const [a, b] = fs as [Fn, Fn];
        return (v) => f(a(v), b(v));
      }
      return (v) => f(...fs.map((a) => a(v)));
    }
    default:
      return forbid(describeForbidden(node.type));
  }
}

function arity(spec: FunctionSpec): string {
  if (spec.max === Infinity) return `at least ${spec.min} argument${spec.min > 1 ? 's' : ''}`;
  if (spec.min === spec.max) return `${spec.min} argument${spec.min > 1 ? 's' : ''}`;
  return `${spec.min} or ${spec.max} arguments`;
}

function describeForbidden(type: string): string {
  switch (type) {
    case 'AssignmentNode':
      return 'assignment';
    case 'FunctionAssignmentNode':
      return 'defining a function';
    case 'ArrayNode':
    case 'RangeNode':
    case 'IndexNode':
      return 'a matrix or index';
    case 'ObjectNode':
    case 'AccessorNode':
      return 'an object or property access';
    case 'BlockNode':
      return 'more than one statement';
    default:
      return `a ${type}`;
  }
}
