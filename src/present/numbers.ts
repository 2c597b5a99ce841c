import { formatNumber } from '../engine/format-number';
import { phraseOf } from '../model/phrases';

/**
 * The one number policy of every view (CLI text, reports, the web page); docs/analyses.md
 * section 7 states it for readers.
 *
 * - Scores and probabilities are judgements: 2 significant figures in prose, 3 in tables.
 *   In a table, a score column keeps one number of decimals, set by its largest magnitude
 *   (`scale`), so -0.05 beside 4.75 does not claim more precision than 4.75 does.
 * - A probability is written as a decimal and followed by its phrase: `0.40 (unlikely)`.
 * - A break-even (where the recommendation changes) is computed, not judged: 3 significant
 *   figures wherever it appears, prose, tables and the form alike.
 * - A value the analyst wrote (a parameter, a weight, a range) is shown as written.
 * - Never `-0`.
 */

/** Where a number is shown: a sentence, or a table (or a chart label, which reads like one). */
export type Place = 'prose' | 'table';

export const FIGURES: Readonly<Record<Place, number>> = { prose: 2, table: 3 };

/** Break-evens: the same precision everywhere. */
export const BREAK_EVEN_FIGURES = 3;

/** Decimals that give `scale` `figures` significant figures (0 for large scales). */
export function decimalsFor(scale: number, figures: number): number {
  const s = Math.abs(scale);
  if (!Number.isFinite(s) || s === 0) return figures - 1;
  return Math.min(15, Math.max(0, figures - 1 - Math.floor(Math.log10(s))));
}

/** `x` with a fixed number of decimals, never `-0`. */
export function fixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return String(x);
  const n = scaledInteger(Math.abs(x), decimals);
  return n === undefined ? noNegativeZero(x.toFixed(decimals)) : decimalText(n, decimals, x < 0);
}

/**
 * `x` to `figures` significant figures, trailing zeros kept (0.40), without exponent notation
 * and never `-0`. Zero is `0`.
 */
export function significant(x: number, figures: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  const decimals = figures - 1 - Math.floor(Math.log10(a));
  const n = scaledInteger(a, decimals);
  // Taken only when `n` has exactly `figures` digits: the logarithm put the decimal point right
  // and rounding did not carry into the next power of ten (0.996 -> 1.00).
  if (n !== undefined && n >= POWERS[figures - 1]! && n < POWERS[figures]!)
    return decimalText(n, decimals, x < 0);
  const rounded = Number(x.toPrecision(figures));
  return fixed(rounded, decimalsFor(rounded, figures));
}

/** Powers of ten, all exact doubles. */
const POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * `a` (not negative) times 10^decimals, rounded to an integer as `toFixed` rounds (half up, on
 * the exact value), or undefined where doubles cannot be sure of that: the scaled value is off by
 * at most 1e-8 below 1e8, so only one within 1e-7 of a half is left to `toFixed`. The number
 * policy formats a few hundred numbers for every change on the live page; `toFixed` and
 * `toPrecision` took twice as long.
 */
function scaledInteger(a: number, decimals: number): number | undefined {
  if (!(decimals >= 0 && decimals < POWERS.length)) return undefined;
  const m = a * POWERS[decimals]!;
  if (!(m < 1e8)) return undefined;
  const fraction = m - Math.floor(m);
  if (fraction > 0.4999999 && fraction < 0.5000001) return undefined;
  return Math.round(m);
}

/** The integer `n` read with its last `decimals` digits after the point: `decimalText(825, 4) = 0.0825`. */
function decimalText(n: number, decimals: number, negative: boolean): string {
  let digits = String(n);
  if (decimals > 0) {
    if (digits.length <= decimals) digits = '0'.repeat(decimals + 1 - digits.length) + digits;
    digits = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  }
  return negative && n !== 0 ? `-${digits}` : digits;
}

/** An expected score. In a table, pass the largest magnitude of the column as `scale`. */
export function scoreText(x: number, place: Place, scale: number = x): string {
  return place === 'prose'
    ? significant(x, FIGURES.prose)
    : fixed(x, decimalsFor(scale, FIGURES.table));
}

/** The largest magnitude among scores shown together (a column, a chart): a table's `scale`. */
export function scaleOf(xs: Iterable<number | null | undefined>): number {
  let m = 0;
  for (const x of xs)
    if (x !== null && x !== undefined && Number.isFinite(x)) m = Math.max(m, Math.abs(x));
  return m;
}

/** A table formatter for one column of scores. */
export function scoreColumn(xs: Iterable<number | null | undefined>): (x: number) => string {
  const decimals = decimalsFor(scaleOf(xs), FIGURES.table);
  return (x) => fixed(x, decimals);
}

/** Below this a probability other than 0 is written `< 0.001`. */
const SMALLEST_PROBABILITY = 0.001;

/**
 * A probability as a decimal, without its phrase: 0.40 in prose, 0.400 in a table. One that is
 * not 0 but below 0.001 is `< 0.001` (not 0.0000800, whose three figures are noise), and one
 * that is not 1 but rounds to it is `> 0.99` in prose, `> 0.999` in a table (never "1.00" for
 * something that is not certain).
 */
export function probabilityNumber(p: number, place: Place): string {
  if (p === 1) return '1';
  if (p > 0 && p < SMALLEST_PROBABILITY) return `< ${SMALLEST_PROBABILITY}`;
  const text = significant(p, FIGURES[place]);
  if (p < 1 && Number(text) >= 1) return place === 'prose' ? '> 0.99' : '> 0.999';
  return text;
}

/** A probability with its phrase (FORMAT.md section 6): `0.40 (unlikely)`. */
export function probabilityText(p: number, place: Place): string {
  return `${probabilityNumber(p, place)} (${phraseOf(p)})`;
}

/** A value as the file writes it, with the phrase when it is a probability: `0.6 (likely)`. */
export function inputText(x: number, probability = false): string {
  return probability ? `${formatNumber(x)} (${phraseOf(x)})` : formatNumber(x);
}

/** An input in a table of many: four significant digits, as written when shorter. */
export function shortInput(x: number, probability = false): string {
  const text = formatNumber(Number(x.toPrecision(4)));
  return probability ? `${text} (${phraseOf(x)})` : text;
}

/**
 * A break-even value: 3 significant figures everywhere (trailing zeros dropped: the value is
 * found to 1e-9 of the range, so 0.4 is 0.4), and the phrase for a probability.
 */
export function breakEvenText(x: number, probability = false): string {
  const text = formatNumber(Number(x.toPrecision(BREAK_EVEN_FIGURES)));
  return probability ? `${text} (${phraseOf(x)})` : text;
}

/** A share that is not a probability (a criterion's weight): a percentage with one decimal. */
export function shareText(p: number): string {
  return `${fixed(p * 100, 1)}%`;
}

/** An expected value of one criterion, in its own unit: two decimals, as in every table. */
export function amountText(x: number): string {
  return fixed(x, 2);
}

/** Whether a parameter is a probability (guarded: older scenario objects lack the field). */
export function isProbability(p: { probability?: boolean | undefined } | undefined): boolean {
  return p?.probability === true;
}

function noNegativeZero(text: string): string {
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** The caption of every simulation table: what its spread is a spread of. */
export const SIMULATION_CAPTION =
  'Mean and percentiles (p5, p50, p95) are of each option’s expected score over the draws of the uncertain inputs, not of the outcomes of single paths: they show how the expected score moves with what we do not know. P(best) is the share of draws in which the option scores highest.';
