import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LIMITS } from '../../src/load/limits';
import { loadScenario, type LoadResult } from '../../src/load/load-scenario';
import type { Diagnostic } from '../../src/model/diagnostic';
import type { Quantity, Scenario, TreeNode } from '../../src/model/types';
import { describeRun, ROOT, runIsolated } from '../helpers/isolated';
import { source } from '../helpers/source';

const FILE = 'test.yaml';

/** Loads `text`, failing the test if the loader throws instead of returning a result. */
function load(text: string): LoadResult {
  let result: LoadResult | undefined;
  expect(() => {
    result = loadScenario(text, FILE);
  }).not.toThrow();
  if (!result) throw new Error('loadScenario returned nothing');
  return result;
}

function scenarioOf(text: string): Scenario {
  const result = load(text);
  if (!result.ok) {
    const listed = result.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`);
    throw new Error(`expected the scenario to load, got:\n${listed.join('\n')}`);
  }
  return result.scenario;
}

function errorsOf(text: string): Diagnostic[] {
  const result = load(text);
  if (result.ok) throw new Error('expected the scenario to be rejected, but it loaded');
  return result.errors;
}

/** The single diagnostic of a file with exactly one mistake. */
function onlyError(text: string): Diagnostic {
  const errors = errorsOf(text);
  expect(errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toHaveLength(1);
  return errors[0]!;
}

/** Every node's path (ids from the root down, joined by `/`), in file order. */
function pathsOf(node: TreeNode, prefix = ''): string[] {
  const path = prefix === '' ? node.id : `${prefix}/${node.id}`;
  return [path, ...node.children.flatMap((c) => pathsOf(c, path))];
}

/** The child with the given id; fails the test when there is none. */
function child(node: TreeNode, id: string): TreeNode {
  const found = node.children.find((c) => c.id === id);
  if (!found) throw new Error(`'${node.id}' has no child '${id}'`);
  return found;
}

function numberOf(q: Quantity | null | undefined): number {
  if (!q || q.kind !== 'number') throw new Error(`expected a number, got ${JSON.stringify(q)}`);
  return q.value;
}

const example = readFileSync(join(__dirname, '..', 'fixtures', 'format-example.yaml'), 'utf8');

describe('loadScenario: the FORMAT.md example', () => {
  const scenario = scenarioOf(example);

  it('reads title and description', () => {
    expect(scenario.title).toBe("US response to Russia's terms");
    expect(scenario.description).toBe('Why this question matters, what is out of scope.\n');
  });

  it('reads sources as written', () => {
    expect(scenario.sources).toEqual([
      {
        id: 'euglobal',
        title: "Putin's Escalation Signals: What Lies Ahead for NATO, Ukraine, and Trump?",
        publisher: 'EU Global',
      },
    ]);
  });

  it('reads criteria, filling in weight_range +-50% where it is left out', () => {
    expect(scenario.criteria).toEqual([
      expect.objectContaining({
        id: 'security',
        label: 'US and allied security',
        weight: 0.6,
        weightRange: [0.4, 0.8],
        direction: 'max',
        unit: 'index 0-10',
      }),
      expect.objectContaining({
        id: 'political_cost',
        label: 'Domestic political cost',
        weight: 0.4,
        direction: 'min',
        unit: null,
      }),
    ]);
    const [low, high] = scenario.criteria[1]!.weightRange;
    expect(low).toBeCloseTo(0.2, 12);
    expect(high).toBeCloseTo(0.6, 12);
  });

  it('keeps a number parameter as a number and an expression parameter as an expression', () => {
    const [deal, escalation] = scenario.parameters;
    expect(deal).toMatchObject({ name: 'p_deal_holds', index: 0 });
    expect(numberOf(deal!.value)).toBe(0.55);
    expect(escalation).toMatchObject({ name: 'p_escalation', index: 1 });
    const value = escalation!.value;
    if (value.kind !== 'expression') throw new Error('p_escalation should stay an expression');
    expect(value.expression.text).toBe('1 - p_deal_holds');
    expect(value.expression.uses).toEqual([0]);
    expect(value.expression.evaluate(Float64Array.from([0.55, 0, 0]))).toBeCloseTo(0.45, 12);
  });

  it('reads the long form of a parameter with range, distribution, source and notes', () => {
    const concession = scenario.parameters[2]!;
    expect(concession).toMatchObject({
      name: 'concession',
      index: 2,
      range: [0.2, 0.7],
      distribution: 'beta(4, 6)',
      label: 'Share of occupied territory conceded',
      unit: 'fraction',
      source: 'euglobal',
      note: 'Why this number; who said it.',
    });
    expect(numberOf(concession.value)).toBe(0.4);
  });

  it('derives ids from labels and builds every path from the root', () => {
    expect(pathsOf(scenario.root)).toEqual([
      'how-does-washington-answer',
      'how-does-washington-answer/accept-russia-s-terms',
      'how-does-washington-answer/accept-russia-s-terms/deal-holds',
      'how-does-washington-answer/accept-russia-s-terms/deal-collapses',
      'how-does-washington-answer/accept-russia-s-terms/deal-collapses/russia-escalates',
      'how-does-washington-answer/accept-russia-s-terms/deal-collapses/russia-backs-down',
      'how-does-washington-answer/firm',
      'how-does-washington-answer/firm/russia-escalates',
      'how-does-washington-answer/firm/russia-backs-down',
    ]);
    expect(scenario.nodeCount).toBe(9);
  });

  it('expands each use of a subtree, with the use-site label giving the id', () => {
    const accept = child(scenario.root, 'accept-russia-s-terms');
    const collapses = child(accept, 'deal-collapses');
    expect(collapses).toMatchObject({
      type: 'chance',
      label: 'Deal collapses',
      subtree: 'escalation_ladder',
    });
    expect(collapses.probability?.kind).toBe('complement');
    const firm = child(scenario.root, 'firm');
    expect(firm).toMatchObject({
      type: 'chance',
      label: 'Firm stance',
      subtree: 'escalation_ladder',
      probability: null,
    });
  });

  it('makes each use of a subtree an independent copy', () => {
    const collapses = child(child(scenario.root, 'accept-russia-s-terms'), 'deal-collapses');
    const firm = child(scenario.root, 'firm');
    expect(firm.children.map((c) => c.id)).toEqual(collapses.children.map((c) => c.id));
    expect(firm).not.toBe(collapses);
    expect(firm.children).not.toBe(collapses.children);
    firm.children.forEach((c, i) => expect(c).not.toBe(collapses.children[i]));
  });

  it('turns "#" into a complement and resolves payoff criteria by index', () => {
    const accept = child(scenario.root, 'accept-russia-s-terms');
    expect(accept.payoff).toHaveLength(1);
    expect(accept.payoff[0]!.criterion).toBe(1);
    expect(numberOf(accept.payoff[0]!.amount)).toBe(2);
    const holds = child(accept, 'deal-holds');
    expect(holds.type).toBe('outcome');
    expect(holds.probability?.kind).toBe('expression');
    expect(holds.payoff.map((t) => [t.criterion, numberOf(t.amount)])).toEqual([
      [0, 6],
      [1, 1],
    ]);
    const backsDown = child(child(scenario.root, 'firm'), 'russia-backs-down');
    expect(backsDown.probability).toMatchObject({ kind: 'complement' });
  });

  it('has no probability on the root or on the options of a decision', () => {
    expect(scenario.root.probability).toBeNull();
    for (const option of scenario.root.children) expect(option.probability).toBeNull();
  });
});

describe('loadScenario: defaults', () => {
  it('uses one criterion `value` (max, weight 1) when `criteria` is absent', () => {
    const scenario = scenarioOf(source`
      title: T
      root: { type: outcome, label: Only, payoff: 3 }
    `);
    expect(scenario.criteria).toEqual([
      expect.objectContaining({
        id: 'value',
        weight: 1,
        weightRange: [0.5, 1.5],
        direction: 'max',
      }),
    ]);
    expect(scenario.root.payoff.map((t) => [t.criterion, numberOf(t.amount)])).toEqual([[0, 3]]);
    expect(scenario.parameters).toEqual([]);
    expect(scenario.sources).toEqual([]);
    expect(scenario.description).toBeNull();
  });

  it('accepts a payoff mapping on the default criterion `value`', () => {
    const scenario = scenarioOf(source`
      title: T
      root: { type: outcome, label: Only, payoff: { value: 4 } }
    `);
    expect(scenario.root.payoff.map((t) => [t.criterion, numberOf(t.amount)])).toEqual([[0, 4]]);
  });

  it('gives a criterion weight 1, direction max, weight_range +-50% and its id as label', () => {
    const scenario = scenarioOf(source`
      title: T
      criteria:
        - id: gain
        - id: cost
          weight: 2
      root: { type: outcome, label: Only, payoff: { gain: 1 } }
    `);
    expect(scenario.criteria).toEqual([
      expect.objectContaining({
        id: 'gain',
        label: 'gain',
        weight: 1,
        weightRange: [0.5, 1.5],
        direction: 'max',
      }),
      expect.objectContaining({ id: 'cost', weight: 2, weightRange: [1, 3], direction: 'max' }),
    ]);
  });

  it('folds a constant expression into a number', () => {
    const scenario = scenarioOf(source`
      title: T
      parameters:
        k: "2 * 3 + 1"
      root:
        type: chance
        label: Root
        branches:
          - { label: A, probability: "1 / 4", type: outcome, payoff: { value: "2 ^ 3" } }
          - { label: B, probability: "#", type: outcome, payoff: 0 }
    `);
    expect(scenario.parameters[0]!.value).toMatchObject({ kind: 'number', value: 7 });
    const a = child(scenario.root, 'a');
    expect(a.probability).toMatchObject({ kind: 'number', value: 0.25 });
    expect(numberOf(a.payoff[0]!.amount)).toBe(8);
    expect(child(scenario.root, 'b').probability).toMatchObject({ kind: 'complement' });
  });

  it('keeps an expression over parameters as a compiled expression', () => {
    const scenario = scenarioOf(source`
      title: T
      parameters:
        p: 0.3
        q: "1 - p"
      root:
        type: chance
        label: Root
        branches:
          - { label: A, probability: p, type: outcome, payoff: { value: "q * 10" } }
          - { label: B, probability: q, type: outcome, payoff: 0 }
    `);
    const a = child(scenario.root, 'a');
    if (a.probability?.kind !== 'expression') throw new Error('expected an expression');
    expect(a.probability.expression.text).toBe('p');
    expect(a.probability.expression.uses).toEqual([0]);
    const amount = a.payoff[0]!.amount;
    if (amount.kind !== 'expression') throw new Error('expected an expression');
    expect(amount.expression.uses).toEqual([1]);
    expect(amount.expression.evaluate(Float64Array.from([0.3, 0.7]))).toBeCloseTo(7, 12);
  });

  it('takes an explicit id over the slug of the label', () => {
    const scenario = scenarioOf(source`
      title: T
      root: { type: outcome, id: my_root, label: Something else, payoff: 1 }
    `);
    expect(scenario.root.id).toBe('my_root');
  });

  it('accepts a label whose slug is empty when an id is given', () => {
    const scenario = scenarioOf(source`
      title: T
      root: { type: outcome, id: japan, label: 日本, payoff: 1 }
    `);
    expect(scenario.root).toMatchObject({ id: 'japan', label: '日本' });
  });
});

describe('loadScenario: subtrees', () => {
  const text = source`
    title: T
    sources:
      - { id: src, title: Source }
    subtrees:
      gamble:
        type: chance
        id: gamble-id
        label: Gamble
        note: from the subtree
        payoff: 1
        branches:
          - { label: Win, probability: 0.5, type: outcome, payoff: 10 }
          - { label: Lose, probability: "#", type: outcome, payoff: -10 }
    root:
      type: decision
      label: Root
      options:
        - use: gamble
        - use: gamble
          label: Second gamble
        - use: gamble
          id: third
        - use: gamble
          id: fourth
          label: Fourth gamble
          payoff: 5
          note: at the use site
          source: src
        - label: Nature
          type: chance
          branches:
            - { use: gamble, id: likely, probability: 0.75 }
            - { use: gamble, id: unlikely, probability: "#" }
  `;
  const scenario = scenarioOf(text);

  it('copies the subtree as written when the use site overrides nothing', () => {
    const first = scenario.root.children[0]!;
    expect(first).toMatchObject({
      type: 'chance',
      id: 'gamble-id',
      label: 'Gamble',
      note: 'from the subtree',
      subtree: 'gamble',
      source: null,
    });
    expect(numberOf(first.payoff[0]!.amount)).toBe(1);
    expect(first.children.map((c) => c.id)).toEqual(['win', 'lose']);
  });

  it('gives a use-site label its own id even when the subtree sets an id', () => {
    expect(scenario.root.children[1]).toMatchObject({
      id: 'second-gamble',
      label: 'Second gamble',
    });
  });

  it('takes a use-site id and keeps the subtree label', () => {
    expect(scenario.root.children[2]).toMatchObject({ id: 'third', label: 'Gamble' });
  });

  it('overrides label, id, payoff, note and source at the use site', () => {
    const fourth = scenario.root.children[3]!;
    expect(fourth).toMatchObject({
      id: 'fourth',
      label: 'Fourth gamble',
      note: 'at the use site',
      source: 'src',
      subtree: 'gamble',
    });
    expect(fourth.payoff.map((t) => numberOf(t.amount))).toEqual([5]);
  });

  it('overrides the probability at the use site', () => {
    const nature = child(scenario.root, 'nature');
    expect(child(nature, 'likely').probability).toMatchObject({ kind: 'number', value: 0.75 });
    expect(child(nature, 'unlikely').probability).toMatchObject({ kind: 'complement' });
  });

  it('gives every copy its own paths', () => {
    const paths = pathsOf(scenario.root);
    expect(paths).toEqual(
      expect.arrayContaining([
        'root/gamble-id/win',
        'root/second-gamble/win',
        'root/third/win',
        'root/fourth/lose',
        'root/nature/likely/win',
        'root/nature/unlikely/lose',
      ]),
    );
    expect(new Set(paths).size).toBe(paths.length);
    expect(scenario.nodeCount).toBe(paths.length);
  });

  it('expands a subtree that uses another subtree', () => {
    const nested = scenarioOf(source`
      title: T
      subtrees:
        leaf: { type: outcome, label: Leaf, payoff: 1 }
        pair:
          type: decision
          label: Pair
          options:
            - { use: leaf, id: left }
            - { use: leaf, id: right }
      root: { type: decision, label: Root, options: [{ use: pair }, { use: pair, id: again }] }
    `);
    expect(pathsOf(nested.root)).toEqual([
      'root',
      'root/pair',
      'root/pair/left',
      'root/pair/right',
      'root/again',
      'root/again/left',
      'root/again/right',
    ]);
  });
});

describe('loadScenario: YAML mistakes', () => {
  it('reports a YAML syntax error at the position the parser gives', () => {
    const d = onlyError('title: T\nroot:\n\ttype: outcome\n');
    expect(d).toMatchObject({ code: 'YAML_SYNTAX', file: FILE, line: 3, column: 1 });
    expect(d.message).toContain('Tab');
  });

  it('reports an unclosed quote at the line where the parser gives up', () => {
    const errors = errorsOf('title: "T\nroot: 1\n');
    expect(errors[0]).toMatchObject({ code: 'YAML_SYNTAX', file: FILE });
    expect(errors[0]!.message).toContain('quote');
  });

  it('reports several syntax errors of one file, each at its own line', () => {
    const errors = errorsOf(source`
      title: T: x
      root: 1
      extra: ]
    `);
    expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([
      ['YAML_SYNTAX', 1, 8],
      ['YAML_SYNTAX', 3, 8],
    ]);
  });

  it('rejects a duplicate top-level key at the second occurrence', () => {
    const d = onlyError(source`
      title: T
      root: { type: outcome, label: A, payoff: 1 }
      title: U
    `);
    expect(d).toMatchObject({ code: 'YAML_SYNTAX', line: 3, column: 1 });
    expect(d.message).toContain('unique');
  });

  it('rejects a duplicate key inside a node at the second occurrence', () => {
    const d = onlyError(source`
      title: T
      root: { type: outcome, label: A, label: B, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'YAML_SYNTAX', line: 2, column: 34 });
  });

  it.each([
    ['a list', '- title: T\n- root: 1\n'],
    ['a scalar', 'just some text\n'],
    ['an empty file', ''],
    ['a comment only', '# nothing here\n'],
  ])('rejects %s at the top level with NOT_A_MAPPING', (_what, text) => {
    const d = onlyError(text);
    expect(d).toMatchObject({ code: 'NOT_A_MAPPING', file: FILE, line: 1, column: 1 });
    expect(d.message).toContain('mapping');
  });

  it('rejects .nan and .inf where a number is expected', () => {
    const errors = errorsOf(source`
      title: T
      criteria:
        - id: a
          weight: .inf
        - id: b
          weight: .nan
      root: { type: outcome, label: A, payoff: { a: 1 } }
    `);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [4, 13],
      [6, 13],
    ]);
  });
});

