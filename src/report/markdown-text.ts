import MarkdownIt from 'markdown-it';

/**
 * Putting user text (labels, notes, descriptions) into a Markdown report so that it reads as
 * written on GitHub and in other CommonMark renderers: nothing in it can open a table cell, start
 * emphasis or a link by accident, or inject raw HTML.
 */

const md = new MarkdownIt();

/**
 * Link destinations a report may keep: what markdown-it accepts (no `javascript:`, `vbscript:`,
 * `file:`), and no `data:` at all. Browsers ignore tabs and line breaks inside a scheme, so the
 * check sees the destination without them.
 */
function linkAllowed(destination: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const squeezed = destination.replace(/[\u0000-\u0020\u007f]/g, '');
  if (/^data:/i.test(squeezed)) return false;
  return md.validateLink(md.normalizeLink(squeezed));
}

/**
 * Disarms links whose destination is not allowed, in inline (`[text](url)`, `![alt](url)`) and
 * reference-definition (`[label]: url`) form, by escaping the `]` that would make them links:
 * their text stays, as text. Other links are kept as written.
 */
export function dropUnsafeLinks(text: string): string {
  let out = '';
  let from = 0;
  for (let i = text.indexOf(']'); i !== -1; i = text.indexOf(']', i + 1)) {
    const next = text[i + 1];
    let start: number;
    if (next === '(') start = i + 2;
    else if (next === ':') start = i + 2;
    else continue;
    while (start < text.length && /[ \t\r\n]/.test(text[start]!)) start++;
    const parsed = md.helpers.parseLinkDestination(text, start, text.length);
    if (!parsed.ok || linkAllowed(parsed.str)) continue;
    out += `${text.slice(from, i)}\\]`;
    from = i + 1;
  }
  return out + text.slice(from);
}

/** `&` only where it would start an entity (`&lt;`, `&#60;`); a lone `&` renders as itself. */
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;

/**
 * Plain text (a label, a name): every character that Markdown would read as markup is escaped,
 * and line breaks become spaces.
 */
export function mdText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(ENTITY, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Text that may use inline Markdown (a note with `code` or *emphasis*): emphasis and code spans
 * keep working, but raw HTML is shown as text, `|` cannot end a table cell, and line breaks
 * become spaces.
 */
export function mdInline(text: string): string {
  return oneLine(dropUnsafeLinks(text))
    .replace(/\|/g, '\\|')
    .replace(ENTITY, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * A block of Markdown (a scenario description): kept as written, except that raw HTML is shown as
 * text rather than passed through.
 */
export function mdBlock(text: string): string {
  return dropUnsafeLinks(text.trim()).replace(ENTITY, '&amp;').replace(/</g, '&lt;');
}

/** A code span around `text`, with a fence longer than any run of backticks inside it. */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...(oneLine(text).match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine(text).replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** A row of a Markdown table. Cells must already be escaped (`mdText`, `mdInline`, `mdCode`). */
export function mdRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
}

/** A table: header, alignment row (`l` or `r` per column) and rows. */
export function mdTable(
  header: readonly string[],
  align: readonly ('l' | 'r')[],
  rows: readonly (readonly string[])[],
): string[] {
  return [
    mdRow(header),
    `|${align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map(mdRow),
  ];
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*[\r\n]+\s*/g, ' ');
}
