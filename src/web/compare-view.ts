import type { ScenarioDocument } from '../document';
import { diffScenarios, type ScenarioDiff } from '../engine/diff';

/** What views/compare.ejs shows: FORMAT.md section 11 between two documents, decision first. */
export interface CompareView {
  decision: { changed: boolean; a: string; b: string; sentence: string };
  inputs: { name: string; a: string; b: string }[];
  weights: { id: string; a: string; b: string }[];
  options: { id: string; label: string; a: string; b: string; delta: string; up: boolean }[];
  policy: { path: string; a: string; b: string }[];
  structure: { added: string[]; removed: string[] };
  same: boolean;
}

const n3 = (x: number | null): string =>
  x === null ? '(absent)' : String(Number(x.toPrecision(3)));

/** The diff of two valid documents (A, B), with option ids named by their labels. */
export function compareView(
  a: ScenarioDocument & { ok: true },
  b: ScenarioDocument & { ok: true },
): CompareView {
  const d: ScenarioDiff = diffScenarios(
    { scenario: a.scenario, evaluation: a.base },
    { scenario: b.scenario, evaluation: b.base },
  );
  const label = (id: string | null) =>
    id === null
      ? 'nothing (the root is not a decision)'
      : (b.base.options.find((o) => o.id === id)?.label ??
        a.base.options.find((o) => o.id === id)?.label ??
        id);
  const decision = {
    changed: d.choice.changed,
    a: label(d.choice.a),
    b: label(d.choice.b),
    sentence: d.choice.changed
      ? `The decision changes: A recommends ${label(d.choice.a)}, B recommends ${label(d.choice.b)}.`
      : `The decision is the same: both recommend ${label(d.choice.a)}.`,
  };
  return {
    decision,
    inputs: d.inputs.map((i) => ({ name: i.name, a: n3(i.a), b: n3(i.b) })),
    weights: d.weights.map((w) => ({ id: w.id, a: n3(w.a), b: n3(w.b) })),
    options: d.options.map((o) => ({
      id: o.id,
      label: label(o.id),
      a: n3(o.a),
      b: n3(o.b),
      delta:
        o.delta === null
          ? ''
          : `${o.delta >= 0 ? '+' : '−'}${String(Number(Math.abs(o.delta).toPrecision(2)))}`,
      up: (o.delta ?? 0) >= 0,
    })),
    policy: d.policy.map((p) => ({ path: p.path, a: p.a ?? '(absent)', b: p.b ?? '(absent)' })),
    structure: d.structure,
    same:
      d.inputs.length + d.weights.length + d.policy.length === 0 &&
      !d.choice.changed &&
      d.structure.added.length + d.structure.removed.length === 0,
  };
}
