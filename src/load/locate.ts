import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
} from 'yaml';
import type { Diagnostic } from '../model/diagnostic';

/**
 * Turns the `at` of each diagnostic into a 1-based line and column, and stamps the file name.
 * Parses the text with `yaml`'s document API, which keeps positions: slow, so it runs only when
 * there is something to report.
 */
export function locateDiagnostics(
  text: string,
  file: string | null,
  diagnostics: Diagnostic[],
): Diagnostic[] {
  const pending = diagnostics.filter((d) => d.at !== undefined && d.line === null);
  let find: ((d: Diagnostic) => number) | undefined;
  const lineCounter = new LineCounter();
  if (pending.length > 0) {
    const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
    find = (d) => offsetOf(doc.contents, d.at!.toArray(), d.atKey === true);
  }
  const located = diagnostics.map((d) => {
    const { at: _at, atKey: _atKey, ...rest } = d;
    const located: Diagnostic = { ...rest, file: d.file ?? file };
    if (find && d.at !== undefined && d.line === null) {
      const pos = lineCounter.linePos(find(d));
      located.line = pos.line;
      located.column = pos.col;
    }
    return located;
  });
  // Report in reading order; problems without a position (overrides, limits) come first.
  // A mistake in a subtree used twice is one mistake: report each place and kind once.
  const seen = new Set<string>();
  const unique = located.filter((d) => {
    if (d.line === null) return true;
    const key = `${d.code}:${d.line}:${d.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * Offset of the value at `keys`, or of its key when `atKey`. A path that does not exist
 * (a missing key, say) resolves to the deepest ancestor that does.
 */
function offsetOf(root: YamlNode | null, keys: (string | number)[], atKey: boolean): number {
  let node: YamlNode | null = root;
  let offset = root?.range?.[0] ?? 0;
  for (let i = 0; i < keys.length && node; i++) {
    const key = keys[i]!;
    const last = i === keys.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(key));
      if (!pair) break;
      const keyNode = pair.key as YamlNode | null;
      if (last && atKey && keyNode?.range) return keyNode.range[0];
      node = pair.value as YamlNode | null;
      offset = node?.range?.[0] ?? keyNode?.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as YamlNode | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}
