import { checkExpectations, type ExpectationCheck } from '../../src/engine/expectations';
import { loadScenario } from '../../src/load';
import { counterexampleJson, expectationMessage } from '../../src/present/expectation-text';
import { scenarioOf } from '../helpers/scenario';

/**
 * FORMAT.md section 7 on a tree small enough to solve by hand: Safe pays 4.2 for sure; Risky
 * pays `prize` with probability p, else 0. So Risky scores p * prize, Safe 4.2, Risky leads by
 * p * prize - 4.2, and at prize 10 the break-even is p = 0.42.
 */
function gamble(expect: string): string {
  return `title: Gamble
parameters:
  p: { value: 0.625, range: [0.25, 0.75] }
  prize: 10
root:
  type: decision
  label: Choose
  options:
    - { label: Safe, type: outcome, payoff: 4.2 }
    - label: Risky
      type: chance
      branches:
        - { label: Win, type: outcome, probability: p, payoff: prize }
        - { label: Lose, type: outcome, probability: "#", payoff: 0 }
expect:
${expect}
`;
}

/** The one expectation of a scenario, checked. */
function check(expect: string, text = gamble(expect)): ExpectationCheck {
  const checks = checkExpectations(scenarioOf(text));
  expect_(checks).toHaveLength(1);
  return checks[0]!;
}
const expect_ = expect;

describe('best and margin at the base case (p 0.625, prize 10: Risky 6.25, Safe 4.2)', () => {
  it('best holds for the option that wins', () => {
    const c = check('  - best: risky');
    expect(c).toMatchObject({ ok: true, counterexample: null, boundaries: [] });
    expect(expectationMessage(c)).toBe('holds: best is risky');
    expect(counterexampleJson(c)).toBeNull();
  });

  it('best fails for the other, at the base case, naming the option found there', () => {
    const c = check('  - best: safe');
    expect(c.ok).toBe(false);
    expect(c.counterexample).toMatchObject({ values: {}, choice: 'risky' });
    expect(c.counterexample!.margin).toBeCloseTo(2.05, 12);
    expect(expectationMessage(c)).toBe('best is safe: fails at the base case: risky is best there');
    expect(counterexampleJson(c)).toEqual({});
  });

  it('margin holds when the lead is at least the margin (2.05 >= 2)', () => {
    expect(check('  - margin: 2').ok).toBe(true);
    expect(check('  - { best: risky, margin: 2.05 }').ok).toBe(true);
  });

  it('margin fails when the lead is smaller, saying by how much it leads', () => {
    const c = check('  - margin: 2.5');
    expect(c.ok).toBe(false);
    expect(expectationMessage(c)).toBe(
      'the best option leads by >= 2.5: fails at the base case: risky leads by only 2.05 there',
    );
  });

  it('best and margin together fail on either', () => {
    expect(check('  - { best: safe, margin: 1 }').ok).toBe(false);
    expect(check('  - { best: risky, margin: 3 }').ok).toBe(false);
    expect(expectationMessage(check('  - { best: risky, margin: 3 }'))).toBe(
      'best is risky and risky leads by >= 3: fails at the base case: risky leads by only 2.05 there',
    );
  });
});

describe('given: at a point, like --set', () => {
  it('holds where the point makes it true (p 0.3: Risky 3 < Safe 4.2)', () => {
    expect(check('  - { best: safe, given: { p: 0.3 } }').ok).toBe(true);
  });

  it('fails with the point as the counterexample', () => {
    const c = check('  - { best: risky, given: { p: 0.3 } }');
    expect(c.ok).toBe(false);
    expect(c.counterexample).toMatchObject({ values: { p: 0.3 }, choice: 'safe' });
    expect(counterexampleJson(c)).toEqual({ p: 0.3 });
    expect(expectationMessage(c)).toBe(
      'best is risky given p = 0.3: fails at p = 0.3: safe is best there',
    );
  });

  it('takes expressions and phrases, evaluated like --set', () => {
    // likely = 0.675: Risky 6.75; "p0 / 2" is not allowed (p0 unknown) but "0.1 * 3" is.
    expect(check('  - { best: risky, given: { p: likely } }').ok).toBe(true);
    const c = check('  - { best: risky, given: { p: "0.1 * 3" } }');
    expect(c.ok).toBe(false);
    expect(c.counterexample!.values.p).toBeCloseTo(0.3, 12);
  });
});

/**
 * Break-evens are found to within the tie tolerance: scores within 1e-9 of each other tie, and a
 * tie goes to the first listed option, so 8 decimals is what "exact" can mean here.
 */
