/**
 * A tagged template for writing YAML inline in tests:
 *
 *     const text = source`
 *       title: T
 *       root: { type: outcome, label: A, payoff: 1 }
 *     `;
 *
 * drops the empty first and last lines, removes the indentation common to every non-blank
 * line and ends the text with one newline, so line 1 of the result is the first written line.
 * Interpolated values are inserted as they are (keep them on one line).
 */
export function source(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += String(value) + (strings[i + 1] ?? '');
  });
  const lines = text.split('\n');
  if (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => line.length - line.replace(/^ +/, '').length);
  const indent = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(indent).trimEnd()).join('\n') + '\n';
}
