import { locateDiagnostics } from '../../src/load/locate';
import { diagnostic, SourcePath, type Diagnostic } from '../../src/model/diagnostic';
import { source } from '../helpers/source';

const text = source`
  title: T
  parameters:
    p: 0.5
  root:
    type: decision
    label: Root
    options:
      - label: First
        type: outcome
        payoff: { gain: 1 }
      - { label: Second, type: outcome, payoff: 2 }
`;

const at = (...keys: (string | number)[]): SourcePath =>
  keys.reduce<SourcePath>((p, k) => p.child(k), SourcePath.root);

function located(d: Diagnostic): Diagnostic {
  const [only] = locateDiagnostics(text, 'scenario.yaml', [d]);
  return only!;
}

describe('locateDiagnostics', () => {
  it('points at the value of a mapping key', () => {
    expect(located(diagnostic('BAD_VALUE', 'm', at('root', 'label')))).toMatchObject({
      line: 6,
      column: 10,
    });
  });

  it('points at the key itself when asked to (unknown keys)', () => {
    expect(located(diagnostic('UNKNOWN_KEY', 'm', at('root', 'label'), null, true))).toMatchObject({
      line: 6,
      column: 3,
    });
  });

  it('follows sequence indices into block and flow items', () => {
    expect(located(diagnostic('BAD_VALUE', 'm', at('root', 'options', 0)))).toMatchObject({
      line: 8,
      column: 7,
    });
    expect(located(diagnostic('BAD_VALUE', 'm', at('root', 'options', 1, 'payoff')))).toMatchObject(
      {
        line: 11,
        column: 47,
      },
    );
    expect(
      located(diagnostic('BAD_VALUE', 'm', at('root', 'options', 0, 'payoff', 'gain'))),
    ).toMatchObject({ line: 10, column: 23 });
  });

  it('points at the block sequence itself for a list-valued key', () => {
    expect(located(diagnostic('BAD_VALUE', 'm', at('root', 'options')))).toMatchObject({
      line: 8,
      column: 5,
    });
  });

  it('falls back to the deepest existing ancestor for a key that is not there', () => {
    expect(
      located(diagnostic('MISSING_KEY', 'm', at('root', 'options', 0, 'probability'))),
    ).toMatchObject({ line: 8, column: 7 });
    expect(located(diagnostic('MISSING_KEY', 'm', at('root', 'options', 7)))).toMatchObject({
      line: 8,
      column: 5,
    });
  });

  it('puts the document root at line 1, column 1', () => {
    expect(located(diagnostic('NOT_A_MAPPING', 'm', SourcePath.root))).toMatchObject({
      line: 1,
      column: 1,
    });
  });

  it('stamps the file name and leaves out the internal position', () => {
    const d = located(diagnostic('BAD_VALUE', 'm', at('parameters', 'p'), 'p'));
    expect(d).toEqual({
      code: 'BAD_VALUE',
      message: 'm',
      file: 'scenario.yaml',
      line: 3,
      column: 6,
      path: 'p',
    });
    expect('at' in d).toBe(false);
    expect('atKey' in d).toBe(false);
  });

  it('keeps a position that is already known and a file that is already set', () => {
    const known: Diagnostic = {
      ...diagnostic('YAML_SYNTAX', 'm', undefined),
      file: 'other.yaml',
      line: 4,
      column: 2,
    };
    expect(located(known)).toMatchObject({ file: 'other.yaml', line: 4, column: 2 });
  });

  it('leaves line and column null for a problem without a position', () => {
    expect(located(diagnostic('FILE_TOO_LARGE', 'm', undefined))).toMatchObject({
      file: 'scenario.yaml',
      line: null,
      column: null,
    });
  });

  it('sorts by line and column, problems without a position first', () => {
    const sorted = locateDiagnostics(text, null, [
      diagnostic('BAD_VALUE', 'late', at('root', 'options', 1)),
      diagnostic('BAD_VALUE', 'early', at('parameters', 'p')),
      diagnostic('FILE_TOO_LARGE', 'nowhere', undefined),
      diagnostic('BAD_VALUE', 'same line, right', at('root', 'options', 1, 'type')),
    ]);
    expect(sorted.map((d) => [d.message, d.line, d.column])).toEqual([
      ['nowhere', null, null],
      ['early', 3, 6],
      ['late', 11, 7],
      ['same line, right', 11, 30],
    ]);
  });

  it('finds keys written as numbers', () => {
    const numeric = 'title: T\nparameters:\n  1: x\n';
    const [d] = locateDiagnostics(numeric, null, [
      diagnostic('BAD_ID', 'm', at('parameters', '1')),
    ]);
    expect(d).toMatchObject({ line: 3, column: 6 });
  });

  it('counts lines the same with Windows line endings', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const [d] = locateDiagnostics(crlf, null, [
      diagnostic('BAD_VALUE', 'm', at('root', 'options', 1, 'payoff')),
    ]);
    expect(d).toMatchObject({ line: 11, column: 47 });
  });
});