describe('while, one input: exact, from the break-even', () => {
  it('holds over an interval on the right side of the break-even', () => {
    expect(check('  - { best: risky, while: { p: [0.5, 0.75] } }').ok).toBe(true);
    expect(check('  - { best: safe, while: { p: [0, 0.4] } }').ok).toBe(true);
  });

  it('fails below the break-even p = 4.2 / prize = 0.42', () => {
    const c = check('  - { best: risky, while: { p: [0.25, 0.75] } }');
    expect(c.ok).toBe(false);
    expect(c.boundaries).toHaveLength(1);
    expect(c.boundaries[0]).toMatchObject({ input: 'p', side: 'below' });
    expect(c.boundaries[0]!.value).toBeCloseTo(0.42, 8);
    expect(c.counterexample!.choice).toBe('safe');
    expect(c.counterexample!.values.p).toBeCloseTo(0.42, 8);
    expect(expectationMessage(c)).toBe(
      'best is risky while p in [0.25, 0.75]: fails below p = 0.42: safe is best there',
    );
  });

  it('fails above the break-even when the other option is expected', () => {
    const c = check('  - { best: safe, while: { p: [0.1, 0.6] } }');
    expect(c.ok).toBe(false);
    expect(c.boundaries).toEqual([{ input: 'p', value: expect.any(Number), side: 'above' }]);
    expect(c.boundaries[0]!.value).toBeCloseTo(0.42, 8);
    expect(expectationMessage(c)).toBe(
      'best is safe while p in [0.1, 0.6]: fails above p = 0.42: risky is best there',
    );
  });

  it('a margin over an interval fails where the lead drops under it: 10 p - 4.2 = 1 at p = 0.52', () => {
    const c = check('  - { best: risky, margin: 1, while: { p: [0.5, 0.9] } }');
    expect(c.ok).toBe(false);
    expect(c.boundaries[0]!.value).toBeCloseTo(0.52, 8);
    expect(c.counterexample!.choice).toBe('risky');
    expect(c.counterexample!.margin).toBeCloseTo(1, 8);
    expect(expectationMessage(c)).toBe(
      'best is risky and risky leads by >= 1 while p in [0.5, 0.9]: fails below p = 0.52: risky leads by only 1 there',
    );
  });

  it('combined with given: prize 8 moves the break-even to p = 4.2 / 8 = 0.525', () => {
    const c = check('  - { best: risky, while: { p: [0.5, 0.9] }, given: { prize: 8 } }');
    expect(c.ok).toBe(false);
    expect(c.boundaries[0]!.value).toBeCloseTo(0.525, 8);
    expect(c.counterexample!.values.prize).toBe(8);
    expect(c.counterexample!.values.p).toBeCloseTo(0.525, 8);
    expect(expectationMessage(c)).toBe(
      'best is risky while p in [0.5, 0.9] given prize = 8: fails below p = 0.525: safe is best there',
    );
    expect(check('  - { best: risky, while: { p: [0.53, 0.9] }, given: { prize: 8 } }').ok).toBe(
      true,
    );
  });

  it('a weight as the input: A and B split two criteria, A is best iff weight.x > weight.y = 1', () => {
    const text = `title: Weights
criteria:
  - { id: x, weight: 2 }
  - { id: y, weight: 1 }
root:
  type: decision
  label: Pick
  options:
    - { label: B, type: outcome, payoff: { y: 1 } }
    - { label: A, type: outcome, payoff: { x: 1 } }
expect:
  - { best: a, while: { weight.x: [0.25, 4] } }
`;
    const c = check('', text);
    expect(c.ok).toBe(false);
    expect(c.boundaries[0]).toMatchObject({ input: 'weight.x', side: 'below' });
    expect(c.boundaries[0]!.value).toBeCloseTo(1, 8);
    expect(expectationMessage(c)).toBe(
      'best is a while weight.x in [0.25, 4]: fails below weight.x = 1: b is best there',
    );
  });

  it('two break-evens: fails on both sides, the one nearest the base first', () => {
    // Hump pays 10 x (1 - x) > 1 for x in ((1 - sqrt 0.6) / 2, (1 + sqrt 0.6) / 2).
    const text = `title: Hump
parameters:
  x: 0.6
root:
  type: decision
  label: Pick
  options:
    - { label: Hump, type: outcome, payoff: "10 * x * (1 - x)" }
    - { label: Flat, type: outcome, payoff: 1 }
expect:
  - { best: hump, while: { x: [0, 1] } }
`;
    const c = check('', text);
    expect(c.ok).toBe(false);
    expect(c.boundaries.map((b) => b.side)).toEqual(['above', 'below']);
    expect(c.boundaries[0]!.value).toBeCloseTo((1 + Math.sqrt(0.6)) / 2, 8);
    expect(c.boundaries[1]!.value).toBeCloseTo((1 - Math.sqrt(0.6)) / 2, 8);
    expect(c.counterexample!.values.x).toBeCloseTo((1 + Math.sqrt(0.6)) / 2, 8);
    expect(expectationMessage(c)).toBe(
      'best is hump while x in [0, 1]: fails above x = 0.887 and below x = 0.113: flat is best there',
    );
  });
});

