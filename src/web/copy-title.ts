import { parseDocument } from 'yaml';

/**
 * A scenario's YAML with its `title` marked as a copy ("Title (copy)", then "(copy 2)" and so
 * on when `taken` already holds that title), so that a duplicate is told apart from its original
 * on the front page. Comments and layout are kept; a text that does not parse as a mapping with
 * a string title is returned unchanged (the editor will show its problems).
 */
export function retitleCopy(text: string, taken: ReadonlySet<string> = new Set()): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  const title = doc.get('title');
  if (typeof title !== 'string') return text;
  const stem = title.replace(/ \(copy(?: \d+)?\)$/, '');
  let next = `${stem} (copy)`;
  for (let n = 2; taken.has(next); n++) next = `${stem} (copy ${n})`;
  doc.set('title', next);
  return doc.toString();
}