describe('loadScenario: shape mistakes', () => {
  it('rejects an unknown key at the key itself and suggests the key meant', () => {
    const d = onlyError(source`
      title: T
      root:
        type: outcome
        lable: Only
        payoff: 1
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_KEY', file: FILE, line: 4, column: 3 });
    expect(d.message).toContain("'lable'");
    expect(d.message).toContain("did you mean 'label'");
  });

  it.each([
    ['the top level', 'subtress: {}\n', 3, 1, 'subtrees'],
    ['a criterion', 'criteria:\n  - id: c\n    wieght: 1\n', 5, 5, 'weight'],
    ['a source', 'sources:\n  - id: s\n    title: S\n    pubisher: P\n', 6, 5, 'publisher'],
  ])('suggests the right key for a typo in %s', (_what, extra, line, column, meant) => {
    const d = onlyError(`title: T\nroot: { type: outcome, label: A, payoff: 1 }\n${extra}`);
    expect(d).toMatchObject({ code: 'UNKNOWN_KEY', line, column });
    expect(d.message).toContain(`did you mean '${meant}'`);
  });

  it('suggests the right key for a typo in a branch', () => {
    const d = onlyError(source`
      title: T
      root:
        type: chance
        label: Root
        branches:
          - label: A
            probabilty: 1
            type: outcome
            payoff: 1
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_KEY', line: 7, column: 7 });
    expect(d.message).toContain("did you mean 'probability'");
  });

  it('lists the keys allowed when an unknown key is not close to any', () => {
    const d = onlyError(source`
      title: T
      root: { type: outcome, label: A, payoff: 1, colour: red }
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_KEY', line: 2, column: 45 });
    expect(d.message).toContain("'colour'");
    expect(d.message).toContain('label');
  });

  it('reports an unknown key in the long form of a parameter', () => {
    const errors = errorsOf(source`
      title: T
      parameters:
        p:
          valeu: 1
      root: { type: outcome, label: A, payoff: 1 }
    `);
    const unknown = errors.find((e) => e.code === 'UNKNOWN_KEY');
    expect(unknown).toMatchObject({ line: 4, column: 5 });
    expect(unknown!.message).toContain("did you mean 'value'");
  });

  it('requires a title', () => {
    const d = onlyError(source`
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'MISSING_KEY', line: 1, column: 1 });
    expect(d.message).toContain('title');
  });

  it('requires a root', () => {
    const d = onlyError(source`
      title: T
    `);
    expect(d).toMatchObject({ code: 'MISSING_KEY', line: 1, column: 1 });
    expect(d.message).toContain('root');
  });

  it.each([
    [
      'a title that is a list',
      'title: [a, b]\nroot: { type: outcome, label: A, payoff: 1 }\n',
      1,
      8,
      'title',
    ],
    [
      'a weight that is text',
      'title: T\ncriteria:\n  - id: c\n    weight: heavy\nroot: { type: outcome, label: A, payoff: 1 }\n',
      4,
      13,
      'weight',
    ],
    [
      'options that are a number',
      'title: T\nroot:\n  type: decision\n  label: R\n  options: 3\n',
      5,
      12,
      'options',
    ],
    [
      'a label that is a mapping',
      'title: T\nroot: { type: outcome, label: { a: 1 }, payoff: 1 }\n',
      2,
      31,
      'label',
    ],
  ])('rejects %s with WRONG_TYPE at the value', (_what, text, line, column, key) => {
    const d = onlyError(text);
    expect(d).toMatchObject({ code: 'WRONG_TYPE', line, column });
    expect(d.message).toContain(key);
  });

  it('rejects an unknown node type with BAD_VALUE', () => {
    const d = onlyError(source`
      title: T
      root:
        type: choice
        label: A
        payoff: 1
    `);
    expect(d).toMatchObject({ code: 'BAD_VALUE', line: 3, column: 9 });
    expect(d.message).toContain('type');
    expect(d.message).toContain('decision');
  });

  it('rejects an unknown direction with BAD_VALUE', () => {
    const d = onlyError(source`
      title: T
      criteria:
        - id: c
          direction: up
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'BAD_VALUE', line: 4, column: 16 });
    expect(d.message).toContain('direction');
    expect(d.message).toContain('max');
  });

  it('rejects a negative weight', () => {
    const d = onlyError(source`
      title: T
      criteria:
        - id: c
          weight: -0.5
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'BAD_VALUE', line: 4, column: 13 });
    expect(d.message).toContain('weight');
  });

  it('rejects an empty list of options', () => {
    const d = onlyError(source`
      title: T
      root: { type: decision, label: R, options: [] }
    `);
    expect(d).toMatchObject({ code: 'BAD_VALUE', line: 2, column: 44 });
    expect(d.message).toContain('options');
  });
});