describe('while, several inputs: corners and a 9-point grid', () => {
  it('holds when every grid point holds (p >= 0.5, prize >= 9: Risky >= 4.5)', () => {
    expect(check('  - { best: risky, while: { p: [0.5, 0.75], prize: [9, 12] } }').ok).toBe(true);
  });

  it('fails with the failing grid point nearest the base, relative to each interval', () => {
    // Grid: p = 0.25 + k/16, prize = 8 + k/2. Failing points (p * prize < 4.2) nearest the base
    // (0.625, 10), in squared distance ((dp / 0.5)^2 + (dprize / 4)^2): (0.4375, 9.5) at 0.156,
    // ahead of (0.375, 10) at 0.25 and (0.5, 8) at 0.3125.
    const c = check('  - { best: risky, while: { p: [0.25, 0.75], prize: [8, 12] } }');
    expect(c.ok).toBe(false);
    expect(c.boundaries).toEqual([]);
    expect(c.counterexample).toMatchObject({ values: { p: 0.4375, prize: 9.5 }, choice: 'safe' });
    expect(c.counterexample!.margin).toBeCloseTo(4.2 - 0.4375 * 9.5, 12);
    expect(counterexampleJson(c)).toEqual({ p: 0.4375, prize: 9.5 });
    expect(expectationMessage(c)).toBe(
      'best is risky while p in [0.25, 0.75], prize in [8, 12]: fails at p = 0.438, prize = 9.5: safe is best there',
    );
  });

  it('finds a failing corner the grid holds nowhere else', () => {
    // p * prize >= 4.2 everywhere but at the low corner (0.42 * 9.9 = 4.158).
    const c = check('  - { best: risky, while: { p: [0.42, 0.8], prize: [9.9, 12] } }');
    expect(c.ok).toBe(false);
    expect(c.counterexample!.values).toEqual({ p: 0.42, prize: 9.9 });
  });

  it('combined with given, the given value is part of the counterexample', () => {
    const c = check(
      '  - { best: risky, while: { p: [0.25, 0.75], weight.value: [1, 2] }, given: { prize: 12 } }',
    );
    // Risky = 12 p < 4.2 for p < 0.35: the nearest failing p on the grid is 0.3125.
    expect(c.ok).toBe(false);
    expect(c.counterexample!.values).toMatchObject({ prize: 12, p: 0.3125 });
  });
});

describe('expectations that cannot be checked are load errors, at their place', () => {
  function errorsOf(expect: string) {
    const r = loadScenario(gamble(expect), 's.yaml');
    if (r.ok) throw new Error('expected errors');
    return r.errors;
  }

  it.each([
    ['  - best: nothing', 'BAD_VALUE', 16, 11, "best: 'nothing' is not an option"],
    ['  - { best: risky, while: { q: [0, 1] } }', 'UNKNOWN_PARAMETER', 16, 29, "'q' is neither"],
    [
      '  - { best: risky, while: { weight.z: [0, 1] } }',
      'UNKNOWN_CRITERION',
      16,
      29,
      'names no criterion',
    ],
    ['  - { best: risky, while: { p: [0.8, 0.2] } }', 'BAD_VALUE', 16, 32, 'has low > high'],
    [
      '  - { best: risky, while: { p: [0, 1] }, given: { p: 0.5 } }',
      'BAD_VALUE',
      16,
      54,
      'both moved (while) and held (given)',
    ],
  ])('%s is %s', (yaml, code, line, column, message) => {
    const errors = errorsOf(yaml);
    expect(errors[0]).toMatchObject({ code, line, column });
    expect(errors[0]!.message).toContain(message);
  });

  it('an expectation needs best or margin', () => {
    const errors = errorsOf('  - { while: { p: [0, 1] } }');
    expect(errors[0]!.message).toContain('best: OPTION, margin: NUMBER, or both');
  });
});
