import type { Sensitivity, Simulation } from '../../src/engine';
import { bottomLine, bottomLineText } from '../../src/present';

const options = (...scores: number[]) =>
  scores.map((score, i) => ({ id: `o${i}`, label: `Option ${i}`, score }));

/** A sensitivity with one probability input whose break-evens are at `values`. */
function analysis(values: number[], base = 0.6): Sensitivity {
  return {
    base: 0,
    choice: 'o0',
    options: [],
    parameters: [
      {
        name: 'p_far',
        kind: 'parameter',
        label: 'P(far)',
        base: 0.5,
        low: 0,
        high: 1,
        unit: null,
        probability: true,
        score_low: 0,
        score_high: 1,
        choice_low: 'o0',
        choice_high: 'o1',
        swing: 1,
        threshold: 0.95,
        thresholds: [{ value: 0.95, below: 'o0', above: 'o1' }],
        problems: [],
      },
      {
        name: 'p_near',
        kind: 'parameter',
        label: 'P(near)',
        base,
        low: 0.2,
        high: 0.8,
        unit: null,
        probability: true,
        score_low: 0,
        score_high: 1,
        choice_low: 'o1',
        choice_high: 'o0',
        swing: 0.5,
        threshold: values[0] ?? null,
        thresholds: values.map((value) => ({ value, below: 'o1', above: 'o0' })),
        problems: [],
      },
    ],
  };
}

describe('the bottom line', () => {
  it('recommends with the margin over the runner-up and the nearest tipping point', () => {
    const b = bottomLine({ choice: 'o0', options: options(3, 2, 1) }, analysis([0.5]));
    expect(b.verdict).toBe('recommended');
    expect(b.margin).toBe(1);
    expect(b.score_range).toBe(2);
    expect(b.margin_share).toBe(0.5);
    // 0.1 away on a range of 0.6 (17%) is nearer than 0.45 away on a range of 1.
    expect(b.tipping_point).toMatchObject({
      name: 'p_near',
      value: 0.5,
      direction: 'below',
      becomes: { id: 'o1', label: 'Option 1' },
    });
    expect(b.tipping_point!.distance).toBeCloseTo(1 / 6);
    const t = bottomLineText(b);
    expect(t.label).toBe('Recommended');
    expect(t.margin).toBe(
      '1.0 ahead of Option 1 (2.0), 50% of the spread of end-state scores (2.0).',
    );
    expect(t.tippingPoint).toBe(
      'If P(near) (p_near) falls below 0.5 (roughly even chance) from its base of 0.6 (likely), a move of 17% of its range, Option 1 becomes best.',
    );
  });

  it('is too close to call when the lead is under 5% of the spread of the scores', () => {
    const b = bottomLine({ choice: 'o0', options: options(3, 2.96, 1) });
    expect(b.verdict).toBe('too-close-to-call');
    expect(b.reasons).toEqual(['margin']);
    const t = bottomLineText(b);
    expect(t.label).toBe('Too close to call');
    expect(t.headline).toBe('Option 0, narrowly ahead of Option 1');
    expect(t.caution).toMatch(/under 5% of the spread/);
    // At exactly 5% it is not.
    expect(bottomLine({ choice: 'o0', options: options(3, 2.9, 1) }).verdict).toBe('recommended');
  });

  it('is too close to call when options tie', () => {
    expect(bottomLine({ choice: 'o0', options: options(1, 1) }).verdict).toBe('too-close-to-call');
  });

  it('is too close to call when the simulation finds it best in under 60% of the draws', () => {
    const sim = (p: number) =>
      ({
        iterations: 1000,
        seed: 1,
        sampled: [],
        best_in_expectation: 'o0',
        evpi: 0,
        options: [{ id: 'o0', label: 'Option 0', p_best: p }],
      }) as unknown as Simulation;
    const close = bottomLine({ choice: 'o0', options: options(3, 1) }, null, sim(0.59));
    expect(close.verdict).toBe('too-close-to-call');
    expect(close.reasons).toEqual(['p-best']);
    expect(bottomLineText(close).pBest).toBe(
      'Option 0 is best in 0.59 (likely) of 1000 simulation draws of the uncertain inputs.',
    );
    expect(bottomLine({ choice: 'o0', options: options(3, 1) }, null, sim(0.6)).verdict).toBe(
      'recommended',
    );
  });

  it('has nothing to recommend when the root is not a decision', () => {
    const b = bottomLine({ choice: null, options: [] });
    expect(b.verdict).toBe('no-decision');
    expect(bottomLineText(b).label).toBeNull();
  });

  it('says so when nothing changes the recommendation', () => {
    const b = bottomLine({ choice: 'o0', options: options(3, 1) }, analysis([]));
    expect(b.tipping_point!.name).toBe('p_far');
    const none = bottomLine(
      { choice: 'o0', options: options(3, 1) },
      { ...analysis([]), parameters: [] },
    );
    expect(bottomLineText(none).tippingPoint).toBe(
      'No input changes the recommendation within its range.',
    );
  });
});

describe('the bottom line without a sensitivity analysis', () => {
  it('says nothing of a tipping point it did not look for', () => {
    const b = bottomLine({ choice: 'o0', options: options(3, 1) });
    expect(b.searched).toBe(false);
    expect(bottomLineText(b).tippingPoint).toBeNull();
    expect(bottomLineText(b).items.map((i) => i.label)).toEqual(['Margin']);
  });
});
