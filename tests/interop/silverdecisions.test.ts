import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, type Evaluation } from '../../src/engine';
import { importSilverDecisions, type ImportResult } from '../../src/interop/silverdecisions';
import { loadScenario } from '../../src/load';
import { loadSilverDecisions, type SdValue } from './silverdecisions-engine';

/**
 * Every tree of every public SilverDecisions test file (shared/peers/silverdecisions-trees, beside
 * the clone) is imported, evaluated by branchpoint and computed by SilverDecisions' own engine
 * under the file's rule; the two must agree. No expected number is written here: SilverDecisions
 * gives them all.
 *
 * Single-payoff rules: our score is SilverDecisions' expected payoff. Two-payoff rules: ours is
 * their combined payoff `c1 * w * p1 + c2 * p2` divided by the sum of our weights, w + 1
 * (`objective.scale`); the expected payoffs agree too unless SilverDecisions averages tied options.
 */

const TREES = join(__dirname, '..', '..', '..', 'shared', 'peers', 'silverdecisions-trees');
const FILES = readdirSync(TREES)
  .filter((f) => f.endsWith('.json'))
  .sort();
type SdFile = Record<string, unknown> & { data: { trees: unknown[] } };
const read = (name: string): SdFile =>
  JSON.parse(readFileSync(join(TREES, name), 'utf8')) as SdFile;
const CASES = FILES.flatMap((file) =>
  read(file).data.trees.map((_, tree) => [file, tree] as [string, number]),
);
const RELATIVE = 1e-9;

let silverDecisions: (file: unknown, tree: number) => Promise<SdValue>;
beforeAll(() => {
  silverDecisions = loadSilverDecisions();
}, 120_000);

function imported(json: unknown, tree?: number): ImportResult & { ok: true } {
  const result = importSilverDecisions(json, tree === undefined ? {} : { tree });
  if (!result.ok)
    throw new Error(
      `import failed:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`,
    );
  return result;
}

function evaluated(yaml: string): Evaluation {
  const loaded = loadScenario(yaml, 'imported.yaml');
  if (!loaded.ok)
    throw new Error(
      `imported YAML does not load:\n${loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n')}\n${yaml}`,
    );
  const result = evaluate(loaded.scenario);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.value;
}

function expectClose(ours: number, theirs: number): void {
  expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(
    RELATIVE * Math.max(1, Math.abs(ours), Math.abs(theirs)),
  );
}

/** Imports tree `tree` of `json` and checks it against SilverDecisions; returns both values. */
async function compare(json: unknown, tree: number) {
  const sd = await silverDecisions(json, tree);
  expect(sd.valid).toBe(true);
  const result = imported(json, tree);
  const ours = evaluated(result.yaml);
  expectClose(ours.score * result.objective.scale, sd.value);
  if (result.objective.multiCriteria && !sd.ties)
    result.objective.criteria.forEach((c, i) =>
      expectClose(ours.expected[ours.criteria[i]!.id]!, sd.payoffs[c.payoff]!),
    );
  return { ours, sd, result };
}

describe('every shared SilverDecisions tree', () => {
  it('finds the fixtures', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(11);
  });

  it.each(CASES)('%s, tree %i: same value as SilverDecisions', async (file, tree) => {
    const json = read(file);
    const { result } = await compare(json, tree);
    expect(result.tree).toBe(tree);
    // Only a file with several trees and no --tree warns; each tree here is asked for.
    expect(result.warnings).toEqual([]);
  });
});

