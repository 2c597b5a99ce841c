import { scoreColumn } from '../present';

/** A tree node as far as its score goes: the engine's `NodeResult` or a report's `ReportNode`. */
export interface ScoredNode {
  readonly score: number;
  readonly children: readonly ScoredNode[];
}

/** The scores of a tree: one scale (the largest magnitude in the tree) for every node. */
export function treeScore(root: ScoredNode): (x: number) => string {
  const all: number[] = [];
  const walk = (n: ScoredNode) => {
    all.push(n.score);
    n.children.forEach(walk);
  };
  walk(root);
  return scoreColumn(all);
}
