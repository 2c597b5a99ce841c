import fc from 'fast-check';
import { all, create, evaluate } from 'mathjs';
import {
  compileExpression,
  EXPRESSION_HELPERS,
  FUNCTION_NAMES,
  MAX_EXPRESSION_LENGTH,
  MAX_EXPRESSION_NESTING,
  type ExpressionProblem,
} from '../../src/expr/compile-expression';
import type { Expression } from '../../src/model/types';

/** Parameters a, b, c at indices 0, 1, 2. */
const NAMES: ReadonlyMap<string, number> = new Map([
  ['a', 0],
  ['b', 1],
  ['c', 2],
]);
const VALUES = [2, 3, 5];

function compiled(text: string, names: ReadonlyMap<string, number> = NAMES): Expression {
  const result = compileExpression(text, names);
  if (!result.ok) {
    throw new Error(
      `'${text}' should compile: ${result.problems.map((p) => p.message).join('; ')}`,
    );
  }
  return result.expression;
}

/** The value of `text` with a = 2, b = 3, c = 5 (or the given values). */
function valueOf(text: string, values: number[] = VALUES): number {
  return compiled(text).evaluate(Float64Array.from(values));
}

function problemsOf(text: string, names: ReadonlyMap<string, number> = NAMES): ExpressionProblem[] {
  let result: ReturnType<typeof compileExpression> | undefined;
  expect(() => {
    result = compileExpression(text, names);
  }).not.toThrow();
  if (!result) throw new Error('compileExpression returned nothing');
  if (result.ok) {
    let value: unknown;
    try {
      value = result.expression.evaluate(Float64Array.from(VALUES));
    } catch (e) {
      value = `a thrown ${String(e)}`;
    }
    throw new Error(
      `'${text}' should be rejected, but it compiled (and evaluates to ${String(value)})`,
    );
  }
  return result.problems;
}

describe('compileExpression: arithmetic', () => {
  it.each([
    ['1 + 2', 3],
    ['5 - 7', -2],
    ['3 * 4', 12],
    ['7 / 2', 3.5],
    ['2 ^ 10', 1024],
    ['2 ^ -1', 0.5],
    ['7 % 3', 1],
    ['-7 % 3', 2], // math.js: the result takes the sign of the divisor
    ['7 % -3', -2],
    ['5 % 0', 5], // math.js: x mod 0 is x
    ['-a', -2],
    ['- -a', 2],
    ['1.5e3', 1500],
    ['.5', 0.5],
    ['50%', 0.5], // math.js reads a trailing % as percent
  ])('%s = %d', (text, expected) => {
    expect(valueOf(text)).toBe(expected);
  });

  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['8 / 4 / 2', 1],
    ['2 ^ 3 ^ 2', 512],
    ['-2 ^ 2', -4],
    ['(-2) ^ 2', 4],
    ['2 * 3 ^ 2', 18],
    ['7 % 4 * 2', 6],
    ['1 + 2 < 4', 1],
    ['1 < 2 and 3 < 2', 0],
    ['1 or 0 and 0', 1],
    ['not 0 or 0', 1],
    ['1 + 1 ? 2 : 3', 2],
    ['0 ? 1 : 0 ? 2 : 3', 3],
    ['a > 1 ? (b > 5 ? 1 : 2) : 3', 2],
    ['a > 1 ? 4 : b > 5 ? 1 : 2', 4],
  ])('respects precedence: %s = %d', (text, expected) => {
    expect(valueOf(text)).toBe(expected);
  });
});

describe('compileExpression: chained comparisons', () => {
  it.each([
    ['1 < a < 3', 1],
    ['1 < a < 2', 0],
    ['a <= 2 <= b', 1],
    ['c > b > a', 1],
    ['c > a > b', 0],
  ])('evaluates %s to %d, every adjacent comparison holding', (text, expected) => {
    expect(valueOf(text)).toBe(expected);
  });

  it('agrees with math.js on a chain', () => {
    for (const [a, b] of [
      [0.2, 0.9],
      [0.5, 0.5],
      [1.2, 0.1],
    ] as const) {
      const text = '0 < a <= b < 1';
      expect(
        compiled(
          text,
          new Map([
            ['a', 0],
            ['b', 1],
          ]),
        ).evaluate(Float64Array.from([a, b])),
      ).toBe(Number(evaluate(text, { a, b })));
    }
  });
});

