import type { PlainNode, Quantity } from './convert-tree';

/**
 * SilverDecisions lets several branches of a chance node say `"#"`: they share what the others
 * leave, equally (sd-computations `expressions-evaluator.js`). branchpoint allows one `"#"` per
 * node, so all but the last become that share as an expression, `(1 - (0.2 + p)) / 3`, and the
 * last stays `"#"`, which takes exactly the rest. Runs over the whole tree.
 */
export function splitComplements(node: PlainNode): void {
  if (node.type === 'chance') {
    const hashes = node.children.filter((c) => c.probability === '#');
    if (hashes.length > 1) {
      const others = node.children
        .filter((c) => c.probability !== '#')
        .map((c) => text(c.probability ?? 0));
      const rest = others.length === 0 ? '1' : `(1 - (${others.join(' + ')}))`;
      const share = `${rest} / ${hashes.length}`;
      hashes.slice(0, -1).forEach((c) => (c.probability = share));
    }
  }
  node.children.forEach(splitComplements);
}

function text(q: Quantity): string {
  return typeof q === 'number' ? String(q) : `(${q})`;
}
