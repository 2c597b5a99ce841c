import { Document } from 'yaml';
import { slug } from '../../model/slug';
import type { VariableDefinition } from './code-definitions';
import type { PlainNode, Quantity } from './convert-tree';
import type { Objective } from './objective-of';

export interface ScenarioParts {
  readonly title: string;
  readonly description: string;
  /** A comment above the document. */
  readonly header: string;
  readonly payoffNames: readonly unknown[];
  readonly objective: Objective;
  readonly parameters: readonly VariableDefinition[];
  readonly root: PlainNode;
}

const isZero = (q: Quantity): boolean => q === 0;

/**
 * The scenario as YAML text, keys in the order an analyst reads them (title, criteria,
 * parameters, then the tree; on a node: label, id, type, probability, payoff, note, children).
 * A payoff criterion that only `onlyIfUsed` (the second payoff of a single-payoff rule) is listed
 * only when some node has a payoff for it that is not zero.
 */
export function scenarioYaml(parts: ScenarioParts): string {
  const used = [false, false];
  const scan = (n: PlainNode): void => {
    n.payoff.forEach((q, i) => (used[i] ||= !isZero(q)));
    n.children.forEach(scan);
  };
  scan(parts.root);

  const plans = parts.objective.criteria.filter((c) => !c.onlyIfUsed || used[c.payoff]);
  const ids: string[] = [];
  const criteria = plans.map((c) => {
    const name =
      typeof parts.payoffNames[c.payoff] === 'string'
        ? (parts.payoffNames[c.payoff] as string).trim()
        : '';
    let id = slug(name) || `payoff-${c.payoff + 1}`;
    if (ids.includes(id)) id = `${id}-${c.payoff + 1}`;
    ids.push(id);
    return {
      id,
      label: name || `Payoff ${c.payoff + 1}`,
      weight: c.weight,
      ...(c.weightRange && { weight_range: [...c.weightRange] }),
      direction: c.direction,
    };
  });

  const payoffOf = (n: PlainNode): Quantity | Record<string, Quantity> | undefined => {
    if (plans.length === 1) {
      const q = n.payoff[plans[0]!.payoff];
      return isZero(q) && n.type !== 'outcome' ? undefined : q;
    }
    const entries = plans
      .map((c, i) => [ids[i]!, n.payoff[c.payoff]] as const)
      .filter(([, q]) => !isZero(q));
    if (entries.length === 0) return n.type === 'outcome' ? { [ids[0]!]: 0 } : undefined;
    return Object.fromEntries(entries);
  };

  const nodeOf = (n: PlainNode): Record<string, unknown> => {
    const payoff = payoffOf(n);
    const key = n.type === 'decision' ? 'options' : 'branches';
    return {
      label: n.label,
      ...(n.id !== undefined && { id: n.id }),
      type: n.type,
      ...(n.probability !== undefined && { probability: n.probability }),
      ...(payoff !== undefined && { payoff }),
      ...(n.note !== undefined && { note: n.note }),
      ...(n.children.length > 0 && { [key]: n.children.map(nodeOf) }),
    };
  };

  const scenario = {
    title: parts.title,
    description: parts.description,
    criteria,
    ...(parts.parameters.length > 0 && {
      parameters: Object.fromEntries(parts.parameters.map((p) => [p.name, p.value])),
    }),
    root: nodeOf(parts.root),
  };
  const doc = new Document(scenario);
  doc.commentBefore = ` ${parts.header}`;
  return doc.toString({ lineWidth: 0 });
}