describe('compileExpression: comparisons and logic', () => {
  it.each([
    ['1 < 2', 1],
    ['2 < 1', 0],
    ['2 < 2', 0],
    ['2 <= 2', 1],
    ['3 <= 2', 0],
    ['3 > 2', 1],
    ['2 > 2', 0],
    ['2 >= 3', 0],
    ['3 >= 3', 1],
    ['2 == 2', 1],
    ['2 == 3', 0],
    ['2 != 2', 0],
    ['2 != 3', 1],
    ['0.1 + 0.2 == 0.3', 1], // math.js compares with a relative tolerance
    ['0.1 + 0.2 != 0.3', 0],
    ['0.1 + 0.2 > 0.3', 0],
    ['0.1 + 0.2 <= 0.3', 1],
    ['1 and 0', 0],
    ['1 and 2', 1],
    ['0 and 0', 0],
    ['0 or 0', 0],
    ['0 or 3', 1],
    ['not 0', 1],
    ['not 5', 0],
    ['not not 5', 1],
    ['a > b ? 10 : 20', 20],
    ['a < b ? 10 : 20', 10],
    ['0 ? 10 : 20', 20],
    ['0.5 ? 10 : 20', 10],
  ])('%s = %d', (text, expected) => {
    expect(valueOf(text)).toBe(expected);
  });

  it('evaluates only the branch the condition picks', () => {
    expect(valueOf('a > 0 ? a : 1 / 0')).toBe(2);
    expect(valueOf('a < 0 ? 1 / 0 : b')).toBe(3);
  });

  it('treats NaN as false in conditions and logic, as math.js does', () => {
    expect(valueOf('(0 / 0) ? 1 : 2')).toBe(2);
    expect(valueOf('not (0 / 0)')).toBe(1);
    expect(valueOf('(0 / 0) and 1')).toBe(0);
    expect(valueOf('(0 / 0) or 0')).toBe(0);
  });
});

describe('compileExpression: functions', () => {
  it.each([
    ['min(3, 1, 2)', 1],
    ['min(4)', 4],
    ['min(a, b, c, -1)', -1],
    ['max(3, 1, 2)', 3],
    ['max(-4)', -4],
    ['abs(-3)', 3],
    ['abs(3)', 3],
    ['sqrt(16)', 4],
    ['exp(0)', 1],
    ['exp(1)', Math.E],
    ['log(1)', 0],
    ['log(exp(2))', 2],
    ['log10(1000)', 3],
    ['log10(0.01)', -2],
    ['pow(2, 5)', 32],
    ['pow(4, 0.5)', 2],
    ['round(2.4)', 2],
    ['round(2.5)', 3],
    ['round(-2.5)', -3], // half away from zero, as math.js
    ['round(3.14159, 2)', 3.14],
    ['round(2.675, 2)', 2.68],
    ['round(-2.675, 2)', -2.68],
    ['round(1234.5678, 0)', 1235],
    ['floor(2.7)', 2],
    ['floor(-1.5)', -2],
    ['ceil(1.2)', 2],
    ['ceil(-1.5)', -1],
  ])('%s = %d', (text, expected) => {
    expect(valueOf(text)).toBeCloseTo(expected, 12);
  });

  it('computes log with a base as log(x) / log(base)', () => {
    expect(valueOf('log(8, 2)')).toBeCloseTo(3, 12);
    expect(valueOf('log(100, 10)')).toBeCloseTo(2, 12);
    expect(valueOf('log(a, b)')).toBeCloseTo(Math.log(2) / Math.log(3), 12);
  });

  it('rounds decimals the way math.js does (round(1.005, 2) = 1.01)', () => {
    expect(valueOf('round(1.005, 2)')).toBe(1.01);
    expect(valueOf('round(1.255, 2)')).toBe(1.26);
  });

  it('takes floor and ceil of values within rounding error of an integer as math.js does', () => {
    // 0.7 / 0.1 is 6.999999999999999 in floating point; math.js gives floor(0.7 / 0.1) = 7.
    expect(valueOf('floor(0.7 / 0.1)')).toBe(7);
    expect(valueOf('ceil(0.3 / 0.1)')).toBe(3);
  });

  it('does not give a number for round with a fractional number of digits', () => {
    // math.js refuses round(x, 0.5); a silent 1.58... would be nonsense.
    const result = compileExpression('round(1.5, 0.5)', NAMES);
    const value = result.ok ? result.expression.evaluate(Float64Array.from(VALUES)) : NaN;
    expect(Number.isFinite(value)).toBe(false);
  });

  it('lists exactly the functions of FORMAT.md as reserved names', () => {
    expect([...FUNCTION_NAMES].sort()).toEqual(
      ['abs', 'ceil', 'exp', 'floor', 'log', 'log10', 'max', 'min', 'pow', 'round', 'sqrt'].sort(),
    );
  });
});

