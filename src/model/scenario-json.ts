import type { Criterion, Parameter, Probability, Quantity, Scenario, TreeNode } from './types';

/**
 * The scenario as loaded, as plain data in the shape of the file format: defaults filled in,
 * subtrees expanded, expressions as their text. It is itself a valid scenario file.
 */
export interface ScenarioJson {
  title: string;
  description: string | null;
  sources: Scenario['sources'];
  criteria: CriterionJson[];
  parameters: Record<string, ParameterJson>;
  root: NodeJson;
}

export interface CriterionJson {
  id: string;
  label: string;
  weight: number;
  weight_range: [number, number];
  direction: Criterion['direction'];
  unit?: string;
  note?: string;
}

export interface ParameterJson {
  value: number | string;
  range?: [number, number];
  distribution?: string;
  label?: string;
  unit?: string;
  source?: string;
  note?: string;
}

export interface NodeJson {
  type: TreeNode['type'];
  id: string;
  label: string;
  probability?: number | string;
  payoff?: Record<string, number | string>;
  note?: string;
  source?: string;
  options?: NodeJson[];
  branches?: NodeJson[];
}

export function scenarioToJson(s: Scenario): ScenarioJson {
  return {
    title: s.title,
    description: s.description,
    sources: s.sources,
    criteria: s.criteria.map(criterionJson),
    parameters: Object.fromEntries(s.parameters.map((p) => [p.name, parameterJson(p)])),
    root: nodeJson(s, s.root),
  };
}

function quantity(q: Quantity): number | string {
  return q.kind === 'number' ? q.value : q.expression.text;
}

function probability(p: Probability): number | string {
  return p.kind === 'complement' ? '#' : quantity(p);
}

function criterionJson(c: Criterion): CriterionJson {
  return {
    id: c.id,
    label: c.label,
    weight: c.weight,
    weight_range: [c.weightRange[0], c.weightRange[1]],
    direction: c.direction,
    ...(c.unit !== null && { unit: c.unit }),
    ...(c.note !== null && { note: c.note }),
  };
}

function parameterJson(p: Parameter): ParameterJson {
  return {
    value: quantity(p.value),
    ...(p.range && { range: [p.range[0], p.range[1]] }),
    ...(p.distribution !== null && { distribution: p.distribution }),
    ...(p.label !== null && { label: p.label }),
    ...(p.unit !== null && { unit: p.unit }),
    ...(p.source !== null && { source: p.source }),
    ...(p.note !== null && { note: p.note }),
  };
}

function nodeJson(s: Scenario, n: TreeNode): NodeJson {
  const out: NodeJson = { type: n.type, id: n.id, label: n.label };
  if (n.probability) out.probability = probability(n.probability);
  if (n.payoff.length > 0) {
    out.payoff = Object.fromEntries(
      n.payoff.map((t) => [s.criteria[t.criterion]!.id, quantity(t.amount)]),
    );
  }
  if (n.note !== null) out.note = n.note;
  if (n.source !== null) out.source = n.source;
  if (n.type === 'decision') out.options = n.children.map((c) => nodeJson(s, c));
  if (n.type === 'chance') out.branches = n.children.map((c) => nodeJson(s, c));
  return out;
}
