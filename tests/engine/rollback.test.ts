/**
 * Invariants of rollback, checked on random trees.
 *
 * 1. Under the chosen policy, the reach probabilities of the outcomes sum to 1, and the
 *    probability-weighted sum of their scores is the root's expected score.
 * 2. Rollback finds the best policy: on small trees, enumerating every assignment of an option
 *    to every decision node never beats it, and the policy it reports attains its score.
 *
 * Trees are built as plain objects (two criteria, one of them `min`, random weights), written as
 * JSON (which is YAML) and loaded through the real loader, so the whole pipeline is exercised.
 */
import fc from 'fast-check';
import { evaluate, ties } from '../../src/engine';
import { loadScenario } from '../../src/load';

interface Gen {
  type: 'decision' | 'chance' | 'outcome';
  payoff: [number, number];
  weights: number[];
  children: Gen[];
}

const payoff = fc.tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: -10, max: 10 }));

const tree = fc.letrec<{ node: Gen }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      type: fc.constant('outcome' as const),
      payoff,
      weights: fc.constant<number[]>([]),
      children: fc.constant<Gen[]>([]),
    }),
    fc.record({
      type: fc.constantFrom('decision' as const, 'chance' as const),
      payoff,
      weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 3, maxLength: 3 }),
      children: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }),
  ),
})).node;

const criteriaWeights = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 5 }));

/** Branch probabilities as the file states them: all but the last literal, the last `"#"`. */
function probabilities(g: Gen): number[] {
  const ws = g.weights.slice(0, g.children.length);
  const total = ws.reduce((a, b) => a + b, 0);
  const ps = ws.map((w) => Math.round((w / total) * 1000) / 1000);
  ps[ps.length - 1] = 1 - ps.slice(0, -1).reduce((a, b) => a + b, 0);
  return ps;
}

function toYamlNode(g: Gen, index: number, probability?: number | string): Record<string, unknown> {
  const node: Record<string, unknown> = {
    type: g.type,
    label: `n${index}`,
    payoff: { good: g.payoff[0], bad: g.payoff[1] },
  };
  if (probability !== undefined) node.probability = probability;
  const ps = probabilities(g);
  const children = g.children.map((c, i) =>
    toYamlNode(c, i, g.type === 'chance' ? (i === ps.length - 1 ? '#' : ps[i]) : undefined),
  );
  if (g.type === 'decision') node.options = children;
  if (g.type === 'chance') node.branches = children;
  return node;
}

function scenarioText(g: Gen, w: [number, number]): string {
  return JSON.stringify({
    title: 'Random tree',
    criteria: [
      { id: 'good', weight: w[0], direction: 'max' },
      { id: 'bad', weight: w[1], direction: 'min' },
    ],
    root: toYamlNode(g, 0),
  });
}

function decisions(g: Gen): Gen[] {
  return [...(g.type === 'decision' ? [g] : []), ...g.children.flatMap(decisions)];
}

/** Expected score of `g` when each decision node takes `policy.get(node)`. */
function valueUnder(g: Gen, policy: Map<Gen, number>, k: [number, number]): number {
  const own = k[0] * g.payoff[0] + k[1] * g.payoff[1];
  if (g.type === 'outcome') return own;
  if (g.type === 'decision') return own + valueUnder(g.children[policy.get(g)!]!, policy, k);
  const ps = probabilities(g);
  return own + g.children.reduce((acc, c, i) => acc + ps[i]! * valueUnder(c, policy, k), 0);
}

function* allPolicies(nodes: Gen[]): Generator<Map<Gen, number>> {
  if (nodes.length === 0) {
    yield new Map();
    return;
  }
  const [first, ...rest] = nodes;
  for (const tail of allPolicies(rest)) {
    for (let i = 0; i < first!.children.length; i++) yield new Map(tail).set(first!, i);
  }
}

function evaluateGen(g: Gen, w: [number, number]) {
  const loaded = loadScenario(scenarioText(g, w));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const result = evaluate(loaded.scenario);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.value;
}

describe('rollback invariants on random trees', () => {
  it('gives outcome probabilities that sum to 1 and average to the root score', () => {
    fc.assert(
      fc.property(tree, criteriaWeights, (g, w) => {
        const e = evaluateGen(g, w);
        const total = e.outcomes.reduce((a, o) => a + o.probability, 0);
        const mean = e.outcomes.reduce((a, o) => a + o.probability * o.score, 0);
        expect(total).toBeCloseTo(1, 9);
        expect(mean).toBeCloseTo(e.score, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('equals the best of all policies found by brute force', () => {
    fc.assert(
      fc.property(tree, criteriaWeights, (g, w) => {
        const nodes = decisions(g);
        fc.pre(nodes.reduce((n, d) => n * d.children.length, 1) <= 2000);
        const e = evaluateGen(g, w);
        const k: [number, number] = [w[0] / (w[0] + w[1]), -w[1] / (w[0] + w[1])];
        let best = -Infinity;
        for (const policy of allPolicies(nodes)) best = Math.max(best, valueUnder(g, policy, k));
        expect(ties(e.score, best) || Math.abs(e.score - best) < 1e-9).toBe(true);
        const reported = new Map<Gen, number>();
        const choices = new Map(e.policy.map((p) => [p.path, p.choice]));
        const walk = (n: Gen, path: string): void => {
          if (n.type === 'decision') reported.set(n, Number(choices.get(path)!.slice(1)));
          n.children.forEach((c, i) => walk(c, `${path}/n${i}`));
        };
        walk(g, 'n0');
        expect(reported.size).toBe(nodes.length);
        expect(valueUnder(g, reported, k)).toBeCloseTo(e.score, 9);
      }),
      { numRuns: 200 },
    );
  });
});
