import type { Diagnostic } from '../model/diagnostic';
import { locateDiagnostics } from './locate';

/**
 * Locates diagnostics that may lie in several files: the document being loaded and the libraries
 * it imports. A diagnostic whose path starts at a library's root is located in that library's
 * text and named after it; the rest in `text`, named `file`.
 */
export function locateInFiles(
  text: string,
  file: string | null,
  texts: ReadonlyMap<string, string>,
  diagnostics: readonly Diagnostic[],
): Diagnostic[] {
  const groups = new Map<string, Diagnostic[]>();
  const own: Diagnostic[] = [];
  for (const d of diagnostics) {
    const other = d.at?.file();
    if (other === undefined || !texts.has(other)) own.push(d);
    else groups.set(other, [...(groups.get(other) ?? []), { ...d, file: other }]);
  }
  const located = [...groups].flatMap(([f, group]) => locateDiagnostics(texts.get(f)!, f, group));
  return [...locateDiagnostics(text, file, own), ...located];
}
