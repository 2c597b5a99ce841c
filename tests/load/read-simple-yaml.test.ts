import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import * as jsYaml from 'js-yaml';
import { generateScenario } from '../../bench/generate-tree';
import { LIMITS } from '../../src/load/limits';
import { readSimpleYaml, resolvePlainScalar } from '../../src/load/read-simple-yaml';
import { describeRun, runIsolated } from '../helpers/isolated';
import { source } from '../helpers/source';

const ROOT = join(__dirname, '..', '..');

/** js-yaml's reading, as parseYaml does it, or `THROWS`. */
const THROWS = Symbol('throws');
function jsYamlValue(text: string): unknown {
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return THROWS;
  }
}

/**
 * The reader's promise: when it gives a value, js-yaml reads the text without error and gives the
 * same value (same keys in the same order, same numbers, -0 and NaN included).
 */
function agreesWithJsYaml(text: string): boolean {
  const fast = readSimpleYaml(text);
  if (fast === undefined) return true;
  const slow = jsYamlValue(text);
  return slow !== THROWS && isDeepStrictEqual(fast, slow) && sameKeyOrder(fast, slow);
}

function sameKeyOrder(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== 'object') return true;
  if (Array.isArray(a)) return a.every((x, i) => sameKeyOrder(x, (b as unknown[])[i]));
  const keys = Object.keys(a);
  const other = Object.keys(b as object);
  return (
    keys.join('\u0000') === other.join('\u0000') &&
    keys.every((k) => sameKeyOrder((a as never)[k], (b as never)[k]))
  );
}

function trackedYamlFiles(): string[] {
  return execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '');
}

/** Keys analysts write, and keys YAML reads as something else (numbers, null, booleans). */
const key = fc.oneof(
  fc.constantFrom('type', 'label', 'id', 'p_win', 'a-b', 'x.y', 'true', 'null', '1', '-2', '0x1f'),
  fc.constantFrom('1.5e3', '.inf', 'a b', '', 'key: x', '#k', '- k', '"q"', "it's", 'Ünï', '__x'),
  fc.string({ maxLength: 6 }),
);

const scalar = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 8, unit: 'grapheme' }),
  fc.constantFrom('0 * g6', 'p4', '#', 'a: b', 'a #b', '- x', 'yes', 'No', '~', '012', '1_000'),
  fc.constantFrom('0o17', '+.5', '-.inf', '.NaN', 'TRUE', 'Null', "'q'", '"q"', 'x\ny', ' lead'),
);

const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const dumpOptions = fc.record({
  flowLevel: fc.constantFrom(-1, 1, 2, 3),
  indent: fc.constantFrom(2, 4),
  noArrayIndent: fc.boolean(),
  quotingType: fc.constantFrom<'"' | "'">('"', "'"),
  forceQuotes: fc.boolean(),
});

