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

/** Grid intervals that bracket each change of the best option before bisection narrows it. */
export const THRESHOLD_GRID = 64;

/** Bisection stops when a threshold is bracketed this tightly, relative to the variable's range. */
export const THRESHOLD_TOLERANCE = 1e-12;

/** Most Monte Carlo iterations one run may ask for: bounds the memory the results take. */
export const MAX_ITERATIONS = 1_000_000;
