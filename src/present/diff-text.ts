import type { ScenarioDiff } from '../engine/diff';

const n = (x: number | null): string =>
  x === null ? '(absent)' : String(Number(x.toPrecision(3)));
const signed = (x: number | null): string =>
  x === null ? '' : ` (${x >= 0 ? '+' : ''}${String(Number(x.toPrecision(2)))})`;

/**
 * `branchpoint diff` as text: the decision first, then what moved it (inputs, weights), the
 * option scores and policy, then the tree's structure.
 */
export function formatDiff(d: ScenarioDiff, a: string, b: string): string {
  const lines = [`Comparing ${a} (A) with ${b} (B)`, ''];
  lines.push(
    d.choice.changed
      ? `Decision CHANGED: A recommends ${d.choice.a ?? 'nothing'}, B recommends ${d.choice.b ?? 'nothing'}.`
      : `Decision unchanged: both recommend ${d.choice.a ?? 'nothing (the root is not a decision)'}.`,
    '',
  );
  const section = (title: string, rows: string[]) => {
    if (rows.length === 0) return;
    lines.push(`${title}:`, ...rows.map((r) => `  ${r}`), '');
  };
  section(
    'Inputs',
    d.inputs.map((i) => `${i.name}: ${n(i.a)} -> ${n(i.b)}`),
  );
  section(
    'Weights',
    d.weights.map((w) => `${w.id}: ${n(w.a)} -> ${n(w.b)}`),
  );
  section(
    'Option scores',
    d.options.map((o) => `${o.id}: ${n(o.a)} -> ${n(o.b)}${signed(o.delta)}`),
  );
  section(
    'Policy',
    d.policy.map((p) => `${p.path}: ${p.a ?? '(absent)'} -> ${p.b ?? '(absent)'}`),
  );
  section('Structure', [
    ...d.structure.added.map((p) => `+ ${p}`),
    ...d.structure.removed.map((p) => `- ${p}`),
  ]);
  if (
    d.inputs.length + d.weights.length + d.policy.length === 0 &&
    !d.choice.changed &&
    d.structure.added.length + d.structure.removed.length === 0
  )
    lines.push('No differences in inputs, weights, policy or structure.');
  return `${lines.join('\n').trimEnd()}\n`;
}
