import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openScenario } from '../../src/document';
import type { TreeNode } from '../../src/model/types';

/**
 * The scenarios that ship in scenarios/ are the product's first impression: each must validate,
 * and every number an analyst might question must say where it comes from.
 */
const dir = join(__dirname, '..', '..', 'scenarios');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

function nodes(n: TreeNode): TreeNode[] {
  return [n, ...n.children.flatMap(nodes)];
}

it('ships at least the three scenarios from the article', () => {
  expect(files).toEqual(expect.arrayContaining(['us-response.yaml', 'european-forces.yaml', 'nato-posture.yaml']));
});

describe.each(files)('%s', (file) => {
  const doc = openScenario(readFileSync(join(dir, file), 'utf8'), file);

  it('validates, with its base case evaluating', () => {
    expect(doc.ok ? [] : doc.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([]);
  });

  if (!doc.ok) return;
  const { scenario, base } = doc;

  it('has a description stating the question, the time horizon and what is out of scope', () => {
    const text = (scenario.description ?? '').toLowerCase();
    expect(text).toMatch(/question/);
    expect(text).toMatch(/horizon/);
    expect(text).toMatch(/out of scope/);
  });

  it('gives every parameter a note and a known source', () => {
    const sources = new Set(scenario.sources.map((s) => s.id));
    for (const p of scenario.parameters) {
      expect({ name: p.name, note: Boolean(p.note), source: p.source !== null && sources.has(p.source) }).toEqual({
        name: p.name,
        note: true,
        source: true,
      });
    }
  });

  it('gives every literal probability a note and a source on its branch', () => {
    for (const n of nodes(scenario.root)) {
      if (n.probability?.kind !== 'number') continue;
      expect({ node: n.id, note: Boolean(n.note), source: Boolean(n.source) }).toEqual({ node: n.id, note: true, source: true });
    }
  });

  it('gives sensitivity and simulation something to work on', () => {
    expect(scenario.parameters.filter((p) => p.range !== null && p.distribution !== null).length).toBeGreaterThanOrEqual(3);
  });

  it('offers at least three options at the root, weighed on several criteria', () => {
    expect(base.options.length).toBeGreaterThanOrEqual(3);
    expect(scenario.criteria.length).toBeGreaterThanOrEqual(3);
    expect(scenario.criteria.some((c) => c.direction === 'min')).toBe(true);
  });
});
