import { slug } from '../../model/slug';
import type { PlainNode } from './convert-tree';

/**
 * Gives each node an explicit `id` where its label's slug would not do: empty (`"+"`, a label in
 * CJK only) or already taken by a sibling (SilverDecisions allows two branches named alike). The
 * replacement is the parent's word for it and its place (`branch-2`, `option-3`) or the slug with
 * its place (`hat-2`), so the path still says where the node sits.
 */
export function assignIds(node: PlainNode): void {
  const taken = new Set<string>();
  node.children.forEach((child, i) => {
    const own = slug(child.label);
    let id = own !== '' ? own : `${node.type === 'decision' ? 'option' : 'branch'}-${i + 1}`;
    if (taken.has(id)) id = `${id}-${i + 1}`;
    while (taken.has(id)) id = `${id}-${i + 1}`;
    taken.add(id);
    if (id !== own) child.id = id;
    assignIds(child);
  });
}

/** The root's id: its label's slug, or `root` when that is empty. */
export function rootId(root: PlainNode): void {
  if (slug(root.label) === '') root.id = 'root';
}
