import { mdText } from '../markdown-text';
import type { ReportData, ReportNode } from '../report-data';
import { treeScore } from '../../draw/tree-score';
import { probability } from '../report-text';

/** Nodes of the tree outline at most; a larger tree is cut, with a note (the JSON has it all). */
export const MAX_OUTLINE_NODES = 400;

/** `## Decision tree` as a nested list, the option taken at each decision marked ✓. */
export function treeSection(data: ReportData): string[] {
  const lines = [
    '## Decision tree',
    '',
    'Each line is a node: its branch probability, its label, the kind of node and its score from here: the expected score from that node on, payoffs collected on the way to it not included (the outcome table’s path scores count the whole path). **→ … ✓ chosen** marks the option taken at each decision.',
    '',
  ];
  const nodeScore = treeScore(data.tree);
  let shown = 0;
  let total = 0;
  const visit = (n: ReportNode, depth: number) => {
    total++;
    if (shown >= MAX_OUTLINE_NODES) {
      n.children.forEach((c) => visit(c, depth + 1));
      return;
    }
    shown++;
    const p = n.probability === null ? '' : `${probability(n.probability)} · `;
    const label =
      depth === 0
        ? `**${mdText(n.label)}**`
        : n.chosen
          ? `**→ ${mdText(n.label)}** ✓ chosen`
          : mdText(n.label);
    lines.push(
      `${'  '.repeat(depth)}- ${p}${label} (${n.type}, score from here ${nodeScore(n.score)})`,
    );
    n.children.forEach((c) => visit(c, depth + 1));
  };
  visit(data.tree, 0);
  if (total > shown)
    lines.push(
      '',
      `The first ${shown} of ${total} nodes are shown; the JSON report has the whole tree.`,
    );
  return lines;
}
