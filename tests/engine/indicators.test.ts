import fc from 'fast-check';
import { bayes, evaluate, type Observation, type Overrides } from '../../src/engine';
import { analyseIndicators } from '../../src/engine/indicators';
import { loadScenario } from '../../src/load';
import { indicatorSentence } from '../../src/present/indicator-text';
import { scenarioOf } from '../helpers/scenario';

/**
 * FORMAT.md section 9 against closed forms. Accept scores 20 p_deal - 10 = 10 - 20 p_esc (the deal
 * holds with p_deal = 1 - p_esc), Firm scores 2: Accept is best while p_esc < 0.4.
 * Bayes with t = if_true, f = if_false: seen p t / (p t + (1 - p) f), not seen with 1 - t, 1 - f.
 */
const TEXT = `title: Deal
parameters:
  p_esc: { value: 0.3, label: P(escalation) }
  p_deal: "1 - p_esc"
indicators:
  - { id: missiles, label: missile deployment, updates: p_esc, if_true: 0.7, if_false: 0.2 }
  - { id: talks, label: back-channel talks, updates: p_deal, if_true: 0.9, if_false: 0.3 }
  - { id: rhetoric, label: harsh rhetoric, updates: p_esc, if_true: 0.5, if_false: 0.4 }
root:
  type: decision
  label: Answer
  options:
    - label: Accept
      type: chance
      branches:
        - { label: Holds, type: outcome, probability: p_deal, payoff: 10 }
        - { label: Collapses, type: outcome, probability: "#", payoff: -10 }
    - { label: Firm, type: outcome, payoff: 2 }
`;
const scenario = scenarioOf(TEXT);

const seen = (t: number, f: number, p: number) => (p * t) / (p * t + (1 - p) * f);
const notSeen = (t: number, f: number, p: number) => seen(1 - t, 1 - f, p);

function run(overrides: Overrides) {
  const e = evaluate(scenario, overrides);
  if (!e.ok) throw new Error(e.errors.map((x) => x.message).join('\n'));
  return e.value;
}
const observe = (...o: Observation[]): Overrides => ({ observe: o });

