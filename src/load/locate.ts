import type { Diagnostic } from '../model/diagnostic';
import { findOffsets } from './yaml-offsets';

/**
 * Turns the `at` of each diagnostic into a 1-based line and column, and stamps the file name.
 * Finds the places with one more pass of js-yaml that notes only the paths asked for, so
 * locating costs about what loading did, in time and in memory, however large the file.
 */
export function locateDiagnostics(
  text: string,
  file: string | null,
  diagnostics: Diagnostic[],
): Diagnostic[] {
  const pending = diagnostics.filter((d) => d.at !== undefined && d.line === null);
  const offsets =
    pending.length > 0
      ? findOffsets(
          text,
          pending.map((d) => d.at!.toArray()),
        )
      : undefined;
  const positionOf = lineIndex(text, pending.length > 0);
  const located = diagnostics.map((d) => {
    const { at: _at, atKey: _atKey, ...rest } = d;
    const located: Diagnostic = { ...rest, file: d.file ?? file };
    const i = pending.indexOf(d);
    if (i >= 0) {
      const found = offsets?.[i];
      // A path that does not exist (a missing key, say) points at the deepest ancestor that does.
      const offset = (d.atKey === true ? found?.key : undefined) ?? found?.values.at(-1) ?? 0;
      const pos = positionOf(offset);
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

/** Offset -> 1-based line and column, with the line starts found once. */
function lineIndex(
  text: string,
  needed: boolean,
): (offset: number) => { line: number; col: number } {
  const starts = [0];
  if (needed) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}
