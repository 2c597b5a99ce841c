import { evaluate } from '../../src/engine';
import { evaluated, evaluationErrors, fixture, scenarioOf } from '../helpers/scenario';

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('policies shared between evaluations', () => {
  const scenario = scenarioOf(fixture('oil-wildcatter.yaml'));

  it('gives evaluations that choose alike the same frozen policy, and others their own', () => {
    const a = evaluated(scenario, { set: { p_dry: 0.5 } });
    const b = evaluated(scenario, { set: { p_dry: 0.52 } });
    expect(b.score).not.toBe(a.score);
    expect(b.policy).toBe(a.policy);
    expect(Object.isFrozen(a.policy) && Object.isFrozen(a.policy[0])).toBe(true);

    // Nearly always dry: drilling blind loses, and after no structure nobody drills.
    const dry = evaluated(scenario, { set: { p_dry: 0.95, p_wet: 0.03 } });
    expect(dry.policy).not.toBe(a.policy);
    expect(dry.policy.find((p) => p.path === 'test-first/no-test')?.choice).toBe('do-not-drill');
    // And back: the first policy is found again, as it was.
    const again = evaluated(scenario, { set: { p_dry: 0.49 } });
    expect(again.policy).toBe(a.policy);
    expect(again.policy.map((p) => p.choice)).toEqual([
      'seismic-test',
      'do-not-drill',
      'drill',
      'drill',
      'drill',
    ]);
  });
});

describe('oil wildcatter with a seismic test (Raiffa)', () => {
  const scenario = scenarioOf(fixture('oil-wildcatter.yaml'));
  const e = evaluated(scenario);

  it('recommends testing first, worth 22.5 against 20 for drilling blind', () => {
    expect(e.choice).toBe('seismic-test');
    expect(e.score).toBeCloseTo(22.5, 9);
    expect(e.options.map((o) => [o.id, Number(o.score.toFixed(9))])).toEqual([
      ['seismic-test', 22.5],
      ['no-test', 20],
    ]);
  });

  it('drills after an open or closed structure and not after no structure', () => {
    expect(e.policy).toEqual([
      { path: 'test-first', choice: 'seismic-test' },
      { path: 'test-first/seismic-test/no-structure', choice: 'do-not-drill' },
      { path: 'test-first/seismic-test/open-structure', choice: 'drill' },
      { path: 'test-first/seismic-test/closed-structure', choice: 'drill' },
      { path: 'test-first/no-test', choice: 'drill' },
    ]);
  });

  it('spans every end state, reached or not, in score_range: dry after testing to soaking blind', () => {
    // -10 (test) - 70 (drill) + 0 (dry) = -80; -70 + 270 = 200 drilling blind into a soaking field.
    expect(e.score_range).toEqual({ min: -80, max: 200 });
  });

  it('lists the outcomes reached under the policy with probabilities summing to 1', () => {
    expect(sum(e.outcomes.map((o) => o.probability))).toBeCloseTo(1, 12);
    const notDrilled = e.outcomes.find(
      (o) => o.path === 'test-first/seismic-test/no-structure/do-not-drill',
    );
    expect(notDrilled?.probability).toBeCloseTo(0.41, 12);
    expect(notDrilled?.payoff).toEqual({ value: -10 });
    const soaking = e.outcomes.find(
      (o) => o.path === 'test-first/seismic-test/closed-structure/drill/soaking',
    );
    // P(closed and soaking) = 0.2 * 0.5; the path sums test cost, drilling cost and the find.
    expect(soaking?.probability).toBeCloseTo(0.1, 12);
    expect(soaking?.payoff).toEqual({ value: -10 - 70 + 270 });
    expect(e.outcomes.some((o) => o.path.startsWith('test-first/no-test'))).toBe(false);
  });

  it('computes the expected score as the probability-weighted sum of outcome scores', () => {
    expect(sum(e.outcomes.map((o) => o.probability * o.score))).toBeCloseTo(e.score, 9);
  });

  it('flips to drilling blind when the test costs more than it is worth', () => {
    const yaml = fixture('oil-wildcatter.yaml').replace('payoff: -10', 'payoff: -13');
    const dear = evaluated(scenarioOf(yaml));
    expect(dear.choice).toBe('no-test');
    expect(dear.score).toBeCloseTo(20, 9);
  });
});

