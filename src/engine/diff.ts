import type { Scenario, TreeNode } from '../model/types';
import type { Evaluation } from './evaluate';

/** FORMAT.md section 11: what differs between two evaluated scenarios, and only that. */
export interface ScenarioDiff {
  readonly inputs: readonly { name: string; a: number | null; b: number | null }[];
  readonly weights: readonly { id: string; a: number | null; b: number | null }[];
  /** Every root option of either side, with `delta = b - a`. */
  readonly options: readonly {
    id: string;
    a: number | null;
    b: number | null;
    delta: number | null;
  }[];
  readonly choice: { a: string | null; b: string | null; changed: boolean };
  readonly policy: readonly { path: string; a: string | null; b: string | null }[];
  /** Node paths only one side has; a subtree added or removed is named by its top node only. */
  readonly structure: { added: string[]; removed: string[] };
}

/** Values closer than this are the same number written two ways (0.3 and 0.1 * 3). */
const SAME = 1e-12;

export function diffScenarios(
  a: { scenario: Scenario; evaluation: Evaluation },
  b: { scenario: Scenario; evaluation: Evaluation },
): ScenarioDiff {
  const ea = a.evaluation;
  const eb = b.evaluation;
  const differs = (x: number | null, y: number | null) =>
    x === null || y === null ? x !== y : Math.abs(x - y) > SAME * Math.max(1, Math.abs(x));
  const inputs = union(Object.keys(ea.parameters), Object.keys(eb.parameters))
    .map((name) => ({ name, a: ea.parameters[name] ?? null, b: eb.parameters[name] ?? null }))
    .filter((d) => differs(d.a, d.b));
  const weightOf = (e: Evaluation, id: string) =>
    e.criteria.find((c) => c.id === id)?.weight ?? null;
  const weights = union(
    ea.criteria.map((c) => c.id),
    eb.criteria.map((c) => c.id),
  )
    .map((id) => ({ id, a: weightOf(ea, id), b: weightOf(eb, id) }))
    .filter((d) => differs(d.a, d.b));
  const scoreOf = (e: Evaluation, id: string) => e.options.find((o) => o.id === id)?.score ?? null;
  const options = union(
    ea.options.map((o) => o.id),
    eb.options.map((o) => o.id),
  ).map((id) => {
    const x = scoreOf(ea, id);
    const y = scoreOf(eb, id);
    return { id, a: x, b: y, delta: x === null || y === null ? null : y - x };
  });
  const choiceOf = (e: Evaluation, path: string) =>
    e.policy.find((p) => p.path === path)?.choice ?? null;
  const policy = union(
    ea.policy.map((p) => p.path),
    eb.policy.map((p) => p.path),
  )
    .map((path) => ({ path, a: choiceOf(ea, path), b: choiceOf(eb, path) }))
    .filter((d) => d.a !== d.b);
  const pa = paths(a.scenario.root);
  const pb = paths(b.scenario.root);
  return {
    inputs,
    weights,
    options,
    choice: { a: ea.choice, b: eb.choice, changed: ea.choice !== eb.choice },
    policy,
    structure: { added: topmost(pb, pa), removed: topmost(pa, pb) },
  };
}

/** Whether two scenarios differ at all in what the diff reports (options aside). */
export function isEmptyDiff(d: ScenarioDiff): boolean {
  return (
    d.inputs.length === 0 &&
    d.weights.length === 0 &&
    !d.choice.changed &&
    d.policy.length === 0 &&
    d.structure.added.length === 0 &&
    d.structure.removed.length === 0 &&
    d.options.every((o) => o.delta !== null && Math.abs(o.delta) <= SAME)
  );
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Every node's path, in file order. */
function paths(root: TreeNode): string[] {
  const out: string[] = [];
  const walk = (node: TreeNode, prefix: string | null) => {
    const path = prefix === null ? node.id : `${prefix}/${node.id}`;
    out.push(path);
    for (const child of node.children) walk(child, path);
  };
  walk(root, null);
  return out;
}

/** Paths of `these` missing from `those`, without the ones under a missing parent. */
function topmost(these: readonly string[], those: readonly string[]): string[] {
  const present = new Set(those);
  const missing = these.filter((p) => !present.has(p));
  const missingSet = new Set(missing);
  return missing.filter((p) => {
    const parent = p.slice(0, p.lastIndexOf('/'));
    return p.lastIndexOf('/') < 0 || !missingSet.has(parent);
  });
}
