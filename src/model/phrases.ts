/**
 * Words of estimative probability (ICD 203), FORMAT.md section 6: the phrases analysts write
 * instead of numbers, the band of probabilities each stands for, and its point value.
 */

export type Confidence = 'low' | 'moderate' | 'high';
export const CONFIDENCE_LEVELS: readonly Confidence[] = ['low', 'moderate', 'high'];

export interface Band {
  /** The canonical phrase, as shown after a probability. */
  readonly phrase: string;
  readonly synonym: string;
  /** `[low, high)`; the last band includes its upper end. */
  readonly low: number;
  readonly high: number;
  /** The value a parameter written as this phrase takes. */
  readonly value: number;
}

export const BANDS: readonly Band[] = [
  { phrase: 'almost no chance', synonym: 'remote', low: 0.01, high: 0.05, value: 0.03 },
  { phrase: 'very unlikely', synonym: 'highly improbable', low: 0.05, high: 0.2, value: 0.125 },
  { phrase: 'unlikely', synonym: 'improbable', low: 0.2, high: 0.45, value: 0.325 },
  {
    phrase: 'roughly even chance',
    synonym: 'roughly even odds',
    low: 0.45,
    high: 0.55,
    value: 0.5,
  },
  { phrase: 'likely', synonym: 'probable', low: 0.55, high: 0.8, value: 0.675 },
  { phrase: 'very likely', synonym: 'highly probable', low: 0.8, high: 0.95, value: 0.875 },
  { phrase: 'almost certain', synonym: 'nearly certain', low: 0.95, high: 0.99, value: 0.97 },
];

const BY_WORDS = new Map<string, number>(
  BANDS.flatMap((b, i) => [
    [b.phrase, i],
    [b.synonym, i],
  ]),
);

/** Every phrase and synonym, for completion and suggestions. */
export const PHRASES: readonly string[] = BANDS.flatMap((b) => [b.phrase, b.synonym]);

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The band a phrase (or synonym) names, matched case-insensitively as the whole string. */
export function bandOfPhrase(text: string): Band | undefined {
  const i = BY_WORDS.get(normalise(text));
  return i === undefined ? undefined : BANDS[i];
}

/** The band that contains probability `p`: below 0.01 almost no chance, above 0.99 almost certain. */
export function bandOf(p: number): Band {
  for (const b of BANDS) if (p < b.high) return b;
  return BANDS[BANDS.length - 1]!;
}

/** The phrase of the band that contains `p`. */
export function phraseOf(p: number): string {
  return bandOf(p).phrase;
}

/**
 * The default range of a phrase at a confidence: the band itself, or at `low` confidence the band
 * widened to take in the neighbouring band on each side that has one.
 */
export function phraseRange(band: Band, confidence: Confidence | null): [number, number] {
  if (confidence !== 'low') return [band.low, band.high];
  const i = BANDS.indexOf(band);
  return [BANDS[Math.max(0, i - 1)]!.low, BANDS[Math.min(BANDS.length - 1, i + 1)]!.high];
}

/** One-word phrases: a parameter may not be named like one (it would read as the phrase). */
export const ONE_WORD_PHRASES: ReadonlySet<string> = new Set(
  PHRASES.filter((p) => !p.includes(' ')),
);

/**
 * The phrase nearest to a string that looks like a mistyped phrase, or undefined when it is not
 * close to any (an edit distance of at most a third of the phrase, and at most 4).
 */
export function nearestPhrase(text: string): string | undefined {
  const t = normalise(text);
  if (t.length < 4 || !/^[a-z ]+$/.test(t)) return undefined;
  let best: { phrase: string; distance: number } | undefined;
  for (const p of PHRASES) {
    const d = editDistance(t, p);
    if (d <= Math.min(4, Math.floor(p.length / 3)) && (!best || d < best.distance))
      best = { phrase: p, distance: d };
  }
  return best?.phrase;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length]!;
}
