import type { Distribution } from '../model/distribution';

/** Draws one value per call. */
export type Sampler = () => number;

/** Fills `out` with independent draws. */
export type BlockSampler = (out: Float64Array) => void;

/** 2^-53 */
const EPSILON_53 = 1 / 9007199254740992;

/**
 * A seeded stream of random numbers: xoshiro128** (Blackman and Vigna), 32-bit arithmetic only,
 * so it is fast in JavaScript and gives the same numbers on every machine. The state is set from
 * (`seed`, `stream`) through a SplitMix32-style hash, so each block of a simulation has a stream
 * of its own and a block's draws do not depend on which thread draws them, or in what order.
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, stream = 0) {
    let x = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream >>> 0, 0x85ebca77)) >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    // The all-zero state is the one state xoshiro cannot leave.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits, as an unsigned integer. */
  next32(): number {
    const s1 = this.s1;
    const t1 = Math.imul(s1, 5);
    const result = Math.imul((t1 << 7) | (t1 >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform on the open interval (0, 1), with 53 random bits: never exactly 0 or 1. */
  uniform(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b + 0.5) * EPSILON_53;
  }

  /** Uniform on (0, 1) with 32 random bits: enough inside the normal and gamma samplers. */
  uniform32(): number {
    return (this.next32() + 0.5) * 2.3283064365386963e-10;
  }

  /**
   * Standard normal, by the ziggurat method (Marsaglia and Tsang 2000, 128 layers): one 32-bit
   * draw in about 99% of calls, no logarithm. The layer comes from the low 7 bits and the signed
   * position within it from the other 25, so the two are independent (Doornik 2005 found the
   * original's reuse of the layer's bits in the value a flaw).
   */
  normal(): number {
    const bits = this.next32();
    const layer = bits & 127;
    const signed = (bits | 0) >> 7;
    if (Math.abs(signed) < ZIGGURAT.k[layer]!) return signed * ZIGGURAT.w[layer]!;
    return this.normalEdge(layer, signed);
  }

  /**
   * The ziggurat's rare case: a draw outside a layer's rectangle (the wedge under the curve, or
   * the tail beyond the base layer), and the draws after it until one is accepted.
   */
  private normalEdge(layer: number, signed: number): number {
    const { k, w, f } = ZIGGURAT;
    for (;;) {
      if (layer === 0) {
        // The tail beyond R, by Marsaglia's method (1964).
        let x: number;
        let y: number;
        do {
          x = -Math.log(this.uniform32()) / ZIGGURAT_R;
          y = -Math.log(this.uniform32());
        } while (y + y < x * x);
        return signed > 0 ? ZIGGURAT_R + x : -ZIGGURAT_R - x;
      }
      const x = signed * w[layer]!;
      if (f[layer]! + this.uniform32() * (f[layer - 1]! - f[layer]!) < Math.exp(-0.5 * x * x))
        return x;
      const bits = this.next32();
      layer = bits & 127;
      signed = (bits | 0) >> 7;
      if (Math.abs(signed) < k[layer]!) return signed * w[layer]!;
    }
  }

  /**
   * Gamma(shape >= 1, scale 1) by Marsaglia and Tsang (2000), with `d = shape - 1/3` and
   * `c = 1 / sqrt(9 d)` computed once by the caller.
   */
  gammaMT(d: number, c: number): number {
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform32();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * Fills `out` with Beta(a, b) draws, a and b >= 1, as X / (X + Y) with X = gammaMT(da, ca) and
   * Y = gammaMT(db, cb): the very numbers that many calls of those methods would give, from the
   * same stream, but with the generator's state in local variables and the ziggurat's common
   * case written out, which makes it about twice as fast. `simulate` spends most of its time here.
   */
  fillBeta(out: Float64Array, da: number, ca: number, db: number, cb: number): void {
    const { k, w } = ZIGGURAT;
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    let first = 0;
    for (let i = 0; i < out.length; i++) {
      for (let which = 0; which < 2; which++) {
        const d = which === 0 ? da : db;
        const c = which === 0 ? ca : cb;
        let g: number;
        for (;;) {
          // normal(), then v = 1 + c x until v > 0
          let x: number;
          let v: number;
          do {
            // next32() written out
            const t1 = Math.imul(s1, 5);
            const bits = Math.imul((t1 << 7) | (t1 >>> 25), 9);
            const t = s1 << 9;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = (s3 << 11) | (s3 >>> 21);
            const layer = bits & 127;
            const signed = bits >> 7;
            if (Math.abs(signed) < k[layer]!) x = signed * w[layer]!;
            else {
              // The rare case, by the method itself, on the state as it stands.
              this.s0 = s0;
              this.s1 = s1;
              this.s2 = s2;
              this.s3 = s3;
              x = this.normalEdge(layer, signed);
              s0 = this.s0;
              s1 = this.s1;
              s2 = this.s2;
              s3 = this.s3;
            }
            v = 1 + c * x;
          } while (v <= 0);
          v = v * v * v;
          const t1 = Math.imul(s1, 5);
          const bits = Math.imul((t1 << 7) | (t1 >>> 25), 9) >>> 0;
          const t = s1 << 9;
          s2 ^= s0;
          s3 ^= s1;
          s1 ^= s2;
          s0 ^= s3;
          s2 ^= t;
          s3 = (s3 << 11) | (s3 >>> 21);
          const u = (bits + 0.5) * 2.3283064365386963e-10;
          const x2 = x * x;
          if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
            g = d * v;
            break;
          }
        }
        if (which === 0) first = g;
        else out[i] = first / (first + g);
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }
}

/** Where the ziggurat's base layer ends and its tail begins (128 layers). */
const ZIGGURAT_R = 3.442619855899;

/**
 * The ziggurat's tables (Marsaglia and Tsang 2000, 128 layers of area 9.91256303526217e-3 each),
 * for a signed 25-bit position: a draw `s` in layer `i` is accepted at once when |s| < k[i], and is
 * then s * w[i]; f[i] is the density at the layer's right edge.
 */
const ZIGGURAT = ((): { k: Float64Array; w: Float64Array; f: Float64Array } => {
  const area = 9.91256303526217e-3;
  const scale = 16777216; // 2^24, the largest |s|
  const k = new Float64Array(128);
  const w = new Float64Array(128);
  const f = new Float64Array(128);
  let dn = ZIGGURAT_R;
  let tn = dn;
  const q = area / Math.exp(-0.5 * dn * dn);
  k[0] = Math.floor((dn / q) * scale);
  k[1] = 0;
  w[0] = q / scale;
  w[127] = dn / scale;
  f[0] = 1;
  f[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(area / dn + Math.exp(-0.5 * dn * dn)));
    k[i + 1] = Math.floor((dn / tn) * scale);
    tn = dn;
    f[i] = Math.exp(-0.5 * dn * dn);
    w[i] = dn / scale;
  }
  return { k, w, f };
})();

/** The log of a draw of Gamma(shape), any shape > 0. */
function logGammaOf(shape: number): (r: Random) => number {
  // Shape below 1: Gamma(shape) = Gamma(shape + 1) * U^(1/shape), kept on the log scale so that
  // small shapes do not underflow to 0.
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const inv = 1 / shape;
  return boosted
    ? (r) => Math.log(r.gammaMT(d, c)) + Math.log(r.uniform()) * inv
    : (r) => Math.log(r.gammaMT(d, c));
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
function betaOf(a: number, b: number): (r: Random) => number {
  if (a >= 1 && b >= 1) {
    const da = a - 1 / 3;
    const ca = 1 / Math.sqrt(9 * da);
    const db = b - 1 / 3;
    const cb = 1 / Math.sqrt(9 * db);
    return (r) => {
      const x = r.gammaMT(da, ca);
      return x / (x + r.gammaMT(db, cb));
    };
  }
  // 1 / (1 + Y / X) on the log scale: with a shape below 1 either may be far below the
  // smallest double.
  const la = logGammaOf(a);
  const lb = logGammaOf(b);
  return (r) => {
    const lx = la(r);
    return 1 / (1 + Math.exp(lb(r) - lx));
  };
}

/** One draw of `d` per call, from `random`. */
function drawOf(d: Distribution): (r: Random) => number {
  switch (d.name) {
    case 'beta':
      return betaOf(d.a, d.b);
    case 'uniform': {
      const span = d.hi - d.lo;
      return (r) => d.lo + span * r.uniform();
    }
    case 'triangular': {
      // Inverse of the distribution function, left and right of the mode.
      const { lo, mode, hi } = d;
      const span = hi - lo;
      const cut = (mode - lo) / span;
      return (r) => {
        const u = r.uniform();
        return u < cut
          ? lo + Math.sqrt(u * span * (mode - lo))
          : hi - Math.sqrt((1 - u) * span * (hi - mode));
      };
    }
    case 'pert': {
      // The usual rescaled beta.
      const span = d.hi - d.lo;
      const beta = betaOf(1 + (4 * (d.mode - d.lo)) / span, 1 + (4 * (d.hi - d.mode)) / span);
      return (r) => d.lo + span * beta(r);
    }
    case 'normal':
      return (r) => d.mean + d.sd * r.normal();
    case 'lognormal':
      return (r) => Math.exp(d.mu + d.sigma * r.normal());
    case 'fixed':
      return () => d.x;
    default:
      return d satisfies never;
  }
}

/**
 * Samplers for `distributions`, all drawing from one stream seeded with `seed` (any unsigned
 * 32-bit integer), so the same seed gives the same numbers on any machine.
 */
export function makeSamplers(distributions: readonly Distribution[], seed: number): Sampler[] {
  const random = new Random(seed);
  return distributions.map((d) => {
    const draw = drawOf(d);
    return () => draw(random);
  });
}

/**
 * Samplers that fill a block of draws at a time, from a stream the caller supplies: the
 * simulation gives each block of iterations a stream of its own (`new Random(seed, block)`).
 */
export function makeBlockSamplers(
  distributions: readonly Distribution[],
): ((random: Random, out: Float64Array) => void)[] {
  return distributions.map((d) => {
    const fast = betaShape(d);
    if (fast) {
      const { lo, span } = fast;
      const da = fast.a - 1 / 3;
      const db = fast.b - 1 / 3;
      const ca = 1 / Math.sqrt(9 * da);
      const cb = 1 / Math.sqrt(9 * db);
      return (random, out) => {
        random.fillBeta(out, da, ca, db, cb);
        if (span !== 1 || lo !== 0)
          for (let i = 0; i < out.length; i++) out[i] = lo + span * out[i]!;
      };
    }
    const draw = drawOf(d);
    return (random, out) => {
      for (let i = 0; i < out.length; i++) out[i] = draw(random);
    };
  });
}

/**
 * The beta behind a beta or PERT distribution with both shapes at least 1 (the common case,
 * sampled by `Random.fillBeta`), with the interval it is scaled to; undefined otherwise.
 */
function betaShape(
  d: Distribution,
): { a: number; b: number; lo: number; span: number } | undefined {
  if (d.name === 'beta' && d.a >= 1 && d.b >= 1) return { a: d.a, b: d.b, lo: 0, span: 1 };
  if (d.name !== 'pert') return undefined;
  const span = d.hi - d.lo;
  const a = 1 + (4 * (d.mode - d.lo)) / span;
  const b = 1 + (4 * (d.hi - d.mode)) / span;
  return a >= 1 && b >= 1 ? { a, b, lo: d.lo, span } : undefined;
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