describe('what carries over', () => {
  it('keeps global and node code as parameters and expressions as expressions', () => {
    const { yaml } = imported(read('rockefeller-norandom.sd.json'));
    expect(yaml).toContain('pr: 0.5');
    expect(yaml).toContain('pplus: pr * sens + (1 - pr) * (1 - spec)');
    expect(yaml).toContain('probability: sens*pr/pplus');
  });

  it('inlines functions defined in code where they are called', () => {
    const { yaml } = imported(read('payofftransform-t0.sd.json'), 1);
    expect(yaml).not.toContain('transformPayoff');
    expect(yaml).toContain('payoff-1: ((9) ^ 2 / 2)');
  });

  it('gives ids to labels without a slug and to siblings named alike', () => {
    const { yaml } = imported(read('rockefeller-norandom.sd.json'));
    expect(yaml).toMatch(/label: \+\n\s+id: branch-1/);
    const mcdm = imported(read('mcdm.sd.json')).yaml;
    // Two unnamed branches: invented labels.
    expect(mcdm).toContain('label: Branch 1');
    expect(mcdm).toContain('label: Branch 2');
  });

  it('shares a "#" among several branches as SilverDecisions does', () => {
    const { yaml } = imported(read('policies.sd.json'));
    expect(yaml).toContain('probability: 1 / 2');
    expect(yaml.match(/probability: "#"/g)?.length).toBeGreaterThan(0);
  });

  it('imports a two-payoff rule as two weighted criteria with its directions and weight range', () => {
    const { yaml, objective } = imported(read('mcdm2.sd.json'));
    expect(objective.criteria.map((c) => [c.direction, c.weight])).toEqual([
      ['max', 2],
      ['min', 1],
    ]);
    expect(yaml).toContain('weight_range:\n      - 2\n      - 2.5');
  });

  it('keeps a second payoff of a single-payoff rule as a criterion of weight 0', async () => {
    const json = read('rockefeller-norandom.sd.json');
    const data = json.data as unknown as { trees: { childEdges: { payoff: unknown[] }[] }[] };
    data.trees[0]!.childEdges[0]!.payoff[1] = '7';
    const { result } = await compare(json, 0);
    expect(result.yaml).toMatch(/id: payoff-2\n\s+label: Payoff 2\n\s+weight: 0/);
  });

  it('warns when the file has several trees and none is chosen', () => {
    const result = imported(read('fliptest-t0.sd.json'));
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'SEVERAL_TREES', path: 'data.trees' }),
    ]);
  });
});

describe('what is refused, with its JSON path', () => {
  const errors = (json: unknown, tree = 0) => {
    const r = importSilverDecisions(json, { tree });
    if (r.ok) throw new Error('expected the import to fail');
    return r.errors.map((e) => ({ code: e.code, path: e.path }));
  };
  type Edge = { payoff: unknown[]; probability?: unknown; childNode: Node };
  type Node = { type: unknown; code?: string; childEdges: Edge[] };
  const tree = (json: { data: { trees: unknown[] } }, i = 0) => json.data.trees[i] as Node;

  it('an unknown node type', () => {
    const json = read('policies.sd.json');
    tree(json).childEdges[2]!.childNode.type = 'utility';
    expect(errors(json)).toEqual([
      { code: 'UNKNOWN_NODE_TYPE', path: 'data.trees[0].childEdges[2].childNode' },
    ]);
  });

  it('a cycle', () => {
    const json = read('policies.sd.json');
    const root = tree(json);
    root.childEdges[1]!.childNode.childEdges[0]!.childNode = root;
    expect(errors(json)).toEqual([
      { code: 'NODE_CYCLE', path: 'data.trees[0].childEdges[1].childNode.childEdges[0].childNode' },
    ]);
  });

  it('a function branchpoint does not have', () => {
    const json = read('rockefeller-norandom.sd.json');
    tree(json).childEdges[0]!.payoff[0] = 'Normal(750, 50)';
    expect(errors(json)).toEqual([
      { code: 'UNSUPPORTED_EXPRESSION', path: 'data.trees[0].childEdges[0].payoff[0]' },
    ]);
  });

  it('a variable that node code redefines for a subtree', () => {
    const json = read('rockefeller-norandom.sd.json');
    tree(json).childEdges[2]!.childNode.code = 'pr = 0.6';
    expect(errors(json)).toEqual([
      { code: 'NAME_DEFINED_TWICE', path: 'data.trees[0].childEdges[2].childNode.code' },
    ]);
  });

  it('a function that calls itself', () => {
    const json = read('payofftransform-t0.sd.json');
    tree(json, 1).code = 'transformPayoff(p) = transformPayoff(p - 1)';
    expect(errors(json, 1)).toContainEqual({
      code: 'FUNCTION_CYCLE',
      path: 'data.trees[1].childEdges[0].childNode.childEdges[0].payoff[0]',
    });
  });

  it('code that does not parse, once, without the names it would define', () => {
    const json = read('rockefeller-norandom.sd.json');
    (json.data as { code?: string }).code = 'pr = (0.5';
    expect(errors(json)).toEqual([{ code: 'UNSUPPORTED_CODE', path: 'data.code' }]);
  });

  it('an objective rule SilverDecisions does not have', () => {
    const json = { ...read('policies.sd.json'), rule: 'regret' };
    expect(errors(json)).toEqual([{ code: 'UNKNOWN_RULE', path: 'rule' }]);
  });

  it('something that is not a SilverDecisions file', () => {
    expect(errors({ title: 'x', root: {} })).toEqual([{ code: 'NOT_SILVERDECISIONS', path: '' }]);
  });

  it('reports every problem at once', () => {
    const json = read('policies.sd.json');
    tree(json).childEdges[0]!.childNode.type = 'x';
    tree(json).childEdges[1]!.childNode.childEdges[0]!.probability = '';
    expect(errors(json).map((e) => e.path)).toEqual([
      'data.trees[0].childEdges[0].childNode',
      'data.trees[0].childEdges[1].childNode.childEdges[0].probability',
    ]);
  });
});

