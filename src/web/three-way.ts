import { diffIndices } from 'node-diff3';

/** Which text a hunk of a merge takes. */
export type Choice = 'yours' | 'theirs' | 'base' | 'both';

/** A stretch where your text, theirs or both differ from the version you started from. */
export interface Hunk {
  readonly base: readonly string[];
  readonly yours: readonly string[];
  readonly theirs: readonly string[];
  /** Who changed it: only you, only they, or both (differently: a conflict; alike: `same`). */
  readonly changed: 'yours' | 'theirs' | 'conflict' | 'same';
  /** Line number (1-based) in your text where the hunk starts, to find it there. */
  readonly yoursLine: number;
  /** What a merge takes unless told otherwise: the side that changed (yours in a conflict). */
  readonly proposed: Choice;
}

export type Piece =
  | { readonly kind: 'same'; readonly lines: readonly string[] }
  | { readonly kind: 'hunk'; readonly hunk: Hunk };

/**
 * A three-way diff of texts by lines (node-diff3's diff of base against each side, grouped as
 * diff3 groups hunks): unchanged stretches, and hunks that show all three versions. Hunks that
 * touch or overlap in the base are one hunk, so each can be merged on its own.
 */
export function threeWay(yours: string, base: string, theirs: string): Piece[] {
  const a = yours.split('\n');
  const o = base.split('\n');
  const b = theirs.split('\n');
  const edits = [
    ...diffIndices(o, a).map((d) => ({ side: 'a' as const, o: d.buffer1, x: d.buffer2 })),
    ...diffIndices(o, b).map((d) => ({ side: 'b' as const, o: d.buffer1, x: d.buffer2 })),
  ].sort((p, q) => p.o[0] - q.o[0]);
  const out: Piece[] = [];
  let at = 0;
  const shift = { a: 0, b: 0 };
  while (edits.length > 0) {
    const group = [edits.shift()!];
    const start = group[0]!.o[0];
    let end = start + group[0]!.o[1];
    while (edits.length > 0 && edits[0]!.o[0] <= end) {
      const next = edits.shift()!;
      end = Math.max(end, next.o[0] + next.o[1]);
      group.push(next);
    }
    if (start > at) out.push({ kind: 'same', lines: o.slice(at, start) });
    const range = (side: 'a' | 'b'): [number, number] => {
      const mine = group.filter((g) => g.side === side);
      if (mine.length === 0) return [start + shift[side], end + shift[side]];
      const first = Math.min(...mine.map((g) => g.x[0]));
      const oFirst = Math.min(...mine.map((g) => g.o[0]));
      const last = Math.max(...mine.map((g) => g.x[0] + g.x[1]));
      const oLast = Math.max(...mine.map((g) => g.o[0] + g.o[1]));
      return [first - (oFirst - start), last + (end - oLast)];
    };
    const [a0, a1] = range('a');
    const [b0, b1] = range('b');
    shift.a = a1 - end;
    shift.b = b1 - end;
    const byA = group.some((g) => g.side === 'a');
    const byB = group.some((g) => g.side === 'b');
    const ya = a.slice(a0, a1);
    const tb = b.slice(b0, b1);
    const changed = byA && byB ? (same(ya, tb) ? 'same' : 'conflict') : byA ? 'yours' : 'theirs';
    out.push({
      kind: 'hunk',
      hunk: {
        base: o.slice(start, end),
        yours: ya,
        theirs: tb,
        changed,
        yoursLine: a0 + 1,
        proposed: changed === 'theirs' ? 'theirs' : 'yours',
      },
    });
    at = end;
  }
  if (at < o.length) out.push({ kind: 'same', lines: o.slice(at) });
  return out;
}

/** The merged text: unchanged stretches, and each hunk as `choices[i]` (else its proposal). */
export function mergeHunks(
  pieces: readonly Piece[],
  choices: readonly (Choice | undefined)[],
): string {
  const lines: string[] = [];
  let i = 0;
  for (const p of pieces) {
    if (p.kind === 'same') {
      lines.push(...p.lines);
      continue;
    }
    const choice = choices[i++] ?? p.hunk.proposed;
    if (choice === 'yours') lines.push(...p.hunk.yours);
    else if (choice === 'theirs') lines.push(...p.hunk.theirs);
    else if (choice === 'base') lines.push(...p.hunk.base);
    else lines.push(...p.hunk.yours, ...p.hunk.theirs);
  }
  return lines.join('\n');
}

function same(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((l, i) => l === y[i]);
}
