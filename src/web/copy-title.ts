import { isScalar, parseDocument } from 'yaml';

/**
 * A scenario's YAML with its `title` marked as a copy ("Title (copy)", then "(copy 2)" and so
 * on when `taken` already holds that title), so that a duplicate is told apart from its original
 * on the front page. Comments and layout are kept; a text that does not parse as a mapping with
 * a string title is returned unchanged (the editor will show its problems).
 */
export function retitleCopy(text: string, taken: ReadonlySet<string> = new Set()): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  const node = doc.get('title', true);
  const title = isScalar(node) ? node.value : undefined;
  if (typeof title !== 'string' || !isScalar(node) || !node.range) return text;
  const stem = title.replace(/ \(copy(?: \d+)?\)$/, '');
  let next = `${stem} (copy)`;
  for (let n = 2; taken.has(next); n++) next = `${stem} (copy ${n})`;
  // Only the title's own characters change: the rest of the analyst's file stays as written.
  const [start, end] = node.range;
  const plain = node.type === 'PLAIN' && /^[A-Za-z0-9][^:#\n]*[^\s:#]$/.test(next);
  return `${text.slice(0, start)}${plain ? next : JSON.stringify(next)}${text.slice(end)}`;
}
