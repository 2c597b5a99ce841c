import fc from 'fast-check';
import { create, parseDependencies } from 'mathjs/number';
import { mathParse } from '../../src/expr/math-parse';

/**
 * src/expr/math-parse.ts sets math.js's parser up from its factories, without typed-function.
 * It must parse every text exactly as `mathjs/number`'s own `parse` does: the same tree (as
 * JSON, which records every node's class and fields) or the same error.
 */
const math = create({ parseDependencies: parseDependencies! });

function outcome(parse: (text: string) => unknown, text: string): string {
  try {
    return `tree ${JSON.stringify(parse(text))}`;
  } catch (e) {
    return `${e instanceof Error ? e.constructor.name : 'thrown'}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const same = (text: string) => expect(outcome(mathParse, text)).toBe(outcome(math.parse, text));

describe('mathParse', () => {
  it.each([
    '(1 - p_escalation) * p_negotiate_if_pressed * (1 - p_china_material)',
    '0x1F + 0b101 + 0o17 + 0xffi8',
    '2e-3 * a + .5 - 1e+300 * 1e400',
    'a ? b : c ? d : e',
    '0 < p <= 1',
    'f(x, y)(z)',
    'a.b[1, 2:3]',
    '[1, 2; 3, 4]',
    '{ a: 1, "b": 2 }',
    'x = 3; y = 4',
    'f(x) = x ^ 2',
    'a % b mod c',
    'not a and b or c xor d',
    '"str" + \'s\'',
    'true + false + null + undefined + NaN + Infinity',
    '1 cm to inch',
    '5!',
    "a'",
    '2 x y',
    '-+-x ^ -2',
    'a & b | c << 2 >>> 1 ~ d',
    '# a comment',
    '',
    '(',
    '1 +',
    'a b c (',
    '@',
    '0x',
    '1.2.3',
    'x[',
    '"unterminated',
    'a ==== b',
  ])('%j', same);

  it('agrees with math.js on random text from its alphabet', () => {
    const token = fc.constantFrom(
      'a',
      'b',
      'p_1',
      'x',
      '0',
      '1',
      '2.5',
      '.5',
      '1e3',
      '0x1f',
      'NaN',
      'true',
      '+',
      '-',
      '*',
      '/',
      '^',
      '%',
      '!',
      "'",
      '(',
      ')',
      '[',
      ']',
      ',',
      ';',
      ':',
      '?',
      '<',
      '<=',
      '>',
      '>=',
      '==',
      '!=',
      '=',
      'and',
      'or',
      'not',
      'mod',
      'to',
      '.',
      ' ',
      '"s"',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 25 }), (tokens) => same(tokens.join(''))),
      { numRuns: 3000 },
    );
  });

  it('agrees with math.js on random well-formed expressions', () => {
    const { expression } = fc.letrec<{ expression: string }>((tie) => ({
      expression: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('a', 'b', 'p_x', '0', '1', '0.25', '3e-2', '10'),
        fc
          .tuple(
            tie('expression'),
            fc.constantFrom('+', '-', '*', '/', '^', '%', 'and', 'or', '<', '<=', '==', '!='),
            tie('expression'),
          )
          .map(([l, op, r]) => `${l} ${op} ${r}`),
        tie('expression').map((x) => `(${x})`),
        tie('expression').map((x) => `-${x}`),
        tie('expression').map((x) => `not ${x}`),
        fc
          .tuple(tie('expression'), tie('expression'), tie('expression'))
          .map(([c, y, n]) => `${c} ? ${y} : ${n}`),
        fc
          .tuple(
            fc.constantFrom('min', 'max', 'log', 'round'),
            tie('expression'),
            tie('expression'),
          )
          .map(([f, x, y]) => `${f}(${x}, ${y})`),
      ),
    }));
    fc.assert(fc.property(expression, same), { numRuns: 2000 });
  });
});