describe('readSimpleYaml', () => {
  it('reads a generated tree of 3,000 nodes exactly as js-yaml does', () => {
    const { text } = generateScenario(3000);
    const fast = readSimpleYaml(text);
    expect(fast).toBeDefined();
    expect(isDeepStrictEqual(fast, jsYamlValue(text))).toBe(true);
  });

  it('gives what js-yaml gives on every YAML file in the repository that it reads', () => {
    let read = 0;
    for (const file of trackedYamlFiles()) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      if (readSimpleYaml(text) !== undefined) read++;
      expect([file, agreesWithJsYaml(text)]).toEqual([file, true]);
    }
    expect(read).toBeGreaterThan(0);
  });

  it('reads block mappings, sequences, flow collections, quotes and comments', () => {
    const text = source`
      # a comment line
      title: "Trump's dilemma"   # after a value
      n: 12
      x: -0.5
      empty:
      words: 'it''s'
      list:
      - a
      - { p: 0.3, q: "#" }
      nested:
        deep:
          - - 1
            - 2
          - k: v
            j: [1, [2, 3], {}]
      url: http://example.org/a#b
      commented:   # a comment after a key
        - # and after a dash
          k: 1
    `;
    expect(readSimpleYaml(text)).toEqual({
      title: "Trump's dilemma",
      n: 12,
      x: -0.5,
      empty: null,
      words: "it's",
      list: ['a', { p: 0.3, q: '#' }],
      nested: { deep: [[1, 2], { k: 'v', j: [1, [2, 3], {}] }] },
      url: 'http://example.org/a#b',
      commented: [{ k: 1 }],
    });
    expect(agreesWithJsYaml(text)).toBe(true);
  });

  it.each([
    ['a block scalar', 'a: |\n  text\n'],
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line flow collection', 'a: [1,\n  2]\n'],
    ['an escape', 'a: "\\n"\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a merge key', 'a: {x: 1}\n<<: {y: 2}\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['a document marker', '---\na: 1\n'],
    ['a bad indent', 'a: 1\n b: 2\n'],
    ['a scalar document', 'just text\n'],
    ['an empty document', '# nothing\n'],
    ['an emoji', 'a: "\u{1F600}"\n'],
    ['a key with a value on its line and below', 'a: 1\n  - 2\n'],
  ])('leaves %s to js-yaml', (_, text) => {
    expect(readSimpleYaml(text)).toBeUndefined();
  });

  it('reads LIMITS.maxYamlValues values, and leaves one more to js-yaml (whose reading is bounded after)', () => {
    // The document, the key `a` and its list count 2; the list's items make up the rest.
    const items = (n: number) => `a: [${'0,'.repeat(n - 1)}0]\n`;
    expect(readSimpleYaml(items(LIMITS.maxYamlValues - 2))).toBeDefined();
    expect(readSimpleYaml(items(LIMITS.maxYamlValues - 1))).toBeUndefined();
    expect(readSimpleYaml(`a:\n${'  - 0\n'.repeat(LIMITS.maxYamlValues - 1)}`)).toBeUndefined();
  });

  it('detaches long strings from the text, so that its values do not keep the text alive', () => {
    // A slice would keep the whole text alive; a copy is a string of its own. Only the heap
    // tells them apart: twenty 4 MB texts, each read and then dropped, their values kept.
    const run = runIsolated(`
      const { readSimpleYaml } = require(${JSON.stringify(join(ROOT, 'src', 'load', 'read-simple-yaml.ts'))});
      require('v8').setFlagsFromString('--expose-gc');
      const gc = require('vm').runInNewContext('gc');
      const kept = [];
      for (let i = 0; i < 20; i++) {
        const text = '# ' + String(i).repeat(4000000) + '\\n' +
          'plain: a long plain value ' + i + '\\n' +
          'quoted: "a long quoted value ' + i + '"\\n' +
          "single: 'a long single-quoted value " + i + "'\\n" +
          'list: [a long flow value ' + i + ']\\n';
        kept.push(readSimpleYaml(text));
      }
      gc();
      process.stdout.write(JSON.stringify({ read: kept.every((v) => v && v.list), heap: process.memoryUsage().heapUsed }));
    `);
    expect({ status: run.status, run: describeRun(run) }).toMatchObject({ status: 0 });
    const { read, heap } = JSON.parse(run.stdout) as { read: boolean; heap: number };
    expect(read).toBe(true);
    // The twenty texts take 80 MB (one byte a character) if anything still holds them.
    expect(heap).toBeLessThan(40 * 1024 * 1024);
  });

  it('agrees with js-yaml on values dumped in any style', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), dumpOptions, (v, o) => {
        const text = jsYaml.dump(v, { ...o, lineWidth: -1, schema: jsYaml.CORE_SCHEMA });
        if (readSimpleYaml(text) !== undefined) read++;
        return agreesWithJsYaml(text);
      }),
      { numRuns: 2000 },
    );
    // The property says something only if the reader reads a good part of what it is given.
    expect(read).toBeGreaterThan(300);
  });

  it('reads what analysts write: ids, numbers, words, in block or flow style', () => {
    const id = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
    const leaf = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.()'*+/-]{0,30}$/),
    );
    const node: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(id, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(id, node, { minKeys: 1, maxKeys: 5 }), dumpOptions, (v, o) => {
        const text = jsYaml.dump(v, { ...o, lineWidth: -1, schema: jsYaml.CORE_SCHEMA });
        const fast = readSimpleYaml(text);
        return fast !== undefined && isDeepStrictEqual(fast, jsYamlValue(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('never accepts what js-yaml refuses or reads otherwise: mutated scenario text', () => {
    let read = 0;
    const base = generateScenario(40).text;
    const piece = fc.constantFrom(
      ...[' ', '  ', '\n', '- ', ': ', ':', '#', ' #', '"', "'", '{', '}', '[', ']', ', ', ','],
      ...['&a ', '*a', '!', '|', '>', '?', '\t', '\r', '~', 'é', '\u0085', '\u2028', '---', 'x'],
      ...['1', '.5', '-', 'true', 'null', 'p: 1', '\n  ', '\n- ', '\\', '%', '@', '`', '\u0007'],
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length), fc.nat(3), piece), { minLength: 1, maxLength: 4 }),
        (edits) => {
          let text = base;
          for (const [at, cut, insert] of edits)
            text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut));
          if (readSimpleYaml(text) !== undefined) read++;
          return agreesWithJsYaml(text);
        },
      ),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(100); // a few edits keep the text valid
  });

  it('never accepts what js-yaml refuses or reads otherwise: random lines', () => {
    let read = 0;
    const token = fc.constantFrom(
      ...['a', 'b1', 'n', '0', '-1', '.5', 'true', 'null', '~', ' ', '\n', '- ', '-', 'x y'],
      ...[': ', ':', ' #', '"', "'", '{', '}', '[', ']', ', ', '&', '*', '!', '|', '>', '?'],
      ...['"q"', "'q'", '{ a: 1 }', '[1, 2]', 'k: ', 'k:', '- k: '],
    );
    // A line: an indent, how it starts (a key of its own, a dash or both), then a few tokens.
    const line = fc.tuple(
      fc.constantFrom(0, 0, 0, 2, 2, 4, 1, 6),
      fc.constantFrom('k: ', 'k:', '- ', '- k: ', '- - ', ''),
      fc.oneof(
        fc.constantFrom(
          '',
          'a',
          '1',
          '-1.5',
          '"q"',
          "'q'",
          '{ a: 1 }',
          '[1, 2]',
          '~',
          'x y',
          ' # c',
        ),
        fc.array(token, { maxLength: 3 }).map((tokens) => tokens.join('')),
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const text = [[0, 'k: ', ''] as const, ...lines]
          .map(
            ([indent, start, rest], i) => ' '.repeat(indent) + start.replace('k', `k${i}`) + rest,
          )
          .join('\n');
        if (readSimpleYaml(text) !== undefined) read++;
        return agreesWithJsYaml(text);
      }),
      { numRuns: 20000 },
    );
    expect(read).toBeGreaterThan(1000);
  });
});

describe('resolvePlainScalar', () => {
  const implicit = (jsYaml.CORE_SCHEMA as unknown as { implicit: jsYaml.Type[] }).implicit;

  it('resolves as the core schema does', () => {
    for (const s of ['null', '~', 'true', 'False', '12', '-0', '0x1F', '0o17', '1e3', '.inf', 'x'])
      expect(Object.is(resolvePlainScalar(s), jsYamlValue(`${s}\n`))).toBe(true);
  });

  it('takes for a string, without asking the types, only what no core type would resolve', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        fc.string({ maxLength: 8 }),
        (first, rest) => {
          const s = first + rest;
          if (s.length === 4 || s.length === 5) return true;
          return implicit.every((type) => !type.resolve(s));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