describe('multiple criteria', () => {
  const yaml = JSON.stringify({
    title: 'Cheap or safe',
    criteria: [
      { id: 'safety', weight: 1, direction: 'max' },
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
  });
  const scenario = scenarioOf(yaml);

  it('normalises weights and subtracts a min criterion', () => {
    const e = evaluated(scenario);
    // Safe: 0.5*8 - 0.5*6 = 1; Cheap: 0.5*4 - 0.5*1 = 1.5.
    expect(e.options.map((o) => o.score)).toEqual([1, 1.5]);
    expect(e.choice).toBe('cheap');
    expect(e.criteria.map((c) => c.normalized_weight)).toEqual([0.5, 0.5]);
    expect(e.expected).toEqual({ safety: 4, cost: 1 });
  });

  it('flips the choice when the safety weight rises', () => {
    const e = evaluated(scenario, { weight: { safety: 3 } });
    // Safe: (3*8 - 6)/4 = 4.5; Cheap: (3*4 - 1)/4 = 2.75.
    expect(e.choice).toBe('safe');
    expect(e.score).toBeCloseTo(4.5, 12);
    expect(e.criteria[0]).toMatchObject({ id: 'safety', weight: 3, normalized_weight: 0.75 });
  });

  it('rejects weights that sum to zero', () => {
    const errors = evaluationErrors(scenario, { weight: { safety: 0, cost: 0 } });
    expect(errors.map((d) => d.code)).toEqual(['ZERO_TOTAL_WEIGHT']);
  });

  it('rejects a weight for an unknown criterion and names it', () => {
    const errors = evaluationErrors(scenario, { weight: { safty: 2 } });
    expect(errors[0]).toMatchObject({ code: 'UNKNOWN_CRITERION', path: 'safty' });
    expect(errors[0]!.message).toContain('safety');
  });

  it('rejects a negative weight', () => {
    expect(evaluationErrors(scenario, { weight: { cost: -1 } })[0]).toMatchObject({
      code: 'BAD_OVERRIDE',
      path: 'cost',
    });
  });
});

describe('payoffs', () => {
  it('accepts payoff 0 as "adds nothing" whatever the number of criteria', () => {
    const e = evaluated(
      scenarioOf(
        JSON.stringify({
          title: 'Zero',
          criteria: [{ id: 'a' }, { id: 'b', direction: 'min' }],
          root: { type: 'outcome', label: 'Nothing happens', payoff: 0 },
        }),
      ),
    );
    expect(e.expected).toEqual({ a: 0, b: 0 });
  });
});

describe('ties', () => {
  const tied = (a: number, b: number) =>
    scenarioOf(
      JSON.stringify({
        title: 'Tie',
        root: {
          type: 'decision',
          label: 'Pick',
          options: [
            { label: 'First', type: 'outcome', payoff: a },
            { label: 'Second', type: 'outcome', payoff: b },
          ],
        },
      }),
    );

  it('takes the first listed of two equal options', () => {
    expect(evaluated(tied(5, 5)).choice).toBe('first');
  });

  it('treats scores within 1e-9 relative as tied', () => {
    expect(evaluated(tied(1000, 1000 + 1e-7)).choice).toBe('first');
    expect(evaluated(tied(1000, 1000 + 1e-5)).choice).toBe('second');
  });

  it('treats 0.1 + 0.2 and 0.3 as tied', () => {
    expect(evaluated(tied(0.3, 0.1 + 0.2)).choice).toBe('first');
  });
});

describe('subtrees and payoffs along the path', () => {
  const yaml = JSON.stringify({
    title: 'Shared ladder',
    subtrees: {
      ladder: {
        type: 'chance',
        label: 'Ladder',
        branches: [
          { label: 'Up', probability: 0.25, type: 'outcome', payoff: 10 },
          { label: 'Down', probability: '#', type: 'outcome', payoff: -2 },
        ],
      },
    },
    root: {
      type: 'decision',
      label: 'Root',
      payoff: 1,
      options: [
        { label: 'A', use: 'ladder', payoff: 3 },
        { label: 'B', use: 'ladder' },
      ],
    },
  });
  const e = evaluated(scenarioOf(yaml));

  it('evaluates each use as its own copy with its own path', () => {
    // Ladder: 0.25*10 + 0.75*(-2) = 1; A adds 3; the root adds 1 to both.
    expect(e.options).toEqual([
      { id: 'a', label: 'A', score: 5, expected: { value: 5 } },
      { id: 'b', label: 'B', score: 2, expected: { value: 2 } },
    ]);
    expect(e.outcomes.map((o) => o.path)).toEqual(['root/a/up', 'root/a/down']);
  });

  it('sums payoffs from the root to each outcome', () => {
    expect(e.outcomes.map((o) => o.payoff.value)).toEqual([1 + 3 + 10, 1 + 3 - 2]);
    expect(e.score).toBe(5);
  });
});

describe('a root that is a chance node', () => {
  it('has no options and a null choice', () => {
    const s = scenarioOf(
      JSON.stringify({
        title: 'Lottery',
        root: {
          type: 'chance',
          label: 'Draw',
          branches: [
            { label: 'Win', probability: 0.1, type: 'outcome', payoff: 100 },
            { label: 'Lose', probability: 0.9, type: 'outcome', payoff: 0 },
          ],
        },
      }),
    );
    const e = evaluated(s);
    expect(e.options).toEqual([]);
    expect(e.choice).toBeNull();
    expect(e.policy).toEqual([]);
    expect(e.score).toBeCloseTo(10, 12);
  });
});

describe('probabilities', () => {
  const chance = (
    p1: number | string,
    p2: number | string,
    parameters: Record<string, unknown> = {},
  ) =>
    scenarioOf(
      JSON.stringify({
        title: 'Coin',
        parameters,
        root: {
          type: 'chance',
          label: 'Toss',
          branches: [
            { label: 'Heads', probability: p1, type: 'outcome', payoff: 1 },
            { label: 'Tails', probability: p2, type: 'outcome', payoff: 0 },
          ],
        },
      }),
    );

  it('rejects probabilities that sum to 1.1 and names the node and the sum', () => {
    const [d, ...rest] = evaluationErrors(chance(0.6, 0.5));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'PROBABILITY_SUM', path: 'toss' });
    expect(d!.message).toContain('1.1');
  });

  it('accepts a sum that is off by less than 1e-6 and rejects one off by more', () => {
    expect(evaluate(chance(0.5, 0.5000005)).ok).toBe(true);
    expect(evaluate(chance(0.5, 0.500002)).ok).toBe(false);
  });

  it('rejects a "#" complement that would be negative', () => {
    const s = scenarioOf(
      JSON.stringify({
        title: 'Die',
        root: {
          type: 'chance',
          label: 'Roll',
          branches: [
            { label: 'Low', probability: 0.7, type: 'outcome', payoff: 1 },
            { label: 'High', probability: 0.6, type: 'outcome', payoff: 2 },
            { label: 'Other', probability: '#', type: 'outcome', payoff: 3 },
          ],
        },
      }),
    );
    const errors = evaluationErrors(s);
    expect(errors.map((d) => [d.code, d.path])).toEqual([['PROBABILITY_SUM', 'roll']]);
    expect(errors[0]!.message).toContain('-0.3');
  });

  it('rejects a probability parameter above 1 and names the branch', () => {
    expect(evaluationErrors(chance('p', '#', { p: 1.3 }))[0]).toMatchObject({
      code: 'PROBABILITY_RANGE',
      path: 'toss/heads',
    });
  });

  it('rejects an expression probability outside [0, 1] and names the branch', () => {
    const errors = evaluationErrors(chance('p * 2', '1 - p * 2', { p: 0.6 }));
    expect(errors.map((d) => [d.code, d.path])).toEqual([
      ['PROBABILITY_RANGE', 'toss/heads'],
      ['PROBABILITY_RANGE', 'toss/tails'],
    ]);
  });

  it('reports an expression that divides by zero as not finite', () => {
    const errors = evaluationErrors(chance('1 / p', '#', { p: 0 }));
    expect(errors[0]).toMatchObject({ code: 'NOT_FINITE', path: 'toss/heads' });
  });

  it('reads a probability that is a bare parameter name from the values, not through its closure', () => {
    const s = chance('p', '#', { p: 0.3 });
    const heads = s.root.children[0]!.probability!;
    if (heads.kind !== 'expression') throw new Error('expected an expression');
    expect(heads.expression.parameter).toBe(0);
    const spy = jest.spyOn(heads.expression, 'evaluate');
    expect(evaluated(s, { set: { p: 0.25 } }).score).toBe(0.25);
    expect(spy).not.toHaveBeenCalled();
    expect(evaluationErrors(s, { set: { p: 'log(0)' } })[0]).toMatchObject({
      code: 'NOT_FINITE',
      path: 'p',
    });
    expect(evaluationErrors(chance('p', '#', { p: 0 }), { set: { p: 1.5 } })[0]).toMatchObject({
      code: 'PROBABILITY_RANGE',
      path: 'toss/heads',
    });
  });

  it('never renormalises: an override that breaks the sum is an error', () => {
    const s = chance('p', 'q', { p: 0.5, q: 0.5 });
    expect(evaluated(s).score).toBe(0.5);
    expect(evaluationErrors(s, { set: { p: 0.7 } })[0]).toMatchObject({ code: 'PROBABILITY_SUM' });
  });
});

