import { formatNumber } from '../engine';

/**
 * How reports print numbers and dates. Every format uses these, so the Markdown, HTML and CSV of
 * one report agree on what a reader sees; the JSON keeps the numbers unrounded.
 */

/** An expected score: three decimals, as on the command line and in the web app. */
export function score(x: number): string {
  return noNegativeZero(x.toFixed(3));
}

/** An expected value of a criterion: two decimals. */
export function amount(x: number): string {
  return noNegativeZero(x.toFixed(2));
}

/** A probability or share as a percentage with one decimal. */
export function percent(p: number): string {
  return `${noNegativeZero((p * 100).toFixed(1))}%`;
}

/** A value from the file, as written: up to 12 significant digits; null (unknown) as a dash. */
export function exact(x: number | null): string {
  return x === null ? '–' : formatNumber(x);
}

/** An input value in a table of many: four significant digits. */
export function short(x: number): string {
  return formatNumber(Number(x.toPrecision(4)));
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

function noNegativeZero(text: string): string {
  return /^-0(\.0*)?%?$/.test(text) ? text.slice(1) : text;
}
