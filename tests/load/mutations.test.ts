/**
 * Fuzzing the loader with mutated versions of the shipped scenarios: characters deleted or
 * inserted, lines duplicated, swapped or re-indented. Whatever comes out, opening the text never
 * throws, and every problem it reports carries a line and column, except the few about the file
 * as a whole (its size, its depth), which have no single place. Runs are bounded so CI stays fast.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openScenario } from '../../src/document';
import { compileExpression } from '../../src/expr/compile-expression';

const dir = join(__dirname, '..', '..', 'scenarios');
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));

/** Problems about the whole file, which have no one position. */
const WHOLE_FILE = new Set(['FILE_TOO_LARGE', 'TOO_MANY_NODES', 'TOO_DEEP']);

type Mutation = (lines: string[]) => string[];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, n]): Mutation => (lines) => {
    const text = lines.join('\n');
    const i = at % Math.max(1, text.length);
    return (text.slice(0, i) + text.slice(i + n)).split('\n');
  }),
  fc
    .tuple(
      fc.nat(),
      fc.string({
        maxLength: 6,
        unit: fc.constantFrom(':', '-', ' ', '[', '{', '"', '#', '&', '*', 'x', '1', '\t'),
      }),
    )
    .map(([at, s]): Mutation => (lines) => {
      const text = lines.join('\n');
      const i = at % Math.max(1, text.length);
      return (text.slice(0, i) + s + text.slice(i)).split('\n');
    }),
  fc.nat().map((at): Mutation => (lines) => {
    const i = at % lines.length;
    return [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)];
  }),
  // An anchored scalar used over and over (the scalar alias bomb), somewhere in the file.
  fc
    .tuple(fc.nat(), fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 1, max: 3000 }))
    .map(([at, size, uses]): Mutation => (lines) => {
      const i = at % (lines.length + 1);
      const bomb = [`s: &s "${'x'.repeat(size)}"`, `l: [${'*s, '.repeat(uses)}*s]`];
      return [...lines.slice(0, i), ...bomb, ...lines.slice(i)];
    }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (lines) => {
    const out = [...lines];
    const i = a % out.length;
    const j = b % out.length;
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([at, shift]): Mutation => (lines) => {
    const out = [...lines];
    const i = at % out.length;
    out[i] = shift > 0 ? ' '.repeat(shift) + out[i]! : out[i]!.slice(-shift);
    return out;
  }),
);

describe('loading mutated scenarios', () => {
  it('never throws, and positions every problem that has a place', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          const text = mutations
            .reduce((lines, m) => m(lines), texts[which]!.split('\n'))
            .join('\n');
          const doc = openScenario(text, 'mutated.yaml');
          if (doc.ok) return;
          expect(doc.errors.length).toBeGreaterThan(0);
          for (const e of doc.errors) {
            if (WHOLE_FILE.has(e.code)) continue;
            expect({
              code: e.code,
              message: e.message,
              line: typeof e.line,
              column: typeof e.column,
            }).toEqual({
              code: e.code,
              message: e.message,
              line: 'number',
              column: 'number',
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('vetting random expressions', () => {
  const token = fc.constantFrom(
    'p',
    'q',
    '1',
    '0.5',
    '+',
    '-',
    '*',
    '/',
    '^',
    '%',
    '(',
    ')',
    ',',
    '?',
    ':',
    '<',
    '==',
    'and',
    'not',
    'max',
    'log',
    'round',
    'x',
    '"s"',
    '[',
    ']',
    '.',
    '=',
    ';',
    'constructor',
    'import',
    '('.repeat(300),
    ')'.repeat(300),
    'f(x)',
    '!',
    "'",
  );

  it('never throws, and what compiles evaluates to a number', () => {
    const names = new Map([
      ['p', 0],
      ['q', 1],
    ]);
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        const text = tokens.join(' ');
        const compiled = compileExpression(text, names);
        if (!compiled.ok) {
          expect(compiled.problems.length).toBeGreaterThan(0);
          return;
        }
        expect(typeof compiled.expression.evaluate(Float64Array.from([0.3, 2]))).toBe('number');
      }),
      { numRuns: 1000 },
    );
  });
});