describe('a rule that is not a weighted combination', () => {
  it('imports as the expected value of the same payoff, with a warning naming it', async () => {
    const json = { ...read('treatments.sd.json'), rule: 'mini-max' };
    const result = imported(json);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'RULE_NOT_WEIGHTED', path: 'rule', severity: 'warning' }),
    ]);
    expect(result.warnings[0]!.message).toContain("'mini-max'");
    // What the warning is about: SilverDecisions' worst case differs from the expected value.
    const sd = await silverDecisions(json, 0);
    const ev = await silverDecisions({ ...json, rule: 'expected-value-minimization' }, 0);
    expect(sd.value).not.toBeCloseTo(ev.value, 6);
    expectClose(-evaluated(result.yaml).score, ev.value);
  });
});

/**
 * Random SilverDecisions trees (decisions, chance nodes with numbers, expressions and several
 * "#", payoffs on every edge, a global variable) must come out with SilverDecisions' value:
 * this is what checks that payoffs accumulate along a path alike in both tools.
 */
describe('random trees', () => {
  type Built = { type: string; name: string; code: string; childEdges: unknown[] };
  const node = (depth: number): fc.Arbitrary<Built> =>
    depth === 0
      ? fc.constant({ type: 'terminal', name: '', code: '', childEdges: [] })
      : fc.oneof(
          { weight: 1, arbitrary: node(0) },
          {
            weight: 3,
            arbitrary: fc
              .tuple(
                fc.constantFrom('decision', 'chance'),
                fc.array(
                  fc.tuple(
                    node(depth - 1),
                    fc.integer({ min: -20, max: 20 }),
                    fc.boolean(),
                    fc.constantFrom('#', '1/10', '1/5', 'q', 'q/2'),
                  ),
                  { minLength: 1, maxLength: 4 },
                ),
              )
              .map(([type, children]) => {
                // The probabilities given may not exceed 1; the "#" branches share the rest.
                let sum = 0;
                const probabilities = children.map(([, , , p]) => {
                  const value = { '#': 0, '1/10': 0.1, '1/5': 0.2, q: 0.3, 'q/2': 0.15 }[p];
                  if (sum + value > 1 - 1e-9 || p === '#') return '#';
                  sum += value;
                  return p;
                });
                if (type === 'chance' && !probabilities.includes('#') && Math.abs(sum - 1) > 1e-9)
                  probabilities[probabilities.length - 1] = '#';
                return {
                  type,
                  name: '',
                  code: '',
                  childEdges: children.map(([child, payoff, asExpression], i) => ({
                    name: '',
                    payoff: [asExpression ? `${payoff} * k` : String(payoff), 0],
                    ...(type === 'chance' && { probability: probabilities[i] }),
                    childNode: child,
                  })),
                };
              }),
          },
        );

  it('evaluate to the same expected value in both tools', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        node(3),
        fc.constantFrom('expected-value-maximization', 'expected-value-minimization'),
        async (root, rule) => {
          const json = { rule, data: { code: 'q = 0.3\nk = 3', trees: [root] } };
          const sd = await silverDecisions(json, 0);
          if (!sd.valid) return;
          const ours = evaluated(imported(json).yaml);
          const sign = rule === 'expected-value-minimization' ? -1 : 1;
          expectClose(sign * ours.score, sd.value);
          compared++;
        },
      ),
      { numRuns: 60 },
    );
    // Trees SilverDecisions itself finds invalid are skipped; most must not be.
    expect(compared).toBeGreaterThan(50);
  }, 60_000);
});
