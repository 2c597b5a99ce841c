import {
  breakEvenText,
  decimalsFor,
  inputText,
  probabilityText,
  scoreColumn,
  scoreText,
  significant,
} from '../../src/present';

describe('the number policy', () => {
  it.each([
    [0.4, 2, '0.40'],
    [0.4482, 3, '0.448'],
    [2.681, 2, '2.7'],
    [22.5, 3, '22.5'],
    [1234, 2, '1200'],
    [0.0723, 3, '0.0723'],
    [0.996, 2, '1.0'],
    [0, 2, '0'],
    [-0.0001, 1, '-0.0001'],
  ])('writes %d to %d significant figures as %s', (x, figures, text) => {
    expect(significant(x, figures)).toBe(text);
  });

  it('never writes -0', () => {
    expect(scoreText(-0.0004, 'table', 5)).toBe('0.00');
    expect(scoreText(-0, 'prose')).toBe('0');
    expect(significant(-0, 3)).toBe('0');
    expect(breakEvenText(-0)).toBe('0');
  });

  it('gives a table column one number of decimals, set by its largest magnitude', () => {
    const f = scoreColumn([4.75, -0.05, 5.3]);
    expect([4.75, -0.05, 5.3].map(f)).toEqual(['4.75', '-0.05', '5.30']);
    expect(decimalsFor(22.5, 3)).toBe(1);
    expect(decimalsFor(0, 3)).toBe(2);
  });

  it('writes scores at 2 significant figures in prose and 3 in tables', () => {
    expect(scoreText(2.681, 'prose')).toBe('2.7');
    expect(scoreText(2.681, 'table')).toBe('2.68');
    expect(scoreText(0.2102, 'prose')).toBe('0.21');
  });

  it('follows every probability with its phrase', () => {
    expect(probabilityText(0.4, 'prose')).toBe('0.40 (unlikely)');
    expect(probabilityText(0.24, 'table')).toBe('0.240 (unlikely)');
    expect(probabilityText(0.005, 'prose')).toBe('0.0050 (almost no chance)');
    expect(probabilityText(1, 'prose')).toBe('1 (almost certain)');
  });

  it('writes a probability too small or too near 1 for its figures as a bound, never as 0 or 1', () => {
    expect(probabilityText(0.00008, 'table')).toBe('< 0.001 (almost no chance)');
    expect(probabilityText(0.00008, 'prose')).toBe('< 0.001 (almost no chance)');
    expect(probabilityText(0.001, 'table')).toBe('0.00100 (almost no chance)');
    expect(probabilityText(0, 'table')).toBe('0 (almost no chance)');
    expect(probabilityText(0.99992, 'table')).toBe('> 0.999 (almost certain)');
    expect(probabilityText(0.996, 'prose')).toBe('> 0.99 (almost certain)');
    expect(probabilityText(0.996, 'table')).toBe('0.996 (almost certain)');
    expect(inputText(0.6, true)).toBe('0.6 (likely)');
    expect(inputText(0.6)).toBe('0.6');
  });

  it('writes a break-even at 3 significant figures everywhere', () => {
    expect(breakEvenText(0.44817)).toBe('0.448');
    expect(breakEvenText(0.4)).toBe('0.4');
    expect(breakEvenText(0.21812, true)).toBe('0.218 (unlikely)');
  });
});
