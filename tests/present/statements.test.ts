import { sensitivity } from '../../src/engine';
import { breakEvenStatement, breakEvenStatements, sensitivityJson } from '../../src/present';
import { scenarioOf } from '../helpers/scenario';

/** A gamble paying 10 with probability p against a sure 4: break-even at p = 0.4. */
function gamble(
  p: unknown = { value: 0.3, range: [0, 1], label: 'the probability that the gamble pays' },
) {
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
              { label: 'Lose', probability: '1 - p', type: 'outcome', payoff: 0 },
            ],
          },
          { label: 'Sure thing', type: 'outcome', payoff: 4 },
        ],
      },
    }),
  );
}

function analysed(p?: unknown) {
  const r = sensitivity(gamble(p));
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
}

describe('break-even statements', () => {
  it('states the break-even in words an analyst can paste into a briefing', () => {
    const s = analysed();
    const entry = s.parameters.find((p) => p.name === 'p')!;
    expect(breakEvenStatement({ ...entry, probability: false }, s)).toBe(
      'Sure thing stays best unless the probability that the gamble pays (p) exceeds 0.4 (base 0.3); above it, Gamble is best.',
    );
  });

  it('says which band the threshold of a probability lies in', () => {
    const s = analysed();
    const entry = s.parameters.find((p) => p.name === 'p')!;
    expect(breakEvenStatement({ ...entry, probability: true }, s)).toBe(
      'Sure thing stays best unless the probability that the gamble pays (p) exceeds 0.4 (base 0.3), still unlikely; above it, Gamble is best.',
    );
    expect(breakEvenStatement({ ...entry, base: 0.1, probability: true }, s)).toContain(
      'exceeds 0.4 (base 0.1), from very unlikely to unlikely;',
    );
  });

  it('says so when the recommendation holds across the whole range', () => {
    const s = analysed({ value: 0.1, range: [0, 0.3] });
    const entry = s.parameters.find((p) => p.name === 'p')!;
    expect(breakEvenStatement(entry, s)).toBe(
      'Sure thing stays best across the whole range of p, 0 to 0.3.',
    );
    expect(breakEvenStatements(s)).toEqual([]);
  });

  it('fills the JSON entries with their statement and, for a probability, its phrase', () => {
    const s = analysed();
    const json = sensitivityJson(s);
    const p = json.parameters.find((x) => x.name === 'p')!;
    expect(p.statement).toBe(breakEvenStatement(p, s));
    expect(p.phrase).toBe(p.probability ? 'unlikely' : undefined);
    const w = json.parameters.find((x) => x.name === 'weight:value')!;
    expect(w.statement).toMatch(/stays best across the whole range of the weight of/);
    expect('phrase' in w).toBe(false);
  });
});
