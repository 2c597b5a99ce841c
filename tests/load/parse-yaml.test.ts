import { LIMITS } from '../../src/load/limits';
import { parseYaml } from '../../src/load/parse-yaml';
import { locateDiagnostics } from '../../src/load/locate';
import type { Diagnostic } from '../../src/model/diagnostic';
import { source } from '../helpers/source';

function valueOf(text: string): unknown {
  const result = parseYaml(text);
  if (!result.ok)
    throw new Error(`should parse: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.value;
}

function errorsOf(text: string): Diagnostic[] {
  let result: ReturnType<typeof parseYaml> | undefined;
  expect(() => {
    result = parseYaml(text);
  }).not.toThrow();
  if (!result) throw new Error('parseYaml returned nothing');
  if (result.ok) throw new Error('expected the YAML to be rejected');
  return result.errors;
}

/** `levels` nested flow sequences: `[[[...]]]`. */
const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}\n`;

describe('parseYaml', () => {
  it('reads YAML into plain values', () => {
    expect(
      valueOf(source`
        title: T
        list: [1, 2.5, -3]
        nested: { a: null, b: true }
      `),
    ).toEqual({ title: 'T', list: [1, 2.5, -3], nested: { a: null, b: true } });
  });

  it('reads with the YAML 1.2 core schema: no yes/no booleans, no dates', () => {
    expect(
      valueOf(source`
        yes_word: yes
        no_word: no
        date: 2024-01-31
        hex: 0x1F
        tilde: ~
        float: 1e3
        octal_looking: 010
      `),
    ).toEqual({
      yes_word: 'yes',
      no_word: 'no',
      date: '2024-01-31',
      hex: 31,
      tilde: null,
      float: 1000,
      octal_looking: 10,
    });
  });

  it('reads an alias as the anchored value', () => {
    expect(valueOf('a: &x { k: 1 }\nb: *x\n')).toEqual({ a: { k: 1 }, b: { k: 1 } });
  });

  it('reports a syntax error with its line and column', () => {
    const errors = errorsOf('title: T\nroot:\n\ttype: outcome\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'YAML_SYNTAX', line: 3, column: 1 });
  });

  it('reports every syntax error of the text', () => {
    const errors = errorsOf('title: T: x\nroot: 1\nextra: ]\n');
    expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([
      ['YAML_SYNTAX', 1, 8],
      ['YAML_SYNTAX', 3, 8],
    ]);
  });

  it('reports a duplicate key at the second occurrence', () => {
    const errors = errorsOf('a: 1\nb: 2\na: 3\n');
    expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([['YAML_SYNTAX', 3, 1]]);
  });

  it('does not repeat the position in the message', () => {
    const [error] = errorsOf('title: T\nroot:\n\ttype: outcome\n');
    expect(error!.message).not.toMatch(/line \d+/);
  });

  it('rejects text over LIMITS.maxFileBytes, counting bytes rather than characters', () => {
    // Each "é" is two bytes in UTF-8: just over the limit in bytes, well under it in characters.
    const text = `# ${'é'.repeat(LIMITS.maxFileBytes / 2)}\n`;
    expect(text.length).toBeLessThan(LIMITS.maxFileBytes);
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'FILE_TOO_LARGE', line: null, column: null });
    expect(errors[0]!.message).toContain('MB');
  });

  it('rejects more than LIMITS.maxAliases alias uses with TOO_MANY_ALIASES', () => {
    const uses = Array.from({ length: LIMITS.maxAliases + 1 }, () => '*x').join(', ');
    const errors = errorsOf(`a: &x [1]\nb: [${uses}]\n`);
    expect(errors.map((e) => e.code)).toEqual(['TOO_MANY_ALIASES']);
  });

  it('accepts LIMITS.maxAliases alias uses', () => {
    const uses = Array.from({ length: LIMITS.maxAliases }, () => '*x').join(', ');
    expect(valueOf(`a: &x [1]\nb: [${uses}]\n`)).toBeDefined();
  });

  it('rejects a plain file of more than LIMITS.maxYamlValues values with TOO_MANY_NODES', () => {
    const errors = errorsOf(`a: [${'0,'.repeat(LIMITS.maxYamlValues)}0]\n`);
    expect(errors.map((e) => e.code)).toEqual(['TOO_MANY_NODES']);
  });

  it('rejects a billion laughs with TOO_MANY_ALIASES or TOO_MANY_NODES, quickly', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) {
      lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    }
    const started = Date.now();
    const errors = errorsOf(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors).toHaveLength(1);
    expect(['TOO_MANY_ALIASES', 'TOO_MANY_NODES']).toContain(errors[0]!.code);
  });

  it('rejects a few aliases of a huge list at the alias that copies too much', () => {
    const list = `[${Array.from({ length: 10_000 }, () => '0').join(',')}]`;
    const uses = Array.from({ length: 600 }, () => '*x').join(',');
    const errors = errorsOf(`a: &x ${list}\nb: [${uses}]\n`);
    expect(errors.map((e) => e.code)).toEqual(['TOO_MANY_ALIASES']);
    expect(errors[0]).toMatchObject({ line: 2 });
    expect(errors[0]!.column).toBeGreaterThan(4);
  });

  it('counts aliases of a scalar by the size of the text they copy, and says where', () => {
    // A 100 kB string used 50 times would copy 5 MB: the use that crosses the limit is named.
    const uses = Array.from({ length: 50 }, () => '  - *s').join('\n');
    const errors = errorsOf(`s: &s "${'x'.repeat(100_000)}"\nlist:\n${uses}\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TOO_MANY_ALIASES', column: 5 });
    const crossing = Math.floor(LIMITS.maxAliasExpansion / 100_000) + 1;
    expect(errors[0]!.line).toBe(2 + crossing);
    expect(errors[0]!.message).toContain('*s');
  });

  it('counts every use of an alias towards LIMITS.maxAliases, scalars included', () => {
    const uses = Array.from({ length: LIMITS.maxAliases + 1 }, () => '*x').join(', ');
    const errors = errorsOf(`a: &x 1\nb: [${uses}]\n`);
    expect(errors.map((e) => [e.code, e.line])).toEqual([['TOO_MANY_ALIASES', 2]]);
  });

  it('accepts aliases that copy little', () => {
    expect(valueOf('p: &p { value: 0.5, note: shared }\nq: *p\nr: *p\n')).toEqual({
      p: { value: 0.5, note: 'shared' },
      q: { value: 0.5, note: 'shared' },
      r: { value: 0.5, note: 'shared' },
    });
  });

  it('rejects a sequence that contains itself with TOO_DEEP', () => {
    expect(errorsOf('a: &a [*a]\n').map((e) => e.code)).toEqual(['TOO_DEEP']);
  });

  it('rejects a mapping that contains itself with TOO_DEEP', () => {
    expect(errorsOf('a: &a { self: *a }\n').map((e) => e.code)).toEqual(['TOO_DEEP']);
  });

  it('accepts nesting well below LIMITS.maxYamlDepth', () => {
    expect(LIMITS.maxYamlDepth).toBeGreaterThan(300);
    expect(valueOf(nested(300))).toBeDefined();
  });

  it('rejects nesting beyond LIMITS.maxYamlDepth with TOO_DEEP', () => {
    expect(errorsOf(nested(LIMITS.maxYamlDepth + 100)).map((e) => e.code)).toEqual(['TOO_DEEP']);
  });

  it('refuses a __proto__ key, which an ordinary object would lose, at its place', () => {
    const text = 'title: T\nparameters:\n  p: 1\n  __proto__: 2\n';
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.code, e.path])).toEqual([['BAD_ID', '__proto__']]);
    const [located] = locateDiagnostics(text, 'f.yaml', errors);
    expect(located).toMatchObject({ line: 4, column: 3 });
  });
});
