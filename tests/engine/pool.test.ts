import fc from 'fast-check';
import { poolPanel, pooled, type AnalystInput } from '../../src/engine/pool';
import { scenarioOf } from '../helpers/scenario';

/**
 * FORMAT.md section 10 against closed forms. Risky scores 10 p, Safe scores cost / 4.
 * File: p 0.5, cost 12 (Risky 5 > Safe 3). Analysts: A (p 0.2, cost 10: Safe 2.5 > Risky 2),
 * B (p 0.6, cost 20: Risky 6 > Safe 5), C (says nothing: the file's values, Risky).
 */
const scenario = scenarioOf(`title: Panel
parameters:
  p: 0.5
  cost: 12
root:
  type: decision
  label: Choose
  options:
    - label: Risky
      type: chance
      branches:
        - { label: Win, type: outcome, probability: p, payoff: 10 }
        - { label: Lose, type: outcome, probability: "#", payoff: 0 }
    - { label: Safe, type: outcome, payoff: "cost / 4" }
`);

const ANALYSTS: AnalystInput[] = [
  { analyst: 'A', set: { p: 0.2, cost: 10 } },
  { analyst: 'B', set: { p: 0.6, cost: 20 } },
  { analyst: 'C', set: {} },
];

function panel(pool: 'linear' | 'log', analysts = ANALYSTS) {
  const r = poolPanel(scenario, analysts, pool);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

const geo = (xs: number[]) => xs.reduce((a, b) => a * b, 1) ** (1 / xs.length);

describe('linear pool: the mean, an analyst who leaves a parameter out taking the file’s value', () => {
  const r = panel('linear');

  it('pools each parameter, widest spread first, with each analyst’s value and the base', () => {
    expect(r.pool).toBe('linear');
    expect(r.parameters.map((p) => p.name)).toEqual(['cost', 'p']);
    const [cost, p] = r.parameters;
    expect(cost).toMatchObject({
      base: 12,
      values: { A: 10, B: 20, C: 12 },
      pooled: 14,
      spread: 10,
    });
    expect(p).toMatchObject({ base: 0.5, values: { A: 0.2, B: 0.6, C: 0.5 } });
    expect(p!.pooled).toBeCloseTo(1.3 / 3, 12);
    expect(p!.spread).toBeCloseTo(0.4, 12);
  });

  it('gives each analyst’s own recommendation, the pooled one and the agreement', () => {
    expect(r.analysts).toEqual([
      { analyst: 'A', choice: 'safe', score: 2.5 },
      { analyst: 'B', choice: 'risky', score: expect.closeTo(6, 12) },
      { analyst: 'C', choice: 'risky', score: 5 },
    ]);
    // Pooled: Risky 10 * 1.3 / 3 = 4.33 > Safe 14 / 4 = 3.5.
    expect(r.pooled.choice).toBe('risky');
    expect(r.pooled.score).toBeCloseTo(13 / 3, 12);
    expect(r.agreement).toBeCloseTo(2 / 3, 12);
  });
});

describe('log pool: G1 / (G1 + G0) for values all in (0, 1), the mean otherwise', () => {
  const r = panel('log');

  it('pools the probability by the geometric means of the values and of their complements', () => {
    const p = r.parameters.find((x) => x.name === 'p')!;
    const g1 = geo([0.2, 0.6, 0.5]);
    const g0 = geo([0.8, 0.4, 0.5]);
    expect(p.pooled).toBeCloseTo(g1 / (g1 + g0), 12);
    // = r / (1 + r) with r = (0.06 / 0.16)^(1/3), the cube root of the odds product

    expect(p.pooled).toBeCloseTo(0.418985, 6);
  });

  it('falls back to the mean for a parameter that is not a probability', () => {
    expect(r.parameters.find((x) => x.name === 'cost')!.pooled).toBe(14);
    expect(r.pooled.choice).toBe('risky');
    expect(r.pooled.score).toBeCloseTo(10 * r.parameters.find((x) => x.name === 'p')!.pooled, 12);
  });

  it('falls back to the mean when a probability is 0 or 1', () => {
    expect(pooled([0, 0.5], 'log')).toBe(0.25);
    expect(pooled([1, 0.5], 'log')).toBe(0.75);
  });

  it('is symmetric: pooling complements gives the complement', () => {
    const unit = fc.double({ min: 0.001, max: 0.999, noNaN: true });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 6 }), (xs) => {
        expect(
          pooled(
            xs.map((x) => 1 - x),
            'log',
          ),
        ).toBeCloseTo(1 - pooled(xs, 'log'), 9);
        const q = pooled(xs, 'log');
        expect(q).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-12);
        expect(q).toBeLessThanOrEqual(Math.max(...xs) + 1e-12);
      }),
    );
  });

  it('of equal values is that value, in either pool', () => {
    expect(pooled([0.3, 0.3, 0.3], 'log')).toBeCloseTo(0.3, 12);
    expect(pooled([0.3, 0.3, 0.3], 'linear')).toBeCloseTo(0.3, 12);
  });
});

describe('what analysts write', () => {
  it('phrases and expressions are evaluated like --set before pooling', () => {
    const r = panel('linear', [
      { analyst: 'A', set: { p: 'likely' } },
      { analyst: 'B', set: { p: '0.1 * 2' } },
    ]);
    expect(r.parameters).toEqual([
      expect.objectContaining({ name: 'p', values: { A: 0.675, B: expect.closeTo(0.2, 12) } }),
    ]);
    expect(r.parameters[0]!.pooled).toBeCloseTo(0.4375, 12);
  });

  it('only parameters some analyst assessed are listed', () => {
    const r = panel('linear', [{ analyst: 'A', set: { cost: 8 } }]);
    expect(r.parameters.map((p) => p.name)).toEqual(['cost']);
    expect(r.agreement).toBe(1);
  });

  it('an analyst’s bad value is an error naming the analyst', () => {
    const r = poolPanel(scenario, [{ analyst: 'East desk', set: { p: 'likley' } }], 'linear');
    expect(!r.ok && r.errors[0]!.message).toMatch(/^East desk's assessment: cannot set 'p'/);
  });
});
