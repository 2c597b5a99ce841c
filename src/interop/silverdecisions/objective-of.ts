import { importError, importWarning, type ImportIssue } from './import-issue';
import { numberOf, type JsonRecord } from './sd-json';

type Direction = 'max' | 'min';

/** How one SilverDecisions payoff becomes a criterion: its direction and weight. */
export interface CriterionPlan {
  /** Index into the edges' payoff arrays. */
  readonly payoff: 0 | 1;
  readonly direction: Direction;
  readonly weight: number;
  readonly weightRange: readonly [number, number] | null;
  /** Included only when some payoff of this index is not zero (a criterion with weight 0). */
  readonly onlyIfUsed: boolean;
}

export interface Objective {
  readonly rule: string;
  readonly criteria: readonly CriterionPlan[];
  /** For multi-criteria rules: SilverDecisions' score is ours times this (the sum of the weights). */
  readonly scale: number;
  readonly multiCriteria: boolean;
}

/**
 * SilverDecisions' objective rules (sd-computations `objective/rules/`). The expected-value rules
 * optimise one payoff. The four two-payoff rules optimise `c1 * w * payoff1 + c2 * payoff2` with
 * `w = defaultCriterion1Weight` (only `c1 * payoff1` when w is Infinity), and directions c1, c2 in
 * their names: a weighted sum like ours, up to the factor 1 / (w + 1) our normalised weights add.
 * The maxi-/mini- rules score a chance node by one extreme outcome instead of the mean.
 */
const EXPECTED: Record<string, Direction> = {
  'expected-value-maximization': 'max',
  'expected-value-minimization': 'min',
};
const TWO_PAYOFFS: Record<string, readonly [Direction, Direction]> = {
  'max-min': ['max', 'min'],
  'min-max': ['min', 'max'],
  'max-max': ['max', 'max'],
  'min-min': ['min', 'min'],
};
const EXTREME: Record<string, { direction: Direction; what: string }> = {
  'maxi-min': { direction: 'max', what: 'the worst outcome of every chance node' },
  'maxi-max': { direction: 'max', what: 'the best outcome of every chance node' },
  'mini-min': { direction: 'min', what: 'the lowest outcome of every chance node' },
  'mini-max': { direction: 'min', what: 'the highest outcome of every chance node' },
};

export const DEFAULT_RULE = 'expected-value-maximization';

/**
 * The criteria a file's rule imports as. `file` is the top-level object (it holds `rule` and
 * `viewMode`), `data` its `data` member, `dataPath` the path to it ('data' or '').
 */
export function objectiveOf(
  file: JsonRecord,
  data: JsonRecord,
  dataPath: string,
  issues: ImportIssue[],
): Objective | null {
  const rule = typeof file.rule === 'string' ? file.rule : DEFAULT_RULE;
  // In the "criterion 2" view, SilverDecisions' single-payoff rules read the second payoff.
  const main: 0 | 1 = file.viewMode === 'criterion2' ? 1 : 0;
  const other: 0 | 1 = main === 0 ? 1 : 0;
  const single = (direction: Direction): Objective => ({
    rule,
    multiCriteria: false,
    scale: 1,
    criteria: (
      [
        { payoff: main, direction, weight: 1, weightRange: null, onlyIfUsed: false },
        { payoff: other, direction: 'max', weight: 0, weightRange: null, onlyIfUsed: true },
      ] satisfies CriterionPlan[]
    ).sort((a, b) => a.payoff - b.payoff),
  });

  const expected = EXPECTED[rule];
  if (expected) return single(expected);
  const extreme = EXTREME[rule];
  if (extreme) {
    issues.push(
      importWarning(
        'RULE_NOT_WEIGHTED',
        'rule',
        `rule '${rule}' scores ${extreme.what}, not the expected value, and branchpoint has no such rule; imported as expected-value ${extreme.direction === 'max' ? 'maximisation' : 'minimisation'} of the same payoff, so the values differ from SilverDecisions'`,
      ),
    );
    return single(extreme.direction);
  }
  const directions = TWO_PAYOFFS[rule];
  if (!directions) {
    issues.push(
      importError(
        'UNKNOWN_RULE',
        'rule',
        `unknown objective rule '${rule}'; expected one of ${[...Object.keys(EXPECTED), ...Object.keys(TWO_PAYOFFS), ...Object.keys(EXTREME)].join(', ')}`,
      ),
    );
    return null;
  }

  const at = (key: string) => (dataPath === '' ? key : `${dataPath}.${key}`);
  const raw = data.defaultCriterion1Weight;
  const w = raw === undefined || raw === null ? 1 : numberOf(raw);
  if (w === undefined || Number.isNaN(w) || w < 0) {
    issues.push(
      importError(
        'BAD_WEIGHT',
        at('defaultCriterion1Weight'),
        `the weight of the first criterion must be a number >= 0 or Infinity, not ${JSON.stringify(raw)}`,
      ),
    );
    return null;
  }
  const low = numberOf(data.weightLowerBound);
  const high = numberOf(data.weightUpperBound);
  // Only a finite range around the weight carries over: branchpoint's default (+-50%) otherwise.
  const weightRange: readonly [number, number] | null =
    low !== undefined &&
    high !== undefined &&
    Number.isFinite(low) &&
    Number.isFinite(high) &&
    low < high &&
    low <= w &&
    w <= high
      ? [low, high]
      : null;
  const infinite = w === Infinity;
  return {
    rule,
    multiCriteria: true,
    scale: infinite ? 1 : w + 1,
    criteria: [
      {
        payoff: 0,
        direction: directions[0],
        weight: infinite ? 1 : w,
        weightRange: infinite ? null : weightRange,
        onlyIfUsed: false,
      },
      {
        payoff: 1,
        direction: directions[1],
        weight: infinite ? 0 : 1,
        weightRange: null,
        onlyIfUsed: false,
      },
    ],
  };
}
