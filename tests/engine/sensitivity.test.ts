import { sensitivity, spider, twoWay } from '../../src/engine';
import { scenarioOf } from '../helpers/scenario';

/** A gamble paying 10 with probability p against a sure `sure`: break-even at p = sure / 10. */
function gamble(options: { p?: unknown; sure?: number; complement?: boolean } = {}) {
  const p = options.p ?? {
    value: 0.3,
    range: [0, 1],
    label: 'the probability that the gamble pays',
  };
  return scenarioOf(
    JSON.stringify({
      title: 'Gamble or sure thing',
      parameters: { p },
      root: {
        type: 'decision',
        label: 'Choose',
        options: [
          {
            label: 'Gamble',
            type: 'chance',
            branches: [
              { label: 'Win', probability: 'p', type: 'outcome', payoff: 10 },
              {
                label: 'Lose',
                probability: options.complement ? '#' : '1 - p',
                type: 'outcome',
                payoff: options.complement ? 2 : 0,
              },
            ],
          },
          { label: 'Sure thing', type: 'outcome', payoff: options.sure ?? 4 },
        ],
      },
    }),
  );
}

function ok<T>(r: { ok: true; value: T } | { ok: false; errors: { message: string }[] }): T {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

describe('break-even thresholds', () => {
  it('finds the break-even probability of a gamble in closed form, to 1e-9 of the range', () => {
    const entry = ok(sensitivity(gamble())).parameters.find((p) => p.name === 'p')!;
    expect(Math.abs(entry.threshold! - 0.4)).toBeLessThan(1e-9);
    expect(entry.thresholds).toEqual([
      { value: entry.threshold, below: 'sure-thing', above: 'gamble' },
    ]);
  });

  it('accounts for a "#" complement fed by the parameter', () => {
    // Gamble: 10p + 2(1 - p) = 2 + 8p against 4: break-even at p = 0.25.
    const entry = ok(sensitivity(gamble({ complement: true }))).parameters.find(
      (p) => p.name === 'p',
    )!;
    expect(Math.abs(entry.threshold! - 0.25)).toBeLessThan(1e-9);
  });

  it('gives the data a statement is written from: options with their base scores', () => {
    const s = ok(sensitivity(gamble()));
    expect(s.choice).toBe('sure-thing');
    expect(s.options).toEqual([
      { id: 'gamble', label: 'Gamble', score: 3 },
      { id: 'sure-thing', label: 'Sure thing', score: 4 },
    ]);
    expect(s.parameters.find((p) => p.name === 'p')!.probability).toBe(true);
    expect(s.parameters.find((p) => p.name === 'weight:value')!.probability).toBe(false);
  });

  it('finds the weight at which a multi-criteria choice flips', () => {
    const s = scenarioOf(
      JSON.stringify({
        title: 'Cheap or safe',
        criteria: [
          { id: 'safety', weight: 1, weight_range: [0.5, 2] },
          { id: 'cost', weight: 1, direction: 'min' },
        ],
        root: {
          type: 'decision',
          label: 'Pick',
          options: [
            { label: 'Safe', type: 'outcome', payoff: { safety: 8, cost: 6 } },
            { label: 'Cheap', type: 'outcome', payoff: { safety: 4, cost: 1 } },
          ],
        },
      }),
    );
    // Safe: (8w - 6)/(w + 1), Cheap: (4w - 1)/(w + 1): equal at w = 1.25.
    const entry = ok(sensitivity(s)).parameters.find((p) => p.name === 'weight:safety')!;
    expect(entry).toMatchObject({
      kind: 'weight',
      low: 0.5,
      high: 2,
      choice_low: 'cheap',
      choice_high: 'safe',
    });
    expect(Math.abs(entry.threshold! - 1.25)).toBeLessThan(1e-9 * 1.5);
    // The cost weight gets the default range of +-50%.
    expect(ok(sensitivity(s)).parameters.find((p) => p.name === 'weight:cost')).toMatchObject({
      low: 0.5,
      high: 1.5,
    });
  });
});

describe('one-way sensitivity (tornado)', () => {
  const s = scenarioOf(
    JSON.stringify({
      title: 'Three inputs',
      parameters: {
        big: { value: 5, range: [0, 10] },
        small: { value: 1, range: [0.5, 1.5] },
        unused: { value: 3, range: [0, 6] },
      },
      root: {
        type: 'decision',
        label: 'Choose',
        options: [{ label: 'Only', type: 'outcome', payoff: 'big + small' }],
      },
    }),
  );

  it('sorts inputs by swing, largest first (ties in file order), with score and choice at each end', () => {
    const result = ok(sensitivity(s));
    expect(result.base).toBe(6);
    expect(result.parameters.map((p) => [p.name, p.swing])).toEqual([
      ['big', 10],
      ['small', 1],
      ['unused', 0],
      ['weight:value', 0],
    ]);
    expect(result.parameters[0]).toMatchObject({
      low: 0,
      high: 10,
      score_low: 1,
      score_high: 11,
      choice_low: 'only',
      choice_high: 'only',
      threshold: null,
    });
  });

  it('reports an end of a range where the tree is invalid instead of failing', () => {
    const entry = ok(sensitivity(gamble({ p: { value: 0.3, range: [0, 1.2] } }))).parameters.find(
      (p) => p.name === 'p',
    )!;
    expect(entry.score_high).toBeNull();
    expect(entry.problems[0]).toContain('at 1.2');
    expect(Math.abs(entry.threshold! - 0.4)).toBeLessThan(1e-9);
  });
});

describe('spider and two-way analyses', () => {
  it('gives each option its score across the range', () => {
    const result = ok(spider(gamble(), 'p', 5));
    expect(result.values).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(result.options).toEqual([
      { id: 'gamble', label: 'Gamble', scores: [0, 2.5, 5, 7.5, 10] },
      { id: 'sure-thing', label: 'Sure thing', scores: [4, 4, 4, 4, 4] },
    ]);
    expect(result.choice).toEqual(['sure-thing', 'sure-thing', 'gamble', 'gamble', 'gamble']);
  });

  it('maps which option wins over a grid of two inputs', () => {
    const withSure = scenarioOf(
      JSON.stringify({
        title: 'Two inputs',
        parameters: { p: { value: 0.3, range: [0, 1] }, sure: { value: 4, range: [0, 10] } },
        root: {
          type: 'decision',
          label: 'Choose',
          options: [
            {
              label: 'Gamble',
              type: 'chance',
              branches: [
                { label: 'Win', probability: 'p', type: 'outcome', payoff: 10 },
                { label: 'Lose', probability: '#', type: 'outcome', payoff: 0 },
              ],
            },
            { label: 'Sure thing', type: 'outcome', payoff: 'sure' },
          ],
        },
      }),
    );
    const grid = ok(twoWay(withSure, 'p', 'sure', 3));
    expect(grid.xValues).toEqual([0, 0.5, 1]);
    expect(grid.yValues).toEqual([0, 5, 10]);
    // The gamble wins where 10p > sure (first listed on a tie).
    expect(grid.choice).toEqual([
      ['gamble', 'gamble', 'gamble'],
      ['sure-thing', 'gamble', 'gamble'],
      ['sure-thing', 'sure-thing', 'gamble'],
    ]);
  });

  it('names the input when it does not exist or has no range', () => {
    const missing = spider(gamble(), 'q');
    expect(missing.ok ? null : missing.errors[0]).toMatchObject({
      code: 'UNKNOWN_PARAMETER',
      path: 'q',
    });
    const s = scenarioOf(
      JSON.stringify({
        title: 'T',
        parameters: { x: 1 },
        root: { type: 'outcome', label: 'Leaf', payoff: 'x' },
      }),
    );
    const unranged = spider(s, 'x');
    expect(unranged.ok ? null : unranged.errors[0]!.message).toContain('has no range');
  });
});
