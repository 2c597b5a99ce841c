import { formatDiagnostic } from '../../src/load/format-diagnostic';
import { loadScenario } from '../../src/load/load-scenario';
import type { Diagnostic } from '../../src/model/diagnostic';
import { source } from '../helpers/source';

function make(fields: Partial<Diagnostic>): Diagnostic {
  return {
    code: 'BAD_VALUE',
    message: 'something is wrong',
    file: 'scenario.yaml',
    line: 3,
    column: 5,
    path: null,
    ...fields,
  };
}

/** The column (1-based) of the caret in the last line of a formatted diagnostic. */
function caretUnder(formatted: string): { shown: string; caretAt: number } {
  const lines = formatted.split('\n');
  const caretLine = lines[lines.length - 1]!;
  const shown = lines[lines.length - 2]!;
  expect(caretLine.trimStart()).toBe('^');
  return { shown, caretAt: caretLine.indexOf('^') };
}

describe('formatDiagnostic', () => {
  it('prints file:line:col: message', () => {
    expect(formatDiagnostic(make({}))).toBe('scenario.yaml:3:5: something is wrong');
  });

  it('leaves out the parts that are unknown', () => {
    expect(formatDiagnostic(make({ file: null }))).toBe('3:5: something is wrong');
    expect(formatDiagnostic(make({ line: null, column: null }))).toBe(
      'scenario.yaml: something is wrong',
    );
    expect(formatDiagnostic(make({ file: null, line: null, column: null }))).toBe(
      'something is wrong',
    );
  });

  it('shows the source line and a caret under the column', () => {
    const text = 'title: T\nroot:\n  tpye: outcome\n';
    const out = formatDiagnostic(make({ line: 3, column: 3 }), text);
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('scenario.yaml:3:3: something is wrong');
    expect(lines[1]).toContain('  tpye: outcome');
    const { shown, caretAt } = caretUnder(out);
    expect(shown[caretAt]).toBe('t');
    expect(shown.slice(caretAt)).toBe('tpye: outcome');
  });

  it('puts the caret under the first column', () => {
    const out = formatDiagnostic(make({ line: 1, column: 1 }), 'title: T\n');
    const { shown, caretAt } = caretUnder(out);
    expect(shown.slice(caretAt)).toBe('title: T');
  });

  it('reads the line from text with Windows line endings', () => {
    const out = formatDiagnostic(make({ line: 2, column: 7 }), 'title: T\r\nroot: 42\r\n');
    const { shown, caretAt } = caretUnder(out);
    expect(shown.endsWith('root: 42')).toBe(true);
    expect(shown.slice(caretAt)).toBe('42');
  });

  it('cuts a long line around the column and keeps the caret under it', () => {
    const line = `${'a'.repeat(200)}X${'b'.repeat(200)}`;
    const out = formatDiagnostic(make({ line: 1, column: 201 }), line);
    const { shown, caretAt } = caretUnder(out);
    expect(shown.length).toBeLessThan(120);
    expect(shown[caretAt]).toBe('X');
  });

  it('prints only the head when the line is not in the text', () => {
    expect(formatDiagnostic(make({ line: 10 }), 'title: T\n')).toBe(
      'scenario.yaml:10:5: something is wrong',
    );
  });

  it('prints only the head when there is no position', () => {
    expect(formatDiagnostic(make({ line: null, column: null }), 'title: T\n')).toBe(
      'scenario.yaml: something is wrong',
    );
  });

  it('formats a loader diagnostic with the offending key marked', () => {
    const text = source`
      title: T
      root:
        type: outcome
        lable: Only
        payoff: 1
    `;
    const loaded = loadScenario(text, 'typo.yaml');
    if (loaded.ok) throw new Error('expected an error');
    const out = formatDiagnostic(loaded.errors[0]!, text);
    expect(out.startsWith("typo.yaml:4:3: unknown key 'lable'")).toBe(true);
    const { shown, caretAt } = caretUnder(out);
    expect(shown.slice(caretAt)).toBe('lable: Only');
  });
});