describe('loadScenario: node mistakes', () => {
  it('requires a type on every node', () => {
    const d = onlyError(source`
      title: T
      root:
        type: decision
        label: Root
        options:
          - label: Untyped
            payoff: 1
    `);
    expect(d).toMatchObject({ code: 'MISSING_KEY', line: 6, column: 7, path: 'root/untyped' });
    expect(d.message).toContain("'type'");
    expect(d.message).toContain('root/untyped');
  });

  it('requires a label on a node written without use', () => {
    const d = onlyError(source`
      title: T
      root:
        type: outcome
        payoff: 1
    `);
    expect(d).toMatchObject({ code: 'MISSING_KEY', line: 3, column: 3 });
    expect(d.message).toContain('label');
  });

  it('requires options on a decision', () => {
    const d = onlyError(source`
      title: T
      root:
        type: decision
        label: Root
    `);
    expect(d).toMatchObject({ code: 'MISSING_KEY', line: 3, column: 3, path: 'root' });
    expect(d.message).toContain('options');
  });

  it('requires branches on a chance node', () => {
    const d = onlyError(source`
      title: T
      root:
        type: chance
        label: Root
    `);
    expect(d).toMatchObject({ code: 'MISSING_KEY', line: 3, column: 3, path: 'root' });
    expect(d.message).toContain('branches');
  });

  it('requires a payoff on an outcome', () => {
    const d = onlyError(source`
      title: T
      root:
        type: outcome
        label: Leaf
    `);
    expect(d).toMatchObject({ code: 'MISSING_KEY', line: 3, column: 3, path: 'leaf' });
    expect(d.message).toContain('payoff');
  });

  it('rejects options on a chance node and says branches were meant', () => {
    const errors = errorsOf(source`
      title: T
      root:
        type: chance
        label: Root
        options:
          - { label: A, type: outcome, payoff: 1 }
    `);
    const misplaced = errors.find((e) => e.code === 'MISPLACED_KEY');
    expect(misplaced).toMatchObject({ line: 6, column: 5, path: 'root' });
    expect(misplaced!.message).toContain("'options'");
    expect(misplaced!.message).toContain("'branches'");
    expect(errors.map((e) => e.code)).toEqual(['MISSING_KEY', 'MISPLACED_KEY']);
  });

  it('rejects branches on an outcome', () => {
    const d = onlyError(source`
      title: T
      root:
        type: outcome
        label: Leaf
        payoff: 1
        branches:
          - { label: A, probability: 1, type: outcome, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'MISPLACED_KEY', line: 7, column: 5, path: 'leaf' });
    expect(d.message).toContain('branches');
  });

  it("rejects a probability on a decision's option", () => {
    const d = onlyError(source`
      title: T
      root:
        type: decision
        label: Root
        options:
          - label: A
            probability: 0.5
            type: outcome
            payoff: 1
    `);
    expect(d).toMatchObject({ code: 'MISPLACED_KEY', line: 7, column: 20, path: 'root/a' });
    expect(d.message).toContain('probability');
    expect(d.message).toContain('decision');
  });

  it('rejects a probability on the root', () => {
    const d = onlyError(source`
      title: T
      root:
        type: outcome
        label: A
        probability: 1
        payoff: 1
    `);
    expect(d).toMatchObject({ code: 'MISPLACED_KEY', line: 5, column: 16, path: 'a' });
    expect(d.message).toContain('root');
  });

  it('requires a probability on every branch of a chance node', () => {
    const d = onlyError(source`
      title: T
      root:
        type: chance
        label: Root
        branches:
          - { label: A, type: outcome, payoff: 1 }
          - { label: B, type: outcome, payoff: 1, probability: "#" }
    `);
    expect(d).toMatchObject({ code: 'MISSING_KEY', line: 6, column: 7, path: 'root/a' });
    expect(d.message).toContain('probability');
    expect(d.message).toContain('root/a');
  });

  it('rejects literal probabilities 1.2 and -0.1 and names each branch', () => {
    const errors = errorsOf(source`
      title: T
      root:
        type: chance
        label: Root
        branches:
          - label: A
            probability: 1.2
            type: outcome
            payoff: 1
          - label: B
            probability: -0.1
            type: outcome
            payoff: 1
    `);
    expect(errors.map((e) => [e.code, e.line, e.column, e.path])).toEqual([
      ['PROBABILITY_RANGE', 7, 20, 'root/a'],
      ['PROBABILITY_RANGE', 11, 20, 'root/b'],
    ]);
    expect(errors[0]!.message).toContain('1.2');
    expect(errors[0]!.message).toContain('root/a');
    expect(errors[1]!.message).toContain('-0.1');
  });

  it('rejects two "#" branches in one chance node at the second', () => {
    const d = onlyError(source`
      title: T
      root:
        type: chance
        label: Root
        branches:
          - label: A
            probability: "#"
            type: outcome
            payoff: 1
          - label: B
            probability: "#"
            type: outcome
            payoff: 2
    `);
    expect(d).toMatchObject({ code: 'MULTIPLE_COMPLEMENTS', line: 11, column: 20, path: 'root' });
    expect(d.message).toContain("'root'");
  });

  it('rejects a single-number payoff when there are two criteria', () => {
    const d = onlyError(source`
      title: T
      criteria:
        - id: gain
        - id: pain
      root:
        type: outcome
        label: A
        payoff: 3
    `);
    expect(d).toMatchObject({ code: 'PAYOFF_NEEDS_MAPPING', line: 8, column: 11, path: 'a' });
    expect(d.message).toContain('gain');
  });

  it('rejects a payoff naming an unknown criterion, at that entry', () => {
    const d = onlyError(source`
      title: T
      criteria:
        - id: gain
      root:
        type: outcome
        label: A
        payoff:
          gain: 1
          pian: 2
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_CRITERION', line: 9, column: 11, path: 'a' });
    expect(d.message).toContain("'pian'");
    expect(d.message).toContain('gain');
  });

  it('rejects a payoff naming another criterion than the default `value`', () => {
    const d = onlyError(source`
      title: T
      root: { type: outcome, label: A, payoff: { profit: 2 } }
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_CRITERION', line: 2, column: 52, path: 'a' });
    expect(d.message).toContain('profit');
  });

  it('rejects two siblings with the same id and names the id', () => {
    const d = onlyError(source`
      title: T
      root:
        type: decision
        label: Root
        options:
          - { label: Go, type: outcome, payoff: 1 }
          - { label: go!, type: outcome, payoff: 2 }
    `);
    expect(d).toMatchObject({ code: 'DUPLICATE_ID', line: 7, column: 7, path: 'root/go' });
    expect(d.message).toContain("'go'");
  });

  it('allows the same id under different parents', () => {
    const scenario = scenarioOf(source`
      title: T
      root:
        type: decision
        label: Root
        options:
          - { label: A, type: decision, options: [{ label: Go, type: outcome, payoff: 1 }] }
          - { label: B, type: decision, options: [{ label: Go, type: outcome, payoff: 2 }] }
    `);
    expect(pathsOf(scenario.root)).toEqual(['root', 'root/a', 'root/a/go', 'root/b', 'root/b/go']);
  });

  it('rejects a label whose slug is empty when no id is given', () => {
    const d = onlyError(source`
      title: T
      root:
        type: outcome
        label: 日本
        payoff: 1
    `);
    expect(d).toMatchObject({ code: 'EMPTY_SLUG', line: 4, column: 10 });
    expect(d.message).toContain('日本');
  });

  it('rejects a node citing an unknown source and lists the known ones', () => {
    const d = onlyError(source`
      title: T
      sources:
        - id: report
          title: A report
      root:
        type: outcome
        label: A
        payoff: 1
        source: reprot
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_SOURCE', line: 9, column: 11, path: 'a' });
    expect(d.message).toContain("'reprot'");
    expect(d.message).toContain('report');
  });

  it('rejects a parameter citing an unknown source', () => {
    const d = onlyError(source`
      title: T
      parameters:
        p:
          value: 1
          source: nowhere
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_SOURCE', line: 5, column: 13, path: 'p' });
    expect(d.message).toContain('nowhere');
  });

  it('rejects a criterion id used twice, at the second', () => {
    const d = onlyError(source`
      title: T
      criteria:
        - id: gain
        - id: gain
      root: { type: outcome, label: A, payoff: { gain: 1 } }
    `);
    expect(d).toMatchObject({ code: 'DUPLICATE_ID', line: 4, column: 9 });
    expect(d.message).toContain("'gain'");
  });

  it('rejects a source id used twice, at the second', () => {
    const d = onlyError(source`
      title: T
      sources:
        - { id: s, title: One }
        - { id: s, title: Two }
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'DUPLICATE_ID', line: 4, column: 11 });
    expect(d.message).toContain("'s'");
  });
});

describe('loadScenario: subtree mistakes', () => {
  it('rejects a use of an unknown subtree and lists the known ones', () => {
    const d = onlyError(source`
      title: T
      subtrees:
        ladder: { type: outcome, label: L, payoff: 1 }
      root:
        use: ladder2
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_SUBTREE', line: 5, column: 8 });
    expect(d.message).toContain("'ladder2'");
    expect(d.message).toContain('ladder');
  });

  it('does not take a built-in object property for a subtree', () => {
    const d = onlyError(source`
      title: T
      root:
        use: constructor
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_SUBTREE', line: 3, column: 8 });
  });

  it('rejects a cycle of subtree uses and shows the cycle', () => {
    const d = onlyError(source`
      title: T
      subtrees:
        a:
          type: decision
          label: A
          options:
            - use: b
        b:
          type: decision
          label: B
          options:
            - use: a
      root:
        use: a
    `);
    expect(d).toMatchObject({ code: 'SUBTREE_CYCLE', line: 12, column: 14 });
    expect(d.message).toContain('a -> b -> a');
  });

  it('rejects a subtree that uses itself directly', () => {
    const d = onlyError(source`
      title: T
      subtrees:
        a: { use: a }
      root: { use: a }
    `);
    expect(d).toMatchObject({ code: 'SUBTREE_CYCLE', line: 3, column: 13 });
    expect(d.message).toContain('a -> a');
  });

  it('rejects a type written beside use', () => {
    const d = onlyError(source`
      title: T
      subtrees:
        leaf: { type: outcome, label: L, payoff: 1 }
      root:
        use: leaf
        type: decision
    `);
    expect(d).toMatchObject({ code: 'MISPLACED_KEY', line: 6, column: 9 });
    expect(d.message).toContain("'type'");
    expect(d.message).toContain('leaf');
  });

  it('rejects branches written beside use', () => {
    const d = onlyError(source`
      title: T
      subtrees:
        gamble:
          type: chance
          label: G
          branches: [{ label: W, probability: 1, type: outcome, payoff: 1 }]
      root:
        use: gamble
        branches: [{ label: X, probability: 1, type: outcome, payoff: 1 }]
    `);
    expect(d).toMatchObject({ code: 'MISPLACED_KEY', line: 9, column: 13 });
    expect(d.message).toContain("'branches'");
  });

  it('points a mistake inside a subtree used twice at the subtree definition, once', () => {
    const errors = errorsOf(source`
      title: T
      criteria:
        - id: gain
      subtrees:
        bad:
          type: outcome
          label: Bad
          payoff: { gian: 1 }
      root:
        type: decision
        label: Root
        options:
          - use: bad
            id: one
          - use: bad
            id: two
    `);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'UNKNOWN_CRITERION',
      line: 8,
      column: 21,
      path: 'root/one',
    });
    expect(errors[0]!.message).toContain('gian');
  });

  it('points a missing type inside a subtree at the subtree definition', () => {
    const errors = errorsOf(source`
      title: T
      subtrees:
        untyped:
          label: No type
          payoff: 1
      root:
        type: decision
        label: Root
        options:
          - { use: untyped, id: one }
          - { use: untyped, id: two }
    `);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatchObject({ code: 'MISSING_KEY', line: 4, column: 5 });
  });
});