describe('compileExpression: parameters', () => {
  it('reads each parameter by its index in the value array', () => {
    const names = new Map([
      ['x', 2],
      ['y', 0],
    ]);
    const expression = compiled('x - y', names);
    expect(expression.evaluate(Float64Array.from([10, 99, 25]))).toBe(15);
    expect(expression.evaluate(Float64Array.from([1, 99, 4]))).toBe(3);
  });

  it('lists the indices of the parameters it uses, each once', () => {
    const expression = compiled('a + a * c - min(c, a)');
    expect([...expression.uses].sort()).toEqual([0, 2]);
  });

  it('uses no parameters in a constant expression', () => {
    expect(compiled('1 + 2 * 3').uses).toEqual([]);
  });

  it('uses the one parameter of an expression that is only a name', () => {
    const expression = compiled('b');
    expect(expression.uses).toEqual([1]);
    expect(expression.evaluate(Float64Array.from(VALUES))).toBe(3);
  });

  it('keeps the text it was compiled from', () => {
    expect(compiled(' a +  b ').text).toBe(' a +  b ');
  });

  it('can be evaluated many times with different values', () => {
    const expression = compiled('a * 10 + b');
    for (let i = 0; i < 5; i++) {
      expect(expression.evaluate(Float64Array.from([i, 1, 0]))).toBe(i * 10 + 1);
    }
  });

  it('accepts parameter names with underscores and digits', () => {
    const names = new Map([
      ['p_deal_holds', 0],
      ['x2', 1],
    ]);
    expect(compiled('1 - p_deal_holds * x2', names).evaluate(Float64Array.from([0.5, 2]))).toBe(0);
  });
});

