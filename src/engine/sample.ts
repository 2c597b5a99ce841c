import beta from '@stdlib/random-base-beta';
import lognormal from '@stdlib/random-base-lognormal';
import mt19937 from '@stdlib/random-base-mt19937';
import normal from '@stdlib/random-base-normal';
import triangular from '@stdlib/random-base-triangular';
import uniform from '@stdlib/random-base-uniform';
import type { Distribution } from '../model/distribution';

/** Draws one value per call. */
export type Sampler = () => number;

/**
 * Samplers for `distributions`, all drawing from one Mersenne Twister stream seeded with `seed`
 * (any unsigned 32-bit integer), so the same seed gives the same numbers on any machine.
 * The samplers are stdlib's; PERT is the usual rescaled beta.
 */
export function makeSamplers(distributions: readonly Distribution[], seed: number): Sampler[] {
  // Seeded through MT19937's array initialisation with the key [seed, 1]: the plain form refuses
  // 0, a valid seed to any user. `normalized` (uniform on [0, 1)) exists at run time but is
  // missing from the package's type definitions.
  const generator = mt19937.factory({ seed: [seed >>> 0, 1] }) as unknown as {
    normalized: () => number;
  };
  const prng = generator.normalized;
  const draw = {
    beta: beta.factory({ prng }),
    uniform: uniform.factory({ prng }),
    triangular: triangular.factory({ prng }),
    normal: normal.factory({ prng }),
    lognormal: lognormal.factory({ prng }),
  };
  return distributions.map((d): Sampler => {
    switch (d.name) {
      case 'beta':
        return () => draw.beta(d.a, d.b);
      case 'uniform':
        return () => draw.uniform(d.lo, d.hi);
      case 'triangular':
        // stdlib orders the arguments (min, max, mode).
        return () => draw.triangular(d.lo, d.hi, d.mode);
      case 'pert': {
        const span = d.hi - d.lo;
        const a = 1 + (4 * (d.mode - d.lo)) / span;
        const b = 1 + (4 * (d.hi - d.mode)) / span;
        return () => d.lo + span * draw.beta(a, b);
      }
      case 'normal':
        return () => draw.normal(d.mean, d.sd);
      case 'lognormal':
        return () => draw.lognormal(d.mu, d.sigma);
      case 'fixed':
        return () => d.x;
      default:
        return d satisfies never;
    }
  });
}

/** Mean and variance of each distribution, for tests and for checking samples against theory. */
export function moments(d: Distribution): { mean: number; variance: number } {
  switch (d.name) {
    case 'beta':
      return {
        mean: d.a / (d.a + d.b),
        variance: (d.a * d.b) / ((d.a + d.b) ** 2 * (d.a + d.b + 1)),
      };
    case 'uniform':
      return { mean: (d.lo + d.hi) / 2, variance: (d.hi - d.lo) ** 2 / 12 };
    case 'triangular': {
      const { lo: a, mode: c, hi: b } = d;
      return {
        mean: (a + b + c) / 3,
        variance: (a * a + b * b + c * c - a * b - a * c - b * c) / 18,
      };
    }
    case 'pert': {
      const span = d.hi - d.lo;
      const a = 1 + (4 * (d.mode - d.lo)) / span;
      const b = 1 + (4 * (d.hi - d.mode)) / span;
      return {
        mean: d.lo + (span * a) / (a + b),
        variance: (span * span * a * b) / ((a + b) ** 2 * (a + b + 1)),
      };
    }
    case 'normal':
      return { mean: d.mean, variance: d.sd * d.sd };
    case 'lognormal':
      return {
        mean: Math.exp(d.mu + (d.sigma * d.sigma) / 2),
        variance: (Math.exp(d.sigma * d.sigma) - 1) * Math.exp(2 * d.mu + d.sigma * d.sigma),
      };
    case 'fixed':
      return { mean: d.x, variance: 0 };
    default:
      return d satisfies never;
  }
}
