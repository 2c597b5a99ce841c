import { makeSamplers, moments } from '../../src/engine';
import { makeBlockSamplers, Random } from '../../src/engine/sample';
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

/**
 * Kolmogorov-Smirnov: the largest gap between the empirical distribution function of n draws and
 * the exact one. At the 0.1% level the critical value is 1.95 / sqrt(n); the seeds are fixed, so
 * the test is deterministic, and a wrong sampler (a wrong shape, a lost tail) misses by far more.
 */
describe('Kolmogorov-Smirnov against the exact distribution function', () => {
  const n = 20_000;
  const choose = (m: number, k: number) => {
    let c = 1;
    for (let i = 1; i <= k; i++) c = (c * (m - k + i)) / i;
    return c;
  };
  /** Regularised incomplete beta for whole-number shapes: a binomial tail. */
  const betaCdf = (a: number, b: number) => (x: number) => {
    const m = a + b - 1;
    let sum = 0;
    for (let j = a; j <= m; j++) sum += choose(m, j) * x ** j * (1 - x) ** (m - j);
    return sum;
  };
  // Abramowitz and Stegun 7.1.26 is too coarse here; erfc by its continued fraction is not
  // needed either: the normal CDF by a high-order series is accurate to 1e-15 on |z| < 8.
  const normalCdf = (z: number) => {
    if (z < -8) return 0;
    if (z > 8) return 1;
    let term = z;
    let sum = z;
    for (let k = 1; k < 200; k++) {
      term *= (z * z) / (2 * k + 1);
      sum += term;
    }
    return 0.5 + (sum * Math.exp(-(z * z) / 2)) / Math.sqrt(2 * Math.PI);
  };
  const cases: [string, (x: number) => number][] = [
    ['beta(4, 6)', betaCdf(4, 6)],
    ['beta(2, 3)', betaCdf(2, 3)],
    ['beta(40, 25)', betaCdf(40, 25)],
    ['beta(0.5, 0.5)', (x) => (2 / Math.PI) * Math.asin(Math.sqrt(x))],
    ['beta(0.3, 1)', (x) => x ** 0.3],
    ['beta(1, 0.4)', (x) => 1 - (1 - x) ** 0.4],
    ['beta(1, 1)', (x) => x],
    ['pert(0.3, 0.6, 0.9)', (x) => betaCdf(3, 3)((x - 0.3) / 0.6)],
    ['pert(0, 0.25, 1)', (x) => betaCdf(2, 4)(x)],
    ['uniform(-2, 3)', (x) => (x + 2) / 5],
    ['triangular(0, 0.2, 1)', (x) => (x < 0.2 ? (x * x) / 0.2 : 1 - (1 - x) ** 2 / 0.8)],
    ['normal(5, 2)', (x) => normalCdf((x - 5) / 2)],
    ['lognormal(0, 0.5)', (x) => normalCdf(Math.log(x) / 0.5)],
  ];
  it.each(cases)('%s', (text, cdf) => {
    const [draw] = makeSamplers([distribution(text)], 2024);
    const xs = Float64Array.from({ length: n }, () => draw!()).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = cdf(xs[i]!);
      d = Math.max(d, (i + 1) / n - f, f - i / n);
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });
});

describe('block samplers', () => {
  it('draw the same numbers for the same block whatever else was drawn', () => {
    const ds = [distribution('beta(2, 3)'), distribution('pert(1, 2, 4)')];
    const [beta, pert] = makeBlockSamplers(ds);
    const block = (b: number) => {
      const random = new Random(7, b);
      const x = new Float64Array(100);
      const y = new Float64Array(100);
      beta!(random, x);
      pert!(random, y);
      return [...x, ...y];
    };
    const three = block(3);
    block(2);
    expect(block(3)).toEqual(three);
    expect(block(4)).not.toEqual(three);
    expect(new Random(7, 3).uniform()).not.toBe(new Random(8, 3).uniform());
  });
});

describe('the ziggurat normal', () => {
  // Shares of |z| beyond each cut, for a standard normal: 2 (1 - Phi(z)).
  const beyond: [number, number][] = [
    [0.5, 0.617075077],
    [1, 0.317310508],
    [2, 0.045500264],
    [3, 0.002699796],
    [3.442619855899, 0.000576109],
    [4, 0.0000633425],
  ];
  const n = 1_000_000;
  const random = new Random(99, 1);
  const counts = beyond.map(() => 0);
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const z = random.normal();
    if (z > 0) positive++;
    beyond.forEach(([cut], j) => {
      if (Math.abs(z) > cut) counts[j]!++;
    });
  }

  it.each(beyond.map(([cut, share], j) => [cut, share, j] as const))(
    'puts the right share of draws beyond |z| = %d, tail included',
    (_cut, share, j) => {
      // Binomial standard error; 5 of them.
      expect(Math.abs(counts[j]! / n - share)).toBeLessThan(
        5 * Math.sqrt((share * (1 - share)) / n),
      );
    },
  );

  it('is symmetric', () => {
    expect(Math.abs(positive / n - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / n));
  });
});

describe('Random.fillBeta', () => {
  it.each([
    [5, 5],
    [1, 1],
    [1.3, 7.2],
    [40, 25],
  ])('gives the numbers gammaMT would give from the same stream, for beta(%d, %d)', (a, b) => {
    const da = a - 1 / 3;
    const db = b - 1 / 3;
    const ca = 1 / Math.sqrt(9 * da);
    const cb = 1 / Math.sqrt(9 * db);
    // Enough draws that the ziggurat's rare cases (about 1 normal in 100) come up many times.
    const filled = new Float64Array(20_000);
    new Random(5, 2).fillBeta(filled, da, ca, db, cb);
    const one = new Random(5, 2);
    const called = filled.map(() => {
      const x = one.gammaMT(da, ca);
      return x / (x + one.gammaMT(db, cb));
    });
    expect(filled).toEqual(called);
    // And the stream goes on from the same place.
    const after = new Random(5, 2);
    after.fillBeta(new Float64Array(20_000), da, ca, db, cb);
    expect(after.next32()).toBe(one.next32());
  });
});
