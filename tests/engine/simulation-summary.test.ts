import fc from 'fast-check';
import { spread } from '../../src/engine/simulation-summary';

/** The p-quantile by sorting: linear interpolation between order statistics. */
function sortedQuantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const k = Math.floor(h);
  if (k + 1 >= sorted.length || h === k) return sorted[k]!;
  return sorted[k]! + (h - k) * (sorted[k + 1]! - sorted[k]!);
}

/** Whether `spread` gives, to the bit, the percentiles that sorting `data` gives. */
function agreesWithSorting(data: Float64Array): boolean {
  const sorted = Float64Array.from(data).sort();
  const s = spread(data);
  return (
    Object.is(s.p5, sortedQuantile(sorted, 0.05)) &&
    Object.is(s.p50, sortedQuantile(sorted, 0.5)) &&
    Object.is(s.p95, sortedQuantile(sorted, 0.95))
  );
}

describe('spread', () => {
  it('gives the percentiles that sorting gives, ties and every length included', () => {
    // Lengths up to 3,000 reach the sampling step of the selection (ranges over 600 values);
    // values from a few dozen levels make ties common, as in trees with few outcomes.
    const values = fc.oneof(
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
      fc.integer({ min: -20, max: 20 }).map((x) => x / 4),
    );
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 3000 }), (xs) =>
        agreesWithSorting(Float64Array.from(xs)),
      ),
      { numRuns: 300 },
    );
  });

  it('gives the percentiles that sorting gives on long runs, skewed, clustered or tied', () => {
    // From 4,096 values on, the percentiles come from a histogram: cases where most values
    // fall into one bucket (an outlier far off, a few distinct levels) and where they spread.
    const value = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -50, max: 50 }),
      },
      { weight: 3, arbitrary: fc.integer({ min: -3, max: 3 }).map((x) => x / 2) },
      { weight: 1, arbitrary: fc.constantFrom(-1e9, 1e9, 1e-300, -0, 0) },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 4096, max: 12_000 }),
        fc.array(value, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (length, pool, salt) => {
          // A long array drawn from a short pool (fast-check's own arrays of 10,000 are slow).
          const data = Float64Array.from(
            { length },
            (_, i) =>
              pool[(i * 7919 + salt) % pool.length]! +
              (salt % 3 === 0 ? 0 : Math.sin(i + salt) * (salt % 5)),
          );
          return agreesWithSorting(data);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives a compensated mean: 100,000 copies of 0.8 average to exactly 0.8', () => {
    expect(spread(new Float64Array(100_000).fill(0.8)).mean).toBe(0.8);
    const mixed = Float64Array.from({ length: 100_000 }, (_, i) => (i % 2 === 0 ? 0.8 : 1.2));
    expect(spread(mixed).mean).toBe(1);
  });

  it('leaves its input as it was and reuses the scratch space it is given', () => {
    const data = Float64Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    const copy = Float64Array.from(data);
    const work = new Float64Array(data.length);
    const first = spread(data, work);
    expect(first.mean).toBe(2499.5);
    expect(first.p5).toBeCloseTo(249.95, 9);
    expect(first.p50).toBe(2499.5);
    expect(first.p95).toBeCloseTo(4749.05, 9);
    expect(data).toEqual(copy);
    expect(spread(data, work)).toEqual(first);
  });
});