describe('parameter overrides', () => {
  const s = scenarioOf(
    JSON.stringify({
      title: 'Overrides',
      parameters: { p: 0.2, q: '1 - p', gain: { value: 10, range: [5, 20] } },
      root: {
        type: 'chance',
        label: 'Root',
        branches: [
          { label: 'Yes', probability: 'p', type: 'outcome', payoff: 'gain' },
          { label: 'No', probability: 'q', type: 'outcome', payoff: 0 },
        ],
      },
    }),
  );

  it('re-evaluates dependent parameters after a number override', () => {
    const e = evaluated(s, { set: { p: 0.5 } });
    expect(e.parameters).toEqual({ p: 0.5, q: 0.5, gain: 10 });
    expect(e.score).toBe(5);
  });

  it('accepts an expression override over other parameters', () => {
    expect(evaluated(s, { set: { gain: 'p * 100' } }).score).toBeCloseTo(0.2 * 20, 12);
  });

  it('does not change the scenario: a later evaluation without overrides is the base case', () => {
    evaluated(s, { set: { p: 0.9 } });
    expect(evaluated(s).score).toBeCloseTo(2, 12);
  });

  it('rejects an unknown parameter and lists the known ones', () => {
    const [d] = evaluationErrors(s, { set: { r: 1 } });
    expect(d).toMatchObject({ code: 'UNKNOWN_PARAMETER', path: 'r', line: null });
    expect(d!.message).toContain('p, q, gain');
  });

  it('evaluates parameters written before those they read, whatever numbers are set', () => {
    // Declared in the reverse of their evaluation order: number overrides reuse the file's order.
    const chain = scenarioOf(
      JSON.stringify({
        title: 'Chain',
        parameters: { a: 'b + 1', b: 'c * 2', c: 0.25, d: 0.1 },
        root: { type: 'outcome', label: 'End', payoff: 'a + d' },
      }),
    );
    expect(evaluated(chain).parameters).toEqual({ a: 1.5, b: 0.5, c: 0.25, d: 0.1 });
    expect(evaluated(chain, { set: { c: 1 } }).parameters).toEqual({ a: 3, b: 2, c: 1, d: 0.1 });
    expect(evaluated(chain, { set: { b: 4, d: 'very likely' } }).parameters).toEqual({
      a: 5,
      b: 4,
      c: 0.25,
      d: 0.875,
    });
    // An expression override brings its own order, and the next number override the file's.
    expect(evaluated(chain, { set: { c: 'd * 10' } }).parameters).toEqual({
      a: 3,
      b: 2,
      c: 1,
      d: 0.1,
    });
    expect(evaluated(chain, { set: { d: 0.3 } }).score).toBeCloseTo(1.8, 12);
  });

  it('rejects an override that makes a cycle', () => {
    expect(evaluationErrors(s, { set: { p: 'q' } })[0]).toMatchObject({ code: 'PARAMETER_CYCLE' });
  });

  it('rejects an override expression with a forbidden form', () => {
    expect(evaluationErrors(s, { set: { p: 'import("fs")' } })[0]).toMatchObject({
      code: 'BAD_OVERRIDE',
      path: 'p',
    });
  });

  it('rejects a non-finite number', () => {
    expect(evaluationErrors(s, { set: { p: Number.NaN } })[0]).toMatchObject({
      code: 'BAD_OVERRIDE',
      path: 'p',
    });
  });
});

