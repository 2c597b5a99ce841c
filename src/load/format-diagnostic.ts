import type { Diagnostic } from '../model/diagnostic';

/**
 * The one way a diagnostic is printed: `file:line:col: message`, then, when the source text is
 * at hand, the offending line with a caret under the column. Terminal, web page and reports share it.
 */
export function formatDiagnostic(d: Diagnostic, text?: string): string {
  const where = [d.file, d.line, d.column].filter((x) => x !== null).join(':');
  const head = where ? `${where}: ${d.message}` : d.message;
  if (text === undefined || d.line === null || d.column === null) return head;
  const line = text.split(/\r?\n/)[d.line - 1];
  if (line === undefined) return head;
  // Long lines are cut around the column so the caret stays on screen.
  const start = Math.max(0, d.column - 60);
  const shown = line.slice(start, start + 80);
  const gutter = `${d.line} | `;
  return `${head}\n${gutter}${shown}\n${' '.repeat(gutter.length + d.column - 1 - start)}^`;
}