describe('compileExpression: rejected forms', () => {
  it.each([
    ['assignment', 'a = 1', 'assignment'],
    ['a function definition', 'f(x) = x', 'function'],
    ['import', 'import({}, {})', 'import'],
    ['evaluate', 'evaluate("1")', 'evaluate'],
    ['parse', 'parse("1")', 'parse'],
    ['createUnit', 'createUnit("x")', 'createUnit'],
    ['a string', '"s"', '"s"'],
    ['a single-quoted string', "'s'", 's'],
    ['a matrix', '[1, 2]', 'matrix'],
    ['a range', '1:3', 'matrix'],
    ['indexing', 'a[1]', 'a[1]'],
    ['property access', 'a.b', 'a.b'],
    ['an object', '{a: 1}', 'object'],
    ['a block of statements', 'a; b', 'statement'],
    ['a block on two lines', 'a\nb', 'statement'],
    ['factorial', '3!', '!'],
    ['transpose', "a'", "'"],
    ['bitwise and', 'a & b', '&'],
    ['bitwise or', 'a | b', '|'],
    ['bitwise xor', 'a ^| b', '^|'],
    ['bitwise not', '~a', '~'],
    ['left shift', 'a << 1', '<<'],
    ['right shift', 'a >> 1', '>>'],
    ['logical right shift', 'a >>> 1', '>>>'],
    ['xor', 'a xor b', 'xor'],
    ['unit conversion', 'a to b', 'to'],
    ['an unknown function', 'sin(1)', 'sin'],
    ['calling a parameter', 'a(1)', "'a'"],
    ['true', 'true', 'true'],
    ['false', 'false', 'false'],
    ['null', 'null', 'null'],
  ])('rejects %s (%s) as EXPRESSION_FORBIDDEN', (_what, text, mentioned) => {
    const problems = problemsOf(text);
    expect(problems.map((p) => p.code)).toContain('EXPRESSION_FORBIDDEN');
    expect(problems.map((p) => p.message).join('\n')).toContain(mentioned);
  });

  it.each([
    ['pow(1)', 'pow'],
    ['pow(1, 2, 3)', 'pow'],
    ['sqrt(1, 2)', 'sqrt'],
    ['log(1, 2, 3)', 'log'],
    ['log()', 'log'],
    ['round(1, 2, 3)', 'round'],
    ['abs()', 'abs'],
    ['min()', 'min'],
    ['max()', 'max'],
  ])('rejects the wrong number of arguments in %s', (text, name) => {
    const problems = problemsOf(text);
    expect(problems.map((p) => p.code)).toEqual(['EXPRESSION_FORBIDDEN']);
    expect(problems[0]!.message).toContain(`${name}()`);
  });

  it('reads a unit as an unknown name', () => {
    const problems = problemsOf('5 cm');
    expect(problems.map((p) => p.code)).toEqual(['UNKNOWN_NAME']);
    expect(problems[0]!.message).toContain("'cm'");
  });

  it.each(['pi', 'e', 'x', 'A'])('rejects the name %s, which is not a parameter', (name) => {
    const problems = problemsOf(`${name} + 1`);
    expect(problems.map((p) => p.code)).toEqual(['UNKNOWN_NAME']);
    expect(problems[0]!.message).toContain(`'${name}'`);
  });

  it('says a bare function name must be called', () => {
    const problems = problemsOf('max + 1');
    expect(problems.map((p) => p.code)).toEqual(['UNKNOWN_NAME']);
    expect(problems[0]!.message).toContain('max(');
  });

  it.each(['1 +', '(1 + 2', '1 2 +', '* 3', 'a ? b', ')'])(
    'rejects the syntax error %s as EXPRESSION_SYNTAX',
    (text) => {
      const problems = problemsOf(text);
      expect(problems.map((p) => p.code)).toEqual(['EXPRESSION_SYNTAX']);
      expect(problems[0]!.message).toContain(text);
    },
  );

  it('rejects an empty expression', () => {
    expect(problemsOf('').length).toBeGreaterThan(0);
  });

  it('rejects an expression longer than MAX_EXPRESSION_LENGTH', () => {
    const text = Array.from({ length: MAX_EXPRESSION_LENGTH }, () => '1').join('+');
    const problems = problemsOf(text);
    expect(problems.map((p) => p.code)).toEqual(['EXPRESSION_FORBIDDEN']);
    expect(problems[0]!.message).toContain(String(MAX_EXPRESSION_LENGTH));
  });

  it('rejects 265 nested parentheses with a nesting-depth error, not a stack overflow', () => {
    const text = `${'('.repeat(265)}a${')'.repeat(265)}`;
    const problems = problemsOf(text);
    expect(problems.map((p) => p.code)).toEqual(['EXPRESSION_FORBIDDEN']);
    expect(problems[0]!.message).toContain(
      `265 levels deep; the limit is ${MAX_EXPRESSION_NESTING}`,
    );
  });

  it('accepts brackets nested MAX_EXPRESSION_NESTING deep', () => {
    const depth = MAX_EXPRESSION_NESTING;
    expect(valueOf(`${'('.repeat(depth)}a + 1${')'.repeat(depth)}`)).toBe(3);
  });

  it('never throws on long chains of prefix operators', () => {
    for (const op of ['-', 'not ', '+']) {
      const text = `${op.repeat(Math.floor(MAX_EXPRESSION_LENGTH / op.length) - 1)}a`;
      const result = compileExpression(text.slice(0, MAX_EXPRESSION_LENGTH), NAMES);
      expect(typeof result.ok).toBe('boolean');
    }
  });

  it('reports every problem of an expression, not only the first', () => {
    const problems = problemsOf('q + sin(1) + r');
    expect(problems.map((p) => p.code)).toEqual([
      'UNKNOWN_NAME',
      'EXPRESSION_FORBIDDEN',
      'UNKNOWN_NAME',
    ]);
    expect(problems[0]!.message).toContain("'q'");
    expect(problems[2]!.message).toContain("'r'");
  });
});