describe('bayes()', () => {
  it('matches the closed forms on the worked numbers', () => {
    expect(bayes(0.3, 0.7, 0.2, true)).toBeCloseTo(0.6, 15);
    expect(bayes(0.3, 0.7, 0.2, false)).toBeCloseTo(0.09 / 0.65, 15);
  });

  it('multiplies the odds by the likelihood ratio (t/f seen, (1-t)/(1-f) not seen)', () => {
    const unit = fc.double({ min: 0.01, max: 0.99, noNaN: true });
    fc.assert(
      fc.property(unit, unit, unit, fc.boolean(), (p, t, f, s) => {
        const q = bayes(p, t, f, s);
        const ratio = s ? t / f : (1 - t) / (1 - f);
        expect(q / (1 - q)).toBeCloseTo((p / (1 - p)) * ratio, 6);
        expect(q).toBeGreaterThanOrEqual(0);
        expect(q).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('an indicator that tells nothing (t = f) leaves the probability; an impossible answer is NaN', () => {
    expect(bayes(0.3, 0.4, 0.4, true)).toBeCloseTo(0.3, 15);
    expect(bayes(0.3, 0.4, 0.4, false)).toBeCloseTo(0.3, 15);
    expect(bayes(0.3, 1, 1, false)).toBeNaN();
    expect(bayes(0, 0.5, 0, true)).toBeNaN();
  });
});

describe('--observe in an evaluation', () => {
  it('seen: p_esc 0.3 -> 0.6, and the recommendation flips to firm', () => {
    const e = run(observe({ id: 'missiles', seen: true }));
    expect(e.parameters.p_esc).toBeCloseTo(seen(0.7, 0.2, 0.3), 12);
    expect(e.parameters.p_esc).toBeCloseTo(0.6, 12);
    // what depends on it follows: p_deal = 1 - p_esc
    expect(e.parameters.p_deal).toBeCloseTo(0.4, 12);
    expect(e.choice).toBe('firm');
    expect(e.options[0]!.score).toBeCloseTo(-2, 12);
  });

  it('not seen: p_esc 0.3 -> 0.09 / 0.65', () => {
    const e = run(observe({ id: 'missiles', seen: false }));
    expect(e.parameters.p_esc).toBeCloseTo(0.09 / 0.65, 12);
    expect(e.choice).toBe('accept');
  });

  it('two observations apply in sequence, each on the last posterior', () => {
    const twice = run(observe({ id: 'missiles', seen: true }, { id: 'missiles', seen: true }));
    expect(twice.parameters.p_esc).toBeCloseTo(seen(0.7, 0.2, 0.6), 12);
    expect(twice.parameters.p_esc).toBeCloseTo(0.84, 12);
    const mixed = run(observe({ id: 'missiles', seen: true }, { id: 'rhetoric', seen: false }));
    expect(mixed.parameters.p_esc).toBeCloseTo(notSeen(0.5, 0.4, 0.6), 12);
  });

  it('--set applies first, then the observation', () => {
    const e = run({ set: { p_esc: 0.5 }, observe: [{ id: 'missiles', seen: true }] });
    expect(e.parameters.p_esc).toBeCloseTo(0.35 / 0.45, 12);
    const phrase = run({ set: { p_esc: 'unlikely' }, observe: [{ id: 'missiles', seen: false }] });
    expect(phrase.parameters.p_esc).toBeCloseTo(notSeen(0.7, 0.2, 0.325), 12);
  });

  it('an expression parameter is updated from its value at that point, then held', () => {
    // p_deal = 1 - 0.3 = 0.7; talks seen: 0.63 / (0.63 + 0.09) = 0.875.
    const e = run(observe({ id: 'talks', seen: true }));
    expect(e.parameters.p_deal).toBeCloseTo(0.875, 12);
    expect(e.parameters.p_esc).toBe(0.3);
    expect(e.options[0]!.score).toBeCloseTo(20 * 0.875 - 10, 12);
    // After missiles seen, p_deal is 0.4 when talks is observed: 0.36 / (0.36 + 0.18).
    const after = run(observe({ id: 'missiles', seen: true }, { id: 'talks', seen: true }));
    expect(after.parameters.p_deal).toBeCloseTo(seen(0.9, 0.3, 0.4), 12);
    // The other order: p_deal is held at 0.875, so missiles then moves p_esc alone.
    const before = run(observe({ id: 'talks', seen: true }, { id: 'missiles', seen: true }));
    expect(before.parameters.p_deal).toBeCloseTo(0.875, 12);
    expect(before.parameters.p_esc).toBeCloseTo(0.6, 12);
  });

  it('an unknown indicator is UNKNOWN_INDICATOR listing the known ones', () => {
    const e = evaluate(scenario, observe({ id: 'tanks', seen: true }));
    expect(!e.ok && e.errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_INDICATOR', path: 'tanks' }),
    ]);
    expect(!e.ok && e.errors[0]!.message).toContain('indicators are missiles, talks, rhetoric');
  });

  it('an answer with probability 0 is refused, not NaN', () => {
    const e = evaluate(scenario, { set: { p_esc: 0 }, observe: [{ id: 'missiles', seen: true }] });
    // p = 0: seen has probability 0.8 * 1 > 0, so the posterior is 0, fine.
    expect(e.ok && e.value.parameters.p_esc).toBe(0);
    const s = scenarioOf(TEXT.replace('if_true: 0.7, if_false: 0.2', 'if_true: 1, if_false: 1'));
    const never = evaluate(s, observe({ id: 'missiles', seen: false }));
    expect(!never.ok && never.errors[0]).toMatchObject({ code: 'BAD_OVERRIDE' });
    expect(!never.ok && never.errors[0]!.message).toContain('impossible');
  });
});

describe('analyseIndicators (branchpoint indicators)', () => {
  const r = analyseIndicators(scenario);
  if (!r.ok) throw new Error('expected an analysis');
  const byId = Object.fromEntries(r.value.indicators.map((a) => [a.id, a]));

  it('gives per indicator the posterior and the recommendation either way', () => {
    expect(r.value.base_choice).toBe('accept');
    const m = byId.missiles!;
    expect(m).toMatchObject({ parameter: 'p_esc', prior: 0.3, flips: true });
    expect(m.if_seen.value).toBeCloseTo(0.6, 12);
    expect(m.if_seen).toMatchObject({ choice: 'firm', score: 2 });
    expect(m.if_not_seen.value).toBeCloseTo(0.09 / 0.65, 12);
    expect(m.if_not_seen.choice).toBe('accept');
    expect(m.if_not_seen.score).toBeCloseTo(10 - (20 * 0.09) / 0.65, 12);
  });

  it('flips when either answer changes the choice; not when neither does', () => {
    // talks not seen: p_deal 0.07 / 0.28 = 0.25, Accept -5 < Firm 2.
    expect(byId.talks!.if_not_seen.value).toBeCloseTo(0.25, 12);
    expect(byId.talks!).toMatchObject({ flips: true, if_seen: { choice: 'accept' } });
    expect(byId.talks!.if_not_seen.choice).toBe('firm');
    // rhetoric: 0.3 -> 0.349 or 0.263, both under 0.4.
    expect(byId.rhetoric!.flips).toBe(false);
    expect(byId.rhetoric!.if_seen.value).toBeCloseTo(0.15 / 0.43, 12);
  });

  it('says it in a sentence, with phrases after probabilities', () => {
    expect(indicatorSentence(scenario, r.value, byId.missiles!, true)).toBe(
      'If missile deployment is seen, P(escalation) rises from 0.30 (unlikely) to 0.60 (likely) and the recommendation changes to Firm (firm).',
    );
    expect(indicatorSentence(scenario, r.value, byId.missiles!, false)).toBe(
      'If missile deployment is looked for and not seen, P(escalation) falls from 0.30 (unlikely) to 0.14 (very unlikely) and the recommendation stays Accept (accept).',
    );
  });

  it('starts from the base case with earlier observations', () => {
    const after = analyseIndicators(scenario, observe({ id: 'missiles', seen: true }));
    expect(after.ok && after.value.base_choice).toBe('firm');
    expect(after.ok && after.value.indicators[0]!.prior).toBeCloseTo(0.6, 12);
  });
});

describe('indicators that do not load, each at its place', () => {
  function errorsOf(...replacements: [string, string][]) {
    const text = replacements.reduce((t, [a, b]) => t.replace(a, b), TEXT);
    const r = loadScenario(text, 's.yaml');
    if (r.ok) throw new Error('expected errors');
    return r.errors;
  }
  const MISSILES = 'updates: p_esc, if_true: 0.7, if_false: 0.2';

  it('updating a parameter that is not a probability is NOT_A_PROBABILITY at updates', () => {
    const errors = errorsOf(
      ['p_deal: "1 - p_esc"', 'p_deal: "1 - p_esc"\n  cost: 5'],
      [MISSILES, 'updates: cost, if_true: 0.7, if_false: 0.2'],
    );
    expect(errors).toEqual([
      expect.objectContaining({ code: 'NOT_A_PROBABILITY', line: 7, column: 57, path: 'missiles' }),
    ]);
  });

  it('an unknown parameter is UNKNOWN_PARAMETER listing the parameters', () => {
    const errors = errorsOf([MISSILES, 'updates: p_war, if_true: 0.7, if_false: 0.2']);
    expect(errors[0]).toMatchObject({ code: 'UNKNOWN_PARAMETER', line: 6 });
    expect(errors[0]!.message).toContain('parameters are p_esc, p_deal');
  });

  it.each([
    ['if_true: 1.5', 'if_true'],
    ['if_false: -0.1', 'if_false'],
  ])('a likelihood outside [0, 1] (%s) is PROBABILITY_RANGE', (written, key) => {
    const errors = errorsOf([
      MISSILES,
      `updates: p_esc, ${key === 'if_true' ? `${written}, if_false: 0.2` : `if_true: 0.7, ${written}`}`,
    ]);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'PROBABILITY_RANGE', line: 6, path: 'missiles' }),
    ]);
    expect(errors[0]!.message).toContain(`${key} of indicator 'missiles'`);
  });

  it('an id used twice is DUPLICATE_ID', () => {
    const errors = errorsOf(['id: talks', 'id: missiles']);
    expect(errors).toEqual([expect.objectContaining({ code: 'DUPLICATE_ID', line: 7 })]);
  });
});
