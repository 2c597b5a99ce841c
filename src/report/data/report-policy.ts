import type { Evaluation, NodeResult } from '../../engine';
import type { ReportPolicyStep } from '../report-data';

/** Each decision of the policy with the labels of the decision and of the option it takes. */
export function reportPolicy(policy: Evaluation['policy'], tree: NodeResult): ReportPolicyStep[] {
  const labels = new Map<string, string>();
  const walk = (n: NodeResult): void => {
    labels.set(n.path, n.node.label);
    n.children.forEach(walk);
  };
  walk(tree);
  const labelOf = (path: string): string => labels.get(path) ?? path;
  return policy.map((p) => ({
    path: p.path,
    label: labelOf(p.path),
    choice: p.choice,
    choice_label: labelOf(`${p.path}/${p.choice}`),
  }));
}
