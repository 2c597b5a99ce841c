import { outcomeSpread } from '../../src/engine/outcome-spread';
import { fixture, scenarioOf } from '../helpers/scenario';

describe('outcome spread per option', () => {
  const wildcatter = scenarioOf(fixture('oil-wildcatter.yaml'));

  it('weights the end states an option leads to by their chances, later decisions as the policy takes them', () => {
    const r = outcomeSpread(wildcatter);
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const noTest = r.value.find((o) => o.id === 'no-test')!;
    // Drill: dry 0.5 -> -70, wet 0.3 -> 50, soaking 0.2 -> 200 (the drilling cost on the path).
    expect(noTest).toMatchObject({ worst: -70, p5: -70, p50: -70, p95: 200, best: 200 });
  });

  it('includes the root option’s own payoff in every path (the test costs 10)', () => {
    const r = outcomeSpread(wildcatter);
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const test = r.value.find((o) => o.id === 'seismic-test')!;
    expect(test.worst).toBe(-80);
    expect(test.best).toBe(190);
  });

  it('is empty when the root is not a decision', () => {
    const chance = scenarioOf(
      'title: T\nroot:\n  type: chance\n  label: C\n  branches:\n    - { label: A, probability: 0.5, type: outcome, payoff: 1 }\n    - { label: B, probability: "#", type: outcome, payoff: 0 }\n',
    );
    const r = outcomeSpread(chance);
    expect(r.ok && r.value).toEqual([]);
  });
});
