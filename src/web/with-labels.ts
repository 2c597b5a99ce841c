import type { Analysis } from '../analysis/analyse';

/**
 * A message with the tree paths it quotes ('us-answer/firm-stance/…') replaced by the labels of
 * those nodes: the analyst sees labels on the page, never internal paths.
 */
export function withLabels(tree: Analysis['tree']): (message: string) => string {
  const labels = new Map<string, string>();
  const walk = (n: Analysis['tree']) => {
    labels.set(n.path, n.node.label);
    n.children.forEach(walk);
  };
  walk(tree);
  return (message) =>
    message.replace(/'([^'\s]+\/[^'\s]+)'/g, (all, path: string) => {
      const label = labels.get(path);
      return label === undefined ? all : `“${label}”`;
    });
}
