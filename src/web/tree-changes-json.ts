import type { TreeNumbers } from '../draw/tree-layout';

/**
 * The live page's tree changes (`FastAnswer.tree`) as JSON text, the very text `JSON.stringify`
 * gives, written faster: every change sends a few dozen nodes, each keyed by its path (a hundred
 * characters on a deep tree), and escaping those paths again on every answer took more time than
 * the rest of the answer's JSON. `paths` keeps each path's JSON, one map per document.
 */
export function treeChangesJson(
  changes: Readonly<Record<string, Partial<TreeNumbers>>>,
  paths: Map<string, string>,
): string {
  let out = '';
  for (const path in changes) {
    let key = paths.get(path);
    if (key === undefined) paths.set(path, (key = `${JSON.stringify(path)}:`));
    out += `${out === '' ? '' : ','}${key}${numbersJson(changes[path]!)}`;
  }
  return `{${out}}`;
}

/** One node's changed numbers: their names need no escaping, their values are written as JSON. */
function numbersJson(numbers: Partial<TreeNumbers>): string {
  let out = '';
  for (const name in numbers) {
    const value: unknown = numbers[name as keyof TreeNumbers];
    if (value !== undefined) out += `${out === '' ? '' : ','}"${name}":${JSON.stringify(value)}`;
  }
  return `{${out}}`;
}