describe('loadScenario: parameter and expression mistakes', () => {
  it('rejects parameters that depend on each other and names both', () => {
    const d = onlyError(source`
      title: T
      parameters:
        a: "b + 1"
        b: "a * 2"
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'PARAMETER_CYCLE', line: 3, column: 6, path: 'a' });
    expect(d.message).toContain('a -> b -> a');
  });

  it('rejects a parameter that depends on itself', () => {
    const d = onlyError(source`
      title: T
      parameters:
        a:
          value: "a + 1"
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'PARAMETER_CYCLE', line: 4, column: 12, path: 'a' });
    expect(d.message).toContain('a -> a');
  });

  it('loads a chain of 10,000 parameters without overflowing the stack', () => {
    const n = 10_000;
    const lines = ['title: T', 'parameters:'];
    for (let i = 0; i < n - 1; i++) lines.push(`  p${i}: "p${i + 1} + 1"`);
    lines.push(`  p${n - 1}: 1`);
    lines.push('root: { type: outcome, label: A, payoff: { value: p0 } }');
    const scenario = scenarioOf(lines.join('\n'));
    expect(scenario.parameters).toHaveLength(n);
  });

  it('rejects an unknown name in a parameter, naming the name', () => {
    const d = onlyError(source`
      title: T
      parameters:
        p: "q + 1"
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_NAME', line: 3, column: 6, path: 'p' });
    expect(d.message).toContain("'q'");
  });

  it('rejects an unknown name in a probability, naming the branch', () => {
    const d = onlyError(source`
      title: T
      root:
        type: chance
        label: Root
        branches:
          - label: A
            probability: p_rain
            type: outcome
            payoff: 1
          - { label: B, probability: "#", type: outcome, payoff: 0 }
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_NAME', line: 7, column: 20, path: 'root/a' });
    expect(d.message).toContain('p_rain');
  });

  it('rejects an unknown name in a payoff', () => {
    const d = onlyError(source`
      title: T
      criteria: [{ id: gain }]
      root:
        type: outcome
        label: A
        payoff: { gain: "bonus * 2" }
    `);
    expect(d).toMatchObject({ code: 'UNKNOWN_NAME', line: 6, column: 19, path: 'a' });
    expect(d.message).toContain('bonus');
  });

  it.each([
    ['assignment', 'a = 1', 'EXPRESSION_FORBIDDEN'],
    ['a function definition', 'f(x) = x', 'EXPRESSION_FORBIDDEN'],
    ['an import', 'import({}, {})', 'EXPRESSION_FORBIDDEN'],
    ['a matrix', '"[1, 2]"', 'EXPRESSION_FORBIDDEN'],
    ['a string', '\'"s"\'', 'EXPRESSION_FORBIDDEN'],
    ['a syntax error', '1 +', 'EXPRESSION_SYNTAX'],
    ['an unclosed parenthesis', '(1 + 2', 'EXPRESSION_SYNTAX'],
  ])('rejects %s in a parameter at the parameter', (_what, expression, code) => {
    const d = onlyError(
      `title: T\nparameters:\n  p: ${expression}\nroot: { type: outcome, label: A, payoff: 1 }\n`,
    );
    expect(d).toMatchObject({ code, line: 3, column: 6, path: 'p' });
  });

  it.each([
    ['1 / 0', 'Infinity'],
    ['0 / 0', 'NaN'],
    ['sqrt(-1)', 'NaN'],
    ['10 ^ 400', 'Infinity'],
  ])('rejects the constant expression %s as NOT_FINITE', (expression, shown) => {
    const d = onlyError(
      `title: T\nparameters:\n  p: "${expression}"\nroot: { type: outcome, label: A, payoff: 1 }\n`,
    );
    expect(d).toMatchObject({ code: 'NOT_FINITE', line: 3, column: 6, path: 'p' });
    expect(d.message).toContain(expression);
    expect(d.message).toContain(shown);
  });

  it('rejects a constant payoff expression that is not finite', () => {
    const d = onlyError(source`
      title: T
      root: { type: outcome, label: A, payoff: { value: "1 / 0" } }
    `);
    expect(d).toMatchObject({ code: 'NOT_FINITE', line: 2, column: 51, path: 'a' });
  });

  it('rejects a call of a built-in object method instead of throwing', () => {
    const errors = errorsOf(source`
      title: T
      parameters:
        p: "toString()"
        q: "constructor(1)"
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(errors.map((e) => [e.code, e.line, e.path])).toEqual([
      ['EXPRESSION_FORBIDDEN', 3, 'p'],
      ['EXPRESSION_FORBIDDEN', 4, 'q'],
    ]);
  });

  it('rejects a range with low > high', () => {
    const d = onlyError(source`
      title: T
      parameters:
        p:
          value: 0.5
          range: [0.9, 0.1]
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'BAD_VALUE', line: 5, column: 12, path: 'p' });
    expect(d.message).toContain('0.9');
  });

  it('rejects a weight_range with low > high or below 0', () => {
    const errors = errorsOf(source`
      title: T
      criteria:
        - id: a
          weight_range: [0.8, 0.4]
        - id: b
          weight_range: [-1, 2]
      root: { type: outcome, label: A, payoff: { a: 1 } }
    `);
    expect(errors.map((e) => [e.code, e.line, e.column, e.path])).toEqual([
      ['BAD_VALUE', 4, 19, 'a'],
      ['BAD_VALUE', 6, 19, 'b'],
    ]);
  });

  it('rejects a value outside its range, at the value', () => {
    const d = onlyError(source`
      title: T
      parameters:
        p:
          value: 0.95
          range: [0.1, 0.9]
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'RANGE_EXCLUDES_VALUE', line: 4, column: 12, path: 'p' });
    expect(d.message).toContain('0.95');
    expect(d.message).toContain("'p'");
  });

  it.each([
    ['beta(0, -1)', 'beta'],
    ['gamma(2, 1)', 'gamma'],
    ['uniform(1)', 'uniform'],
    ['normal(0, 1', 'normal'],
  ])('rejects the distribution %s', (distribution, named) => {
    const d = onlyError(source`
      title: T
      parameters:
        p:
          value: 0.5
          distribution: ${distribution}
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'BAD_DISTRIBUTION', line: 5, column: 19, path: 'p' });
    expect(d.message).toContain(named);
  });

  it('rejects a distribution named like a built-in object property instead of throwing', () => {
    const d = onlyError(source`
      title: T
      parameters:
        p:
          value: 0.5
          distribution: constructor(1)
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'BAD_DISTRIBUTION', line: 5, column: 19, path: 'p' });
  });

  it.each(['max', 'log', 'round'])('rejects a parameter named like the function %s', (name) => {
    const d = onlyError(
      `title: T\nparameters:\n  ${name}: 1\nroot: { type: outcome, label: A, payoff: 1 }\n`,
    );
    expect(d).toMatchObject({ code: 'BAD_ID', line: 3, column: name.length + 5, path: name });
    expect(d.message).toContain(`'${name}'`);
  });

  it('rejects a parameter name that cannot appear in an expression', () => {
    const d = onlyError(source`
      title: T
      parameters:
        2x: 1
      root: { type: outcome, label: A, payoff: 1 }
    `);
    expect(d).toMatchObject({ code: 'BAD_ID', line: 3, column: 7, path: '2x' });
  });
});

describe('loadScenario: every mistake at once', () => {
  it('reports three independent mistakes, sorted by line', () => {
    const errors = errorsOf(source`
      title: T
      root:
        type: chance
        label: Root
        source: nowhere
        branches:
          - label: A
            probability: 1.5
            type: outcome
            payoff: 1
          - { label: B, probability: "#", type: outcome, payoff: 1 }
      parameters:
        p: "q + 1"
    `);
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['UNKNOWN_SOURCE', 5],
      ['PROBABILITY_RANGE', 8],
      ['UNKNOWN_NAME', 13],
    ]);
    for (const e of errors) expect(e.file).toBe(FILE);
  });

  it('reports three shape mistakes together, sorted by line', () => {
    const errors = errorsOf(source`
      title: T
      criteria:
        - id: c
          direction: sideways
      root: { type: outcome, label: A, payoff: 1 }
      subtress: {}
      description: [not, text]
    `);
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['BAD_VALUE', 4],
      ['UNKNOWN_KEY', 6],
      ['WRONG_TYPE', 7],
    ]);
  });

  it('reports mistakes in the top level, in a node and in a reference together', () => {
    const errors = errorsOf(source`
      title: T
      criteria:
        - id: gain
          wieght: 1
      root:
        type: decision
        label: Root
        options:
          - { label: A, type: outcome, payof: 1 }
          - { label: B, type: outcome, payoff: { pain: 1 } }
    `);
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['UNKNOWN_KEY', 4],
      ['UNKNOWN_KEY', 9],
      ['UNKNOWN_CRITERION', 10],
    ]);
  });
});

describe('loadScenario: limits', () => {
  it('rejects a billion-laughs alias bomb quickly', () => {
    const names = 'abcdefghi';
    const lines = ['title: T', `a: &a [${Array<string>(10).fill('"lol"').join(', ')}]`];
    for (let i = 1; i < names.length; i++) {
      const alias = `*${names[i - 1]!}`;
      lines.push(`${names[i]!}: &${names[i]!} [${Array<string>(10).fill(alias).join(', ')}]`);
    }
    lines.push('root: *i');
    const started = Date.now();
    const errors = errorsOf(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors).toHaveLength(1);
    expect(['TOO_MANY_ALIASES', 'TOO_MANY_NODES']).toContain(errors[0]!.code);
  });

  it('rejects a self-referencing alias with TOO_DEEP', () => {
    const d = onlyError(source`
      title: T
      root: &a [*a]
    `);
    expect(d.code).toBe('TOO_DEEP');
  });

  it('rejects a self-referencing mapping alias with TOO_DEEP', () => {
    expect(onlyError('title: T\nroot: &a { type: *a }\n').code).toBe('TOO_DEEP');
  });

  it('rejects YAML nested deeper than LIMITS.maxYamlDepth with TOO_DEEP', () => {
    const levels = LIMITS.maxYamlDepth + 100;
    const d = onlyError(`title: T\nroot: ${'['.repeat(levels)}${']'.repeat(levels)}\n`);
    expect(d.code).toBe('TOO_DEEP');
  });

  it('rejects YAML nested 100,000 levels deep with TOO_DEEP, without crashing the process', () => {
    // Run in a child process: this input can end the process with a fatal V8 error that no
    // try/catch sees. An earlier file with a YAML error is part of the recipe.
    const run = runIsolated(`
      const { loadScenario } = require(${JSON.stringify(join(ROOT, 'src', 'load', 'load-scenario'))});
      loadScenario('title: T\\nroot:\\n\\ttype: outcome\\n', 'first.yaml');
      const n = 100000;
      const deep = 'title: T\\nroot: ' + '['.repeat(n) + ']'.repeat(n) + '\\n';
      const result = loadScenario(deep, 'deep.yaml');
      process.stdout.write(JSON.stringify(result.ok ? 'loaded' : result.errors.map((e) => e.code)));
    `);
    expect({ crashed: run.status !== 0, run: describeRun(run) }).toMatchObject({ crashed: false });
    expect(JSON.parse(run.stdout)).toEqual(['TOO_DEEP']);
  }, 30_000);

  it('does not hand deeply nested text to the slower parser after an early syntax error', () => {
    // js-yaml stops at the syntax error on line 1 before it sees the depth, so the depth guard
    // is what keeps this text away from the parser that can abort the process.
    const run = runIsolated(`
      const { loadScenario } = require(${JSON.stringify(join(ROOT, 'src', 'load', 'load-scenario'))});
      const n = 100000;
      const text = 'title: [unclosed\\nroot: ' + '['.repeat(n) + ']'.repeat(n) + '\\n';
      const result = loadScenario(text, 'deep.yaml');
      process.stdout.write(JSON.stringify(result.ok ? 'loaded' : result.errors.map((e) => e.code)));
    `);
    expect({ crashed: run.status !== 0, run: describeRun(run) }).toMatchObject({ crashed: false });
    expect(JSON.parse(run.stdout)).toEqual(['TOO_DEEP']);
  }, 30_000);

  /** A decision tree `levels` deep, written inline as nested flow mappings. */
  function nestedTree(levels: number): string {
    let node = '{ type: outcome, label: Leaf, payoff: 1 }';
    for (let i = 0; i < levels; i++) node = `{ type: decision, label: D${i}, options: [${node}] }`;
    return `title: T\nroot: ${node}\n`;
  }

  it('accepts a tree 100 levels deep, well within LIMITS.maxTreeDepth', () => {
    expect(LIMITS.maxTreeDepth).toBeGreaterThan(100);
    expect(scenarioOf(nestedTree(100)).nodeCount).toBe(101);
  });

  it('rejects a tree deeper than LIMITS.maxTreeDepth written inline with TOO_DEEP', () => {
    const d = onlyError(nestedTree(LIMITS.maxTreeDepth + 10));
    expect(d.code).toBe('TOO_DEEP');
  });

  it('rejects a chain of subtrees deeper than LIMITS.maxTreeDepth with TOO_DEEP', () => {
    const n = LIMITS.maxTreeDepth + 10;
    const lines = ['title: T', 'subtrees:'];
    for (let i = 0; i < n; i++) {
      lines.push(`  s${i}: { type: decision, label: S${i}, options: [{ use: s${i + 1} }] }`);
    }
    lines.push(`  s${n}: { type: outcome, label: End, payoff: 1 }`);
    lines.push('root: { use: s0 }');
    const d = onlyError(lines.join('\n'));
    expect(d.code).toBe('TOO_DEEP');
    expect(d.line).toBeGreaterThan(2);
  });

  it('rejects a subtree bomb (each subtree using the next twice) with TOO_MANY_NODES', () => {
    const levels = 22; // 2^22 leaves, far beyond LIMITS.maxTreeNodes
    const lines = ['title: T', 'subtrees:'];
    for (let i = 0; i < levels; i++) {
      lines.push(
        `  s${i}: { type: decision, label: S, options: [{ use: s${i + 1}, id: a }, { use: s${i + 1}, id: b }] }`,
      );
    }
    lines.push(`  s${levels}: { type: outcome, label: End, payoff: 1 }`);
    lines.push('root: { use: s0 }');
    const d = onlyError(lines.join('\n'));
    expect(d.code).toBe('TOO_MANY_NODES');
  }, 30_000);

  it('rejects a file over LIMITS.maxFileBytes with FILE_TOO_LARGE', () => {
    const text = `title: T\n# ${'x'.repeat(LIMITS.maxFileBytes)}\n`;
    const d = onlyError(text);
    expect(d).toMatchObject({ code: 'FILE_TOO_LARGE', file: FILE, line: null, column: null });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(() => loadScenario(text, FILE)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('never throws, whatever the JSON document', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(() => loadScenario(JSON.stringify(value), FILE)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on scenario-like documents with arbitrary values', () => {
    const anything = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.double(),
      fc.constantFrom('#', 'toString()', 'constructor(1)', '__proto__', 'max', '1/0'),
    );
    const node = fc.record(
      {
        type: fc.constantFrom('decision', 'chance', 'outcome'),
        label: fc.string({ maxLength: 10 }),
        payoff: anything,
        probability: anything,
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 8 }), anything),
        node,
        (parameters, root) => {
          const doc = { title: 'T', parameters, root };
          expect(() => loadScenario(JSON.stringify(doc), FILE)).not.toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });
});