describe('compileExpression: math.js escapes', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__pwned;
  });

  it.each([
    'constructor',
    'toString',
    '__proto__',
    'prototype',
    'hasOwnProperty',
    'valueOf',
    'a.constructor',
    'a["constructor"]',
    '[].constructor.constructor("return process")()',
    'cos.constructor("return process")()',
    'evaluate.constructor("return process")()',
    '(1).constructor',
    'import({pwned: 1}, {override: true})',
    'evaluate("globalThis.__pwned = 1")',
    'parse("1").compile().evaluate()',
    'constructor(1)',
    'toString()',
    '__proto__(1)',
    'hasOwnProperty(1)',
    'valueOf()',
    'isPrototypeOf(1)',
  ])('rejects %s without running anything', (text) => {
    const problems = problemsOf(text);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(['EXPRESSION_FORBIDDEN', 'UNKNOWN_NAME', 'EXPRESSION_SYNTAX']).toContain(p.code);
    }
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  });

  it('does not run code hidden in a string passed to the Function constructor', () => {
    problemsOf('[].constructor.constructor("globalThis.__pwned = 1")()');
    problemsOf('a.constructor.constructor("globalThis.__pwned = 1")()');
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  });
});

describe('compileExpression: agrees with math.js', () => {
  // The reference is math.js's own `evaluate`. Where an intermediate result leaves the real
  // numbers (sqrt(-1), (-8)^(1/3)) math.js goes complex, and abs() or a condition can bring it
  // back to a finite number that no real-number evaluator could give; math.js's `predictable`
  // mode stays real instead (NaN, or a real odd root). A case counts only when both modes give
  // the same finite number, which leaves out exactly those complex detours.
  const real = create(all!, { predictable: true });
  const reference = (text: string, scope: { a: number; b: number }): number | undefined => {
    const asNumber = (v: unknown): number | undefined => {
      const n = typeof v === 'boolean' ? Number(v) : v;
      return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
    };
    try {
      const plain = asNumber(evaluate(text, { ...scope }));
      const predictable = asNumber(real.evaluate(text, { ...scope }));
      return plain !== undefined && plain === predictable ? plain : undefined;
    } catch {
      return undefined; // math.js refuses it (a domain error, say)
    }
  };
  // A negative base with a fractional exponent has no real value: branchpoint gives NaN, while
  // math.js gives a complex number or, in `predictable` mode, a real odd root (-1 ^ 0.6 = -1),
  // and `not` can turn either into a finite answer. Powers here take non-negative bases.
  const power = (l: string, op: string): string => (op === '^' ? `abs(${l})` : l);
  const TWO = new Map([
    ['a', 0],
    ['b', 1],
  ]);

  const leaf = fc.oneof(
    fc.constantFrom('a', 'b'),
    fc.constantFrom('0', '1', '2', '3', '0.5', '2.5', '10', '0.1'),
  );
  const { expression } = fc.letrec<{ expression: string }>((tie) => ({
    expression: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc
        .tuple(tie('expression'), fc.constantFrom('+', '-', '*', '/', '^', '%'), tie('expression'))
        .map(([l, op, r]) => `${power(l, op)} ${op} ${r}`),
      fc
        .tuple(
          tie('expression'),
          fc.constantFrom('+', '-', '*', '/', '^', '%', 'and', 'or'),
          tie('expression'),
        )
        .map(([l, op, r]) => `(${power(l, op)} ${op} ${r})`),
      // Comparisons are parenthesised: math.js reads `x < y < z` as a chain.
      fc
        .tuple(
          tie('expression'),
          fc.constantFrom('<', '<=', '>', '>=', '==', '!='),
          tie('expression'),
        )
        .map(([l, op, r]) => `(${l} ${op} ${r})`),
      tie('expression').map((x) => `-(${x})`),
      tie('expression').map((x) => `not (${x})`),
      fc
        .tuple(tie('expression'), tie('expression'), tie('expression'))
        .map(([c, yes, no]) => `(${c} ? ${yes} : ${no})`),
      fc
        .tuple(
          fc.constantFrom(
            'abs',
            'sqrt',
            'exp',
            'log',
            'log10',
            'round',
            'floor',
            'ceil',
            'min',
            'max',
          ),
          tie('expression'),
        )
        .map(([f, x]) => `${f}(${x})`),
      fc
        .tuple(fc.constantFrom('min', 'max', 'pow', 'log'), tie('expression'), tie('expression'))
        .map(([f, x, y]) => `${f}(${x}, ${y})`),
      fc
        .tuple(tie('expression'), fc.constantFrom('0', '1', '2', '3'))
        .map(([x, digits]) => `round(${x}, ${digits})`),
    ),
  }));
  // Values an analyst writes: decimals with up to three places (denormals would only exercise
  // math.js's tolerances in min and max).
  const value = fc.oneof(
    fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 1000),
    fc.constantFrom(0, 1, -1, 0.5, 2.5, 0.1),
  );

  it('gives the number math.js gives whenever that is a finite number', () => {
    fc.assert(
      fc.property(expression, value, value, (text, a, b) => {
        const expected = reference(text, { a, b });
        if (expected === undefined) return;
        const actual = compiled(text, TWO).evaluate(Float64Array.from([a, b]));
        if (actual !== expected) {
          expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(expected)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('has a JavaScript source that computes exactly what its closure computes', () => {
    fc.assert(
      fc.property(expression, value, value, (text, a, b) => {
        const e = compiled(text, TWO);
        const values = Float64Array.from([a, b]);
        if (e.source === undefined) return;
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the code under test
        const run = new Function('v', 'H', `return ${e.source};`) as (
          v: Float64Array,
          h: typeof EXPRESSION_HELPERS,
        ) => number;
        const closures = compileExpression(text, TWO, { generate: false });
        if (!closures.ok) throw new Error(`'${text}' should compile`);
        const byClosures = closures.expression.evaluate(values);
        expect(Object.is(run(values, EXPRESSION_HELPERS), byClosures)).toBe(true);
        // What rollbacks call: a function generated from that source.
        expect(Object.is(e.evaluate(values), byClosures)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('evaluates with a function of its own, shared by expressions written alike', () => {
    const first = compiled('a * (1 - b)', TWO);
    const again = compiled('a*(1-b)', TWO);
    const closures = compileExpression('a * (1 - b)', TWO, { generate: false });
    if (!closures.ok) throw new Error('should compile');
    expect(first.evaluate).toBe(again.evaluate);
    expect(first.evaluate).not.toBe(closures.expression.evaluate);
    expect(first.evaluate(Float64Array.from([0.4, 0.25]))).toBe(0.4 * (1 - 0.25));
  });

  it('leaves only chains of comparisons without a source', () => {
    expect(compiled('a < b <= 3', TWO).source).toBeUndefined();
    expect(compiled('a', TWO).source).toBe('v[0]');
    expect(compiled('-(a) + min(a, b, 2) % 3', TWO).source).toBe(
      '(H.unaryMinus(v[0]) + H.mod(H.fn_min(v[0], v[1], (2)), (3)))',
    );
  });

  // Found by the property above (FC_SEED=2048349321): the quotient -2.5 / 13.589^13.589 is a
  // hair below 0, which Math.floor takes to -1 and math.js's tolerant floor to 0.
  it.each([
    ['-(((0 - a) % abs(b) ^ b))', 2.5, 13.589],
    ['a % b', -2.5, 1e15],
  ])('agrees with math.js on %s with a = %d, b = %d (mod of a tiny quotient)', (text, a, b) => {
    const actual = compiled(text, TWO).evaluate(Float64Array.from([a, b]));
    expect(actual).toBe(evaluate(text, { a, b }) as number);
  });
});
