import type { ScenarioDocument } from '../document';
import type { Evaluation, NodeResult } from '../engine';
import { formatDiagnostic } from '../load';
import type { StoredScenario } from './scenario-store';

/** What the list page shows of one scenario. */
export interface SummaryView {
  id: string;
  title: string;
  excerpt: string;
  valid: boolean;
  choice: string | null;
  errors: string[];
}

export function summaryView({ id, doc }: StoredScenario): SummaryView {
  if (!doc.ok) {
    return {
      id,
      title: id,
      excerpt: '',
      valid: false,
      choice: null,
      errors: doc.errors.map((e) => formatDiagnostic(e)),
    };
  }
  const choice = doc.base.options.find((o) => o.id === doc.base.choice);
  return {
    id,
    title: doc.scenario.title,
    excerpt: excerpt(doc.scenario.description ?? ''),
    valid: true,
    choice: choice?.label ?? null,
    errors: [],
  };
}

function excerpt(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, flat.lastIndexOf(' ', max))}…`;
}

/** One row of the indented outline of the tree. */
export interface OutlineRow {
  depth: number;
  type: NodeResult['node']['type'];
  label: string;
  path: string;
  probability: string | null;
  score: string;
  payoff: string;
  /** On the optimal policy and reached with positive probability. */
  onPolicy: boolean;
  /** An option its decision rejects. */
  rejected: boolean;
  note: string | null;
}

export function scenarioView(
  id: string,
  doc: ScenarioDocument & { ok: true },
  result: { evaluation: Evaluation; tree: NodeResult },
) {
  const { evaluation } = result;
  const criteria = evaluation.criteria;
  const rows: OutlineRow[] = [];
  const walk = (n: NodeResult, depth: number, parentIsDecision: boolean): void => {
    rows.push({
      depth,
      type: n.node.type,
      label: n.node.label,
      path: n.path,
      probability: n.probability === null ? null : percent(n.probability),
      score: n.score.toFixed(3),
      payoff: criteria
        .filter((c) => n.payoff[c.id] !== 0)
        .map((c) => `${c.label} ${signed(n.payoff[c.id]!)}`)
        .join(', '),
      onPolicy: n.reach > 0,
      rejected: parentIsDecision && !n.chosen,
      note: n.node.note,
    });
    for (const c of n.children) walk(c, depth + 1, n.node.type === 'decision');
  };
  walk(result.tree, 0, false);
  return {
    id,
    title: evaluation.title,
    description: doc.scenario.description,
    file: doc.file,
    choice: evaluation.options.find((o) => o.id === evaluation.choice)?.label ?? null,
    criteria: criteria.map((c) => ({ ...c, share: percent(c.normalized_weight) })),
    options: evaluation.options.map((o) => ({
      ...o,
      chosen: o.id === evaluation.choice,
      scoreText: o.score.toFixed(3),
      values: criteria.map((c) => o.expected[c.id]!.toFixed(2)),
    })),
    score: evaluation.score.toFixed(3),
    rows,
  };
}

function percent(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}

function signed(x: number): string {
  const s = Number.parseFloat(x.toFixed(3)).toString();
  return x > 0 ? `+${s}` : s;
}
