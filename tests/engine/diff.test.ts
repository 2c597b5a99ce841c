import { evaluate } from '../../src/engine';
import { diffScenarios, isEmptyDiff } from '../../src/engine/diff';
import { formatDiff } from '../../src/present/diff-text';
import { scenarioOf } from '../helpers/scenario';

/** FORMAT.md section 11. */
const BASE = `title: Versions
criteria:
  - { id: gain, weight: 1 }
  - { id: cost, weight: 1, direction: min }
parameters:
  p: 0.6
root:
  type: decision
  label: Choose
  options:
    - label: Gamble
      type: chance
      branches:
        - { label: Win, type: outcome, probability: p, payoff: { gain: 10 } }
        - { label: Lose, type: outcome, probability: "#", payoff: { gain: 0 } }
    - { label: Safe, type: outcome, payoff: { gain: 4 } }
`;

/** BASE with a new option whose subtree has a decision and three leaves. */
const ADDED = BASE.replace(
  '    - { label: Safe,',
  `    - label: Wait
      type: chance
      payoff: { cost: 1 }
      branches:
        - label: News
          probability: 0.5
          type: decision
          options:
            - { label: Act, type: outcome, payoff: { gain: 9 } }
            - { label: Stop, type: outcome, payoff: { gain: 0 } }
        - { label: Silence, type: outcome, probability: "#", payoff: { gain: 1 } }
    - { label: Safe,`,
);

function side(text: string) {
  const scenario = scenarioOf(text);
  const evaluation = evaluate(scenario);
  if (!evaluation.ok) throw new Error('expected an evaluation');
  return { scenario, evaluation: evaluation.value };
}

describe('diffScenarios', () => {
  it('finds nothing between a scenario and itself', () => {
    const d = diffScenarios(side(BASE), side(BASE));
    expect(d).toMatchObject({
      inputs: [],
      weights: [],
      policy: [],
      structure: { added: [], removed: [] },
      choice: { a: 'gamble', b: 'gamble', changed: false },
    });
    expect(d.options.map((o) => o.delta)).toEqual([0, 0]);
    expect(isEmptyDiff(d)).toBe(true);
    expect(formatDiff(d, 'a.yaml', 'b.yaml')).toContain(
      'No differences in inputs, weights, policy or structure.',
    );
  });

  it('names an added subtree by its top node only, with its option and policy', () => {
    const d = diffScenarios(side(BASE), side(ADDED));
    expect(d.structure).toEqual({ added: ['choose/wait'], removed: [] });
    // A's options first, then those only B has. Wait: 0.5 * 9 + 0.5 * 1 = 5 gain, 1 cost; score (5 - 1) / 2 = 2.
    expect(d.options).toEqual([
      { id: 'gamble', a: 3, b: 3, delta: 0 },
      { id: 'safe', a: 2, b: 2, delta: 0 },
      { id: 'wait', a: null, b: 2, delta: null },
    ]);
    expect(d.policy).toEqual([{ path: 'choose/wait/news', a: null, b: 'act' }]);
    expect(d.choice.changed).toBe(false);
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('names a removed subtree by its top node only', () => {
    const d = diffScenarios(side(ADDED), side(BASE));
    expect(d.structure).toEqual({ added: [], removed: ['choose/wait'] });
    expect(d.policy).toEqual([{ path: 'choose/wait/news', a: 'act', b: null }]);
  });

  it('lists a leaf added inside an existing node, and renamed nodes as removed and added', () => {
    const more = BASE.replace(
      '        - { label: Lose,',
      '        - { label: Draw, type: outcome, probability: 0.1, payoff: { gain: 5 } }\n        - { label: Lose,',
    ).replace('label: Safe', 'label: Sure');
    const d = diffScenarios(side(BASE), side(more));
    expect(d.structure).toEqual({
      added: ['choose/gamble/draw', 'choose/sure'],
      removed: ['choose/safe'],
    });
  });

  it('lists changed inputs and weights, option deltas and the decision change', () => {
    const b = BASE.replace('p: 0.6', 'p: 0.3').replace(
      '{ id: cost, weight: 1,',
      '{ id: cost, weight: 3,',
    );
    const d = diffScenarios(side(BASE), side(b));
    expect(d.inputs).toEqual([{ name: 'p', a: 0.6, b: 0.3 }]);
    expect(d.weights).toEqual([{ id: 'cost', a: 1, b: 3 }]);
    // A: Gamble 6/2 = 3, Safe 2. B: Gamble 3/4 = 0.75, Safe 4/4 = 1.
    expect(d.options).toEqual([
      { id: 'gamble', a: 3, b: 0.75, delta: -2.25 },
      { id: 'safe', a: 2, b: 1, delta: -1 },
    ]);
    expect(d.choice).toEqual({ a: 'gamble', b: 'safe', changed: true });
    expect(d.policy).toEqual([{ path: 'choose', a: 'gamble', b: 'safe' }]);
    const text = formatDiff(d, 'A.yaml', 'B.yaml');
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Comparing A.yaml (A) with B.yaml (B)',
      '',
      'Decision CHANGED: A recommends gamble, B recommends safe.',
    ]);
    // The decision first, then inputs, weights, option scores, policy.
    const order = ['Inputs:', 'Weights:', 'Option scores:', 'Policy:'].map((h) => text.indexOf(h));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(text).toContain('  p: 0.6 -> 0.3\n');
    expect(text).toContain('  gamble: 3 -> 0.75 (-2.3)\n');
  });

  it('treats the same number written two ways as equal', () => {
    const d = diffScenarios(side(BASE), side(BASE.replace('p: 0.6', 'p: "0.2 * 3"')));
    expect(d.inputs).toEqual([]);
  });
});
