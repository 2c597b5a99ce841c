import { evaluate } from '../../src/engine';
import { loadScenario } from '../../src/load';
import type { Scenario } from '../../src/model/types';

/** A one-branch-pair tree whose chance node reads parameter `p`; `params` is the YAML under parameters:. */
function tree(params: string, probability = 'p'): string {
  return `title: t
parameters:
${params}
root:
  type: decision
  label: Choose
  options:
    - label: Gamble
      type: chance
      branches:
        - { label: Win, type: outcome, probability: ${JSON.stringify(probability)}, payoff: 10 }
        - { label: Lose, type: outcome, probability: "#", payoff: 0 }
    - { label: Safe, type: outcome, payoff: 4 }
`;
}

function load(text: string): Scenario {
  const r = loadScenario(text, 's.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return r.scenario;
}

function errorsOf(text: string) {
  const r = loadScenario(text, 's.yaml');
  if (r.ok) throw new Error('expected the scenario to be invalid');
  return r.errors;
}

const PHRASES: [written: string, value: number, low: number, high: number][] = [
  ['almost no chance', 0.03, 0.01, 0.05],
  ['remote', 0.03, 0.01, 0.05],
  ['very unlikely', 0.125, 0.05, 0.2],
  ['highly improbable', 0.125, 0.05, 0.2],
  ['unlikely', 0.325, 0.2, 0.45],
  ['improbable', 0.325, 0.2, 0.45],
  ['roughly even chance', 0.5, 0.45, 0.55],
  ['roughly even odds', 0.5, 0.45, 0.55],
  ['likely', 0.675, 0.55, 0.8],
  ['probable', 0.675, 0.55, 0.8],
  ['very likely', 0.875, 0.8, 0.95],
  ['highly probable', 0.875, 0.8, 0.95],
  ['almost certain', 0.97, 0.95, 0.99],
  ['nearly certain', 0.97, 0.95, 0.99],
];

describe('a parameter written as a phrase', () => {
  it.each(PHRASES)(
    '%s takes %p, its band as range and a uniform distribution over it',
    (written, value, low, high) => {
      const s = load(tree(`  p: ${written}`));
      const p = s.parameters[0]!;
      expect(p.value).toMatchObject({ kind: 'number', value });
      expect(p.range).toEqual([low, high]);
      expect(p.distribution).toBe(`uniform(${low}, ${high})`);
      expect(p.probability).toBe(true);
      expect(p.phrase).toBe(written);
      const e = evaluate(s);
      expect(e.ok && e.value.parameters.p).toBe(value);
      // Gamble scores 10 p, Safe 4.
      expect(e.ok && e.value.options[0]!.score).toBeCloseTo(10 * value, 12);
    },
  );

  it('keeps a range and distribution the file states', () => {
    const s = load(
      tree(`  p:\n    value: likely\n    range: [0.6, 0.7]\n    distribution: beta(6, 4)`),
    );
    expect(s.parameters[0]).toMatchObject({ range: [0.6, 0.7], distribution: 'beta(6, 4)' });
  });

  it('is matched in any case, with spaces around', () => {
    const s = load(tree(`  p: "  Very Likely  "`));
    expect(s.parameters[0]).toMatchObject({ value: { value: 0.875 }, phrase: 'very likely' });
  });

  it.each([
    ['likely', 'low', [0.45, 0.95]],
    ['almost certain', 'low', [0.8, 0.99]],
    ['almost no chance', 'low', [0.01, 0.2]],
    ['likely', 'moderate', [0.55, 0.8]],
    ['likely', 'high', [0.55, 0.8]],
  ] as const)('%s at %s confidence ranges over %p', (phrase, confidence, range) => {
    const s = load(tree(`  p:\n    value: ${phrase}\n    confidence: ${confidence}`));
    expect(s.parameters[0]).toMatchObject({ confidence, range });
    expect(s.parameters[0]!.distribution).toBe(`uniform(${range[0]}, ${range[1]})`);
  });

  it('low confidence does not widen a range the file states, and the phrase is drawn over that range', () => {
    // The analyst's own interval is their plausible range; the band is only the default.
    const s = load(tree(`  p:\n    value: likely\n    confidence: low\n    range: [0.6, 0.7]`));
    expect(s.parameters[0]!.range).toEqual([0.6, 0.7]);
    expect(s.parameters[0]!.distribution).toBe('uniform(0.6, 0.7)');
  });

  it('refuses a confidence that is not low, moderate or high, at its line', () => {
    const errors = errorsOf(tree(`  p:\n    value: likely\n    confidence: medium`));
    expect(errors[0]).toMatchObject({ line: 5, column: 17 });
    expect(errors[0]!.message).toContain('"low", "moderate" or "high"');
  });
});

describe('a branch probability written as a phrase', () => {
  it.each(PHRASES)('%s is %p', (written, value) => {
    const s = load(tree('  q: 1', written));
    const e = evaluate(s);
    expect(e.ok && e.value.options[0]!.score).toBeCloseTo(10 * value, 12);
  });
});

describe('a parameter named like a one-word phrase', () => {
  it.each(['likely', 'unlikely', 'probable', 'improbable', 'remote', 'Likely', 'REMOTE'])(
    '%s is BAD_ID at its entry (line:col of its value, like other bad names), suggesting another',
    (name) => {
      const errors = errorsOf(tree(`  q: 0.5\n  ${name}: 0.3`, 'q'));
      expect(errors).toEqual([
        expect.objectContaining({
          code: 'BAD_ID',
          line: 4,
          column: name.length + 5,
          path: name,
        }),
      ]);
      expect(errors[0]!.message).toBe(
        `parameter name '${name}' reads as the estimative phrase '${name.toLowerCase()}'; choose another, such as p_${name.toLowerCase()}`,
      );
    },
  );

  it('allows names that merely contain a phrase', () => {
    expect(() => load(tree('  p_likely: 0.3\n  unlikely_deal: 0.2\n  p: p_likely'))).not.toThrow();
  });
});

describe('a mistyped phrase', () => {
  it('as a parameter value is UNKNOWN_PHRASE at the value, with the nearest phrase', () => {
    const errors = errorsOf(tree('  p: very likley'));
    expect(errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_PHRASE', line: 3, column: 6, path: 'p' }),
    ]);
    expect(errors[0]!.message).toBe(
      "'very likley' is neither an expression nor an estimative phrase; did you mean 'very likely'?",
    );
  });

  it('in the long form is located at value:', () => {
    const errors = errorsOf(tree('  p:\n    value: almost certian\n    confidence: low'));
    expect(errors[0]).toMatchObject({ code: 'UNKNOWN_PHRASE', line: 4, column: 12 });
    expect(errors[0]!.message).toContain("did you mean 'almost certain'?");
  });

  it('as a branch probability is UNKNOWN_PHRASE at the probability', () => {
    const errors = errorsOf(tree('  q: 1', 'unlikly'));
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_PHRASE',
        line: 11,
        column: 53,
        path: 'choose/gamble/win',
      }),
    ]);
    expect(errors[0]!.message).toContain("did you mean 'unlikely'?");
  });

  it('an unknown name far from any phrase stays an unknown name', () => {
    const errors = errorsOf(tree('  p: p_deal_holds'));
    expect(errors[0]!.code).toBe('UNKNOWN_NAME');
  });
});

describe('--set with a phrase', () => {
  const s = () => load(tree('  p: 0.2'));

  it.each(PHRASES)('p=%s sets %p', (written, value) => {
    const e = evaluate(s(), { set: { p: written } });
    expect(e.ok && e.value.parameters.p).toBe(value);
  });

  it('a typo is UNKNOWN_PHRASE naming the parameter and the nearest phrase', () => {
    const e = evaluate(s(), { set: { p: 'likelly' } });
    expect(e.ok).toBe(false);
    if (e.ok) return;
    expect(e.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_PHRASE', path: 'p' })]);
    expect(e.errors[0]!.message).toBe(
      "cannot set 'p': 'likelly' is neither an expression nor an estimative phrase; did you mean 'likely'?",
    );
  });
});
