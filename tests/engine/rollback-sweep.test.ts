import fc from 'fast-check';
import { ties } from '../../src/engine/rollback';
import { loopSweep, sweepFor, type Rollback } from '../../src/engine/rollback-sweep';
import { CHANCE, DECISION, OUTCOME, type Program } from '../../src/engine/program';

/** A random tree laid out as a program lays it out (breadth first), with its numbers. */
const case_ = fc
  .record({
    criteria: fc.integer({ min: 1, max: 14 }),
    shape: fc.array(
      fc.record({ children: fc.integer({ min: 0, max: 4 }), decision: fc.boolean() }),
      {
        minLength: 1,
        maxLength: 60,
      },
    ),
    seed: fc.integer(),
  })
  .map(({ criteria, shape, seed }) => {
    const size = shape.reduce((n, s) => n + s.children, 1);
    const kind = new Uint8Array(size);
    const parent = new Int32Array(size).fill(-1);
    const firstChild = new Int32Array(size);
    const childCount = new Int32Array(size);
    let next = 1;
    for (let i = 0; i < size; i++) {
      const s = shape[i];
      const n = s ? s.children : 0;
      kind[i] = n === 0 ? OUTCOME : s!.decision ? DECISION : CHANCE;
      firstChild[i] = next;
      childCount[i] = n;
      for (let j = next; j < next + n; j++) parent[j] = i;
      next += n;
    }
    // Numbers from a small generator of our own: exact repeats (ties) and signs of zero included.
    let state = seed >>> 0 || 1;
    const random = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const u = (state >>> 0) / 2 ** 32;
      return u < 0.1 ? 0 : u < 0.15 ? -0 : u < 0.25 ? 1 : (u - 0.5) * 20;
    };
    const program = { size, criteria, kind, parent, firstChild, childCount } as unknown as Program;
    const k = Float64Array.from({ length: criteria }, random);
    const payoff = Float64Array.from({ length: size * criteria }, random);
    const probability = Float64Array.from({ length: size }, () => Math.abs(random()) / 10);
    return { program, k, payoff, probability };
  });

function buffersOf(c: { program: Program; payoff: Float64Array; probability: Float64Array }) {
  const { size, criteria } = c.program;
  return {
    payoff: Float64Array.from(c.payoff),
    probability: Float64Array.from(c.probability),
    expected: new Float64Array(size * criteria),
    score: new Float64Array(size),
    choice: new Int32Array(size).fill(-1),
    above: new Float64Array(size),
  } satisfies Rollback;
}

const bits = (b: Rollback) =>
  [b.expected, b.score, b.above].map((a) => Array.from(a, (x) => (Object.is(x, -0) ? '-0' : x)));

describe('the rollback sweep', () => {
  it('written out per number of criteria, gives the loops’ numbers to the last bit', () => {
    fc.assert(
      fc.property(case_, (c) => {
        const byLoops = buffersOf(c);
        loopSweep(c.program, c.k, byLoops, ties);
        const written = buffersOf(c);
        sweepFor(c.program.criteria)(c.program, c.k, written, ties);
        expect(bits(written)).toEqual(bits(byLoops));
        expect(Array.from(written.choice)).toEqual(Array.from(byLoops.choice));
      }),
      { numRuns: 1_000 },
    );
  });

  it('is written out up to 12 criteria and stays the loops beyond', () => {
    expect(sweepFor(2)).not.toBe(loopSweep);
    expect(sweepFor(12)).not.toBe(loopSweep);
    expect(sweepFor(13)).toBe(loopSweep);
    expect(sweepFor(4)).toBe(sweepFor(4));
  });
});
