import type { NodeResult } from '../../engine';
import type { ReportNode } from '../report-data';

/** The evaluated tree as plain data, every node with its score from here and its reach. */
export function reportTree(n: NodeResult): ReportNode {
  return {
    path: n.path,
    id: n.node.id,
    type: n.node.type,
    label: n.node.label,
    probability: n.probability,
    reach: n.reach,
    score: n.score,
    expected: n.expected,
    payoff: n.payoff,
    chosen: n.chosen,
    choice: n.choice,
    note: n.node.note,
    source: n.node.source,
    children: n.children.map(reportTree),
  };
}
