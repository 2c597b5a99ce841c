/** Lays out rows as aligned text columns: 'l' pads right, 'r' pads left. Widths count characters. */
export function table(rows: string[][], align: ('l' | 'r')[]): string[] {
  const widths = align.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c]! - [...cell].length);
        return align[c] === 'r' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}
