import { loadScenario } from '../../src/load';

const scenario = (distribution: string) =>
  [
    'title: T',
    'criteria:',
    '  - id: gain',
    `    weight_distribution: "${distribution}"`,
    'root: { type: outcome, label: A, payoff: { gain: 1 } }',
    '',
  ].join('\n');

describe('criteria', () => {
  it('keep a weight distribution for the simulation', () => {
    const r = loadScenario(scenario('uniform(0.5, 1.5)'), 't.yaml');
    expect(r.ok && r.scenario.criteria[0]!.weightDistribution).toBe('uniform(0.5, 1.5)');
  });

  it('refuse a weight distribution that cannot be read, at its line and column', () => {
    const r = loadScenario(scenario('uniform(1)'), 't.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: 'BAD_DISTRIBUTION', line: 4, column: 26 });
  });
});
