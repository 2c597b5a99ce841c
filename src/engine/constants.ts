/** Tuning numbers of the evaluation rules (FORMAT.md section 2), in one place. */

/** A chance node's probabilities must sum to 1 within this. */
export const SUM_TOLERANCE = 1e-6;

/**
 * A computed probability this far outside [0, 1] is rounding, not a mistake, and is clamped.
 * Literal probabilities in the file get no such slack.
 */
export const RANGE_TOLERANCE = 1e-9;

/** Scores a, b tie when |a - b| <= TIE_TOLERANCE * max(1, |a|, |b|). */
export const TIE_TOLERANCE = 1e-9;
