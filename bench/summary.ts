/**
 * The rows of issue "Speed"'s table, as each benchmark measures them: `npm run bench` ends by
 * printing them together, each with its figure, its target and whether the target was met.
 */
export interface Row {
  readonly what: string;
  readonly figure: string;
  readonly target: string;
  readonly met: boolean;
}

const rows: Row[] = [];

export function record(row: Row): void {
  rows.push(row);
}

/** The table of every row recorded, in the order measured. */
export function summaryTable(): string {
  if (rows.length === 0) return '';
  const header = ['what', 'figure', 'target', 'met'];
  const cells = rows.map((r) => [r.what, r.figure, r.target, r.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    `targets met: ${rows.filter((r) => r.met).length} of ${rows.length}`,
  ].join('\n');
}
