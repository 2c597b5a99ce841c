import fc from 'fast-check';
import {
  breakEvenText,
  decimalsFor,
  fixed,
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

  describe('writes exactly what toFixed and toPrecision write, without calling them', () => {
    // The definitions the quick paths must agree with, character for character.
    const byToFixed = (x: number, decimals: number) => {
      const text = x.toFixed(decimals);
      return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
    };
    const byToPrecision = (x: number, figures: number) => {
      if (x === 0) return '0';
      const rounded = Number(x.toPrecision(figures));
      return byToFixed(rounded, decimalsFor(rounded, figures));
    };
    // Doubles of every magnitude the views show, and the decimal halves where rounding is closest.
    const magnitudes = fc.oneof(
      fc.double({ min: -1e9, max: 1e9, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.integer({ min: -2_000_000, max: 2_000_000 }).map((k) => k / 2000),
      fc
        .tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 6 }))
        .map(([k, e]) => (k + 0.5) / 10 ** e),
    );

    it('with a fixed number of decimals', () => {
      fc.assert(
        fc.property(magnitudes, fc.integer({ min: 0, max: 12 }), (x, decimals) => {
          expect(fixed(x, decimals)).toBe(byToFixed(x, decimals));
        }),
        { numRuns: 20_000 },
      );
    });

    it('to significant figures', () => {
      fc.assert(
        fc.property(magnitudes, fc.integer({ min: 1, max: 6 }), (x, figures) => {
          expect(significant(x, figures)).toBe(byToPrecision(x, figures));
        }),
        { numRuns: 20_000 },
      );
    });

    it('a few units in the last place either side of a decimal half', () => {
      // Where rounding the scaled double and rounding the exact value disagree most often.
      const bits = new Float64Array(1);
      const raw = new BigInt64Array(bits.buffer);
      const nudged = (x: number, ulps: number) => {
        bits[0] = x;
        raw[0] = raw[0]! + BigInt(ulps);
        return bits[0];
      };
      for (let decimals = 0; decimals <= 7; decimals++)
        for (let k = 0; k < 2000; k++)
          for (let ulps = -3; ulps <= 3; ulps++) {
            const x = nudged((k * 37 + 0.5) / 10 ** decimals, ulps);
            expect(fixed(x, decimals)).toBe(byToFixed(x, decimals));
          }
    });

    it('at the halves and the powers of ten', () => {
      for (const x of [0.125, 0.0125, 1.005, 2.675, 0.9995, 0.09995, 9.995, 99.95, 0.001, 1e-7]) {
        for (const d of [0, 1, 2, 3, 4]) expect(fixed(x, d)).toBe(byToFixed(x, d));
        for (const f of [1, 2, 3]) expect(significant(x, f)).toBe(byToPrecision(x, f));
        for (const f of [1, 2, 3]) expect(significant(-x, f)).toBe(byToPrecision(-x, f));
      }
    });
  });
});