describe('ties on whole-path scores', () => {
  it('applies the tie tolerance to option scores that include the payoffs above them', () => {
    // Whole-path scores 1000001 and 1000001.0005 tie (1e-9 relative); subtree scores 1 and
    // 1.0005 would not. The first listed wins, as the reported scores say it should.
    const e = evaluated(
      scenarioOf(
        JSON.stringify({
          title: 'Big root payoff',
          root: {
            type: 'decision',
            label: 'Pick',
            payoff: 1_000_000,
            options: [
              { label: 'First', type: 'outcome', payoff: 1 },
              { label: 'Second', type: 'outcome', payoff: 1.0005 },
            ],
          },
        }),
      ),
    );
    expect(e.options.map((o) => o.score)).toEqual([1000001, 1000001.0005]);
    expect(e.choice).toBe('first');
  });
});

describe('literal probability overrides', () => {
  const s = scenarioOf(
    JSON.stringify({
      title: 'Coin',
      parameters: { p: 0.5 },
      root: {
        type: 'chance',
        label: 'Toss',
        branches: [
          { label: 'Heads', probability: 0.5, type: 'outcome', payoff: 1 },
          { label: 'Tails', probability: '#', type: 'outcome', payoff: 0 },
          { label: 'Edge', probability: 'p * 0', type: 'outcome', payoff: 100 },
        ],
      },
    }),
  );

  it('replaces a literal branch probability, the "#" branch taking the rest', () => {
    const e = evaluated(s, { probability: { 'toss/heads': 0.8 } });
    expect(e.score).toBeCloseTo(0.8, 12);
    expect(e.outcomes.map((o) => [o.path, o.probability])).toEqual([
      ['toss/heads', 0.8],
      ['toss/tails', expect.closeTo(0.2, 12)],
    ]);
  });

  it('refuses a path that is not a branch, a "#" branch and a computed probability, naming each', () => {
    const errors = evaluationErrors(s, {
      probability: { 'toss/nope': 0.1, 'toss/tails': 0.5, 'toss/edge': 0.1 },
    });
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['BAD_OVERRIDE', 'toss/nope'],
      ['BAD_OVERRIDE', 'toss/tails'],
      ['BAD_OVERRIDE', 'toss/edge'],
    ]);
  });

  it('refuses a probability outside [0, 1]', () => {
    expect(evaluationErrors(s, { probability: { 'toss/heads': 1.5 } })[0]).toMatchObject({
      code: 'PROBABILITY_RANGE',
      path: 'toss/heads',
    });
  });
});
