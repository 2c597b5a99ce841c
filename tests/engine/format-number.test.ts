import fc from 'fast-check';
import { formatNumber } from '../../src/engine/format-number';

describe('formatNumber', () => {
  // The definition: 12 significant digits, read back, written shortest.
  const byDefinition = (x: number) =>
    Number.isFinite(x) ? String(Number.parseFloat(x.toPrecision(12))) : String(x);

  it.each([
    [0.1 + 0.2, '0.3'],
    [12.5, '12.5'],
    [-0.000123, '-0.000123'],
    [1e21, '1e+21'],
    [1 / 3, '0.333333333333'],
    [Infinity, 'Infinity'],
    [NaN, 'NaN'],
  ])('writes %d as %s', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });

  it('writes what its definition writes, for any double', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.double({ min: -1000, max: 1000 })), (x) => {
        expect(formatNumber(x)).toBe(byDefinition(x));
      }),
      { numRuns: 20_000 },
    );
  });
});
