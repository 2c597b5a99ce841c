import {
  amountText,
  breakEvenText,
  fixed,
  inputText,
  probabilityText,
  scoreColumn,
  scoreText,
  shareText,
  shortInput,
} from '../present';

/**
 * How reports print numbers and dates: the presentation layer's number policy
 * (`src/present/numbers.ts`) under the names the renderers use, so the Markdown, HTML and CSV of
 * one report agree with each other, the CLI and the web page. The JSON keeps numbers unrounded.
 */

/** A score in a sentence: 2 significant figures. */
export function score(x: number): string {
  return scoreText(x, 'prose');
}

/** A column of scores in a table: 3 significant figures of its largest magnitude. */
export { scoreColumn };

/** An expected value of a criterion: two decimals. */
export function amount(x: number): string {
  return amountText(x);
}

/** A share that is not a probability (a weight's share of the total): one decimal. */
export function percent(p: number): string {
  return shareText(p);
}

/** A probability with its phrase: `0.40 (unlikely)` in prose, `0.400 (unlikely)` in a table. */
export function probability(p: number, place: 'prose' | 'table' = 'table'): string {
  return probabilityText(p, place);
}

/** A value from the file, as written (with its phrase when a probability); null as a dash. */
export function exact(x: number | null, isProbability = false): string {
  return x === null ? '–' : inputText(x, isProbability);
}

/** An input value in a table of many: four significant digits (and a probability's phrase). */
export function short(x: number, isProbability = false): string {
  return shortInput(x, isProbability);
}

/** A break-even value: 3 significant figures everywhere (and a probability's phrase). */
export function breakEven(x: number, isProbability = false): string {
  return breakEvenText(x, isProbability);
}

/** A width for a bar of a probability, in percent, for inline styles. */
export function barWidth(p: number): string {
  return `${fixed(p * 100, 1)}%`;
}

/** `2026-11-25T00:00:00Z` as `2026-11-25 00:00 UTC`. */
export function displayDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** The first 12 hex digits of a content hash: enough to tell versions of a file apart. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}
