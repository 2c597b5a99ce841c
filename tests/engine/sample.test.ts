import { makeSamplers, moments } from '../../src/engine';
import { parseDistribution, type Distribution } from '../../src/model/distribution';

/**
 * Each sampler's draws against the distribution's known mean and variance. With n draws the
 * sample mean has standard error sd / sqrt(n); the checks allow 5 of them (and 5% on the
 * variance), so a correct sampler fails about once in millions of runs.
 */
const N = 200_000;

function distribution(text: string): Distribution {
  const d = parseDistribution(text);
  if (!d.ok) throw new Error(d.message);
  return d.value;
}

describe.each([
  'beta(4, 6)',
  'beta(0.5, 0.5)',
  'uniform(-2, 3)',
  'triangular(0, 0.2, 1)',
  'pert(0.3, 0.6, 0.9)',
  'pert(10, 12, 30)',
  'normal(5, 2)',
  'lognormal(0, 0.5)',
])('%s', (text) => {
  const d = distribution(text);
  const [draw] = makeSamplers([d], 12345);
  const xs = Float64Array.from({ length: N }, () => draw!());
  const mean = xs.reduce((a, b) => a + b, 0) / N;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (N - 1);
  const expected = moments(d);

  it('has the known mean', () => {
    expect(Math.abs(mean - expected.mean)).toBeLessThan(5 * Math.sqrt(expected.variance / N));
  });

  it('has the known variance', () => {
    expect(Math.abs(variance / expected.variance - 1)).toBeLessThan(0.05);
  });
});

describe('samplers', () => {
  it('repeat the same draws for the same seed and differ for another', () => {
    const d = [distribution('beta(2, 3)'), distribution('normal(0, 1)')];
    const draws = (seed: number) => {
      const s = makeSamplers(d, seed);
      return Array.from({ length: 5 }, () => s.map((f) => f()));
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
    expect(draws(0)).toEqual(draws(0));
  });

  it('keep bounded distributions within their bounds', () => {
    const [tri, pert, uni] = makeSamplers(
      [
        distribution('triangular(1, 2, 4)'),
        distribution('pert(1, 2, 4)'),
        distribution('uniform(1, 4)'),
      ],
      3,
    );
    for (let i = 0; i < 10_000; i++) {
      for (const f of [tri!, pert!, uni!]) {
        const x = f();
        expect(x >= 1 && x <= 4).toBe(true);
      }
    }
  });

  it('give fixed(x) exactly x', () => {
    const [f] = makeSamplers([distribution('fixed(0.25)')], 1);
    expect([f!(), f!()]).toEqual([0.25, 0.25]);
  });
});
