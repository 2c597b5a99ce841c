import type { Scenario, TreeNode } from '../model/types';

/**
 * The parameters each probability reads: a branch's own (`own`, by the branch's path), and all
 * of a chance node's branches' (`branches`, by the chance node's path, for errors about the sum).
 */
export function probabilityReaders(scenario: Scenario): {
  own: Map<string, string[]>;
  branches: Map<string, string[]>;
} {
  const own = new Map<string, string[]>();
  const branches = new Map<string, string[]>();
  const names = (n: TreeNode) =>
    n.probability?.kind === 'expression'
      ? n.probability.expression.uses.map((i) => scenario.parameters[i]!.name)
      : [];
  const walk = (n: TreeNode, path: string) => {
    if (n.type === 'chance') branches.set(path, [...new Set(n.children.flatMap(names))]);
    for (const c of n.children) {
      const childPath = `${path}/${c.id}`;
      own.set(childPath, names(c));
      walk(c, childPath);
    }
  };
  walk(scenario.root, scenario.root.id);
  return { own, branches };
}
