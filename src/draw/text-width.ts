/**
 * Text widths for laying out SVG labels without a browser, so the server and the page's script
 * wrap every label at the same words. The advance widths are DejaVu Sans's (Verdana's metrics,
 * among the widest sans-serif faces; the page falls back to it on Linux), in thousandths of an
 * em for the printable ASCII range: text set in any narrower face fits the width computed here.
 */

/** Advance widths of ' ' (32) to '~' (126), regular and bold, in 1/100 em. */
const REGULAR = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64,
  64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79,
  60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63,
  63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];
const BOLD = [
  35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70,
  70, 70, 40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100, 84, 85,
  73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72, 68, 44, 72,
  71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84,
];
/** Typographic punctuation common in labels; anything else outside ASCII counts a full em. */
const OTHER: Record<string, number> = {
  '‘': 32,
  '’': 32,
  '“': 52,
  '”': 52,
  '–': 50,
  '—': 100,
  '…': 100,
  '→': 84,
  '·': 32,
  '\u00a0': 32,
};
/** Headroom for hinting and rounding in the browser. */
const SLACK = 1.03;

/** Width of `text` set at `size` px, in px: never less than the browser draws it. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 32 && code < 127) units += table[code - 32]!;
    else if (/[\u00c0-\u024f]/.test(ch)) units += bold ? 77 : 70;
    else units += OTHER[ch] ?? 100;
  }
  return (units / 100) * size * SLACK;
}

/**
 * `text` broken into lines no wider than `width` px at `size` px: at spaces, and after hyphens
 * and slashes; a single word wider than a line is split between letters. Every character of the
 * text is kept, so nothing is hidden behind an ellipsis.
 */
export function wrapText(text: string, width: number, size: number, bold = false): string[] {
  // Pieces of a word (split after a hyphen or slash) join without a space.
  const pieces = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
    .flatMap((w) => w.split(/(?<=[-/])(?=.)/).map((piece, i) => ({ piece, glue: i > 0 })));
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => textWidth(s, size, bold) <= width;
  for (const { piece, glue } of pieces) {
    const joined = line === '' ? piece : line + (glue ? '' : ' ') + piece;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    for (const ch of piece) {
      if (line !== '' && !fits(line + ch)) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
