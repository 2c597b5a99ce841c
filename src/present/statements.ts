import type { Sensitivity, SensitivityEntry, Threshold } from '../engine';
import { phraseOf } from '../model/phrases';
import { breakEvenText } from './numbers';
import { formatNumber } from '../engine/format-number';

/**
 * Break-even statements: the sentences a briefing quotes about what would change the
 * recommendation, written from the engine's thresholds (value, direction, option below and
 * above). The engine writes no prose; every view takes its sentences from here.
 */

/** What a statement needs of a sensitivity entry. */
export type BreakEvenInput = Pick<
  SensitivityEntry,
  'name' | 'kind' | 'label' | 'base' | 'low' | 'high' | 'thresholds'
> & { readonly probability?: boolean };

/** The root options by id, and the best one at the base case. */
export interface OptionNames {
  readonly choice: string | null;
  readonly options: readonly { readonly id: string; readonly label: string }[];
}

/** An input value in a sentence: 3 significant figures, as the break-even beside it. */
const value = (x: number): string => formatNumber(Number(x.toPrecision(3)));

/** How a sentence names an input: "P(unity holds) (p_unity)", or "the weight of Cost". */
export function inputName(e: Pick<BreakEvenInput, 'name' | 'kind' | 'label'>): string {
  return e.kind === 'weight' ? e.label : `${e.label}${e.label === e.name ? '' : ` (${e.name})`}`;
}

/** The label of a root option by id ("no option" for null, the id when unknown). */
export function optionName(names: OptionNames, id: string | null): string {
  if (id === null) return 'no option';
  return names.options.find((o) => o.id === id)?.label ?? id;
}

/**
 * The threshold a statement leads with on each side of the base value: the nearest one above
 * and the nearest one at or below.
 */
export function nearestThresholds(e: BreakEvenInput): { up?: Threshold; down?: Threshold } {
  const up = e.thresholds.find((t) => t.value > e.base);
  const down = [...e.thresholds].reverse().find((t) => t.value <= e.base);
  return { ...(up && { up }), ...(down && { down }) };
}

/**
 * For a probability: which band a move from the base to `to` lands in. "still likely" when it
 * stays in the base's band, else "from likely to very likely" (FORMAT.md section 6).
 */
export function bandMove(from: number, to: number): string {
  const a = phraseOf(from);
  const b = phraseOf(to);
  return a === b ? `still ${b}` : `from ${a} to ${b}`;
}

/**
 * "Firm stance stays best unless P(deal holds) (p) exceeds 0.62 (base 0.55), from likely to
 * likely; above it, Deal is best." One sentence per input, whether or not it can change the
 * recommendation.
 */
export function breakEvenStatement(e: BreakEvenInput, names: OptionNames): string {
  const name = inputName(e);
  const best = names.choice === null ? null : optionName(names, names.choice);
  if (best === null || names.options.length === 0)
    return `The root is not a decision, so ${name} cannot change a recommendation.`;
  const { up, down } = nearestThresholds(e);
  const where = `(base ${value(e.base)})`;
  const band = (to: number) => (e.probability === true ? `, ${bandMove(e.base, to)}` : '');
  const at = (x: number) => breakEvenText(x);
  if (!up && !down)
    return `${best} stays best across the whole range of ${name}, ${value(e.low)} to ${value(e.high)}.`;
  if (up && !down)
    return `${best} stays best unless ${name} exceeds ${at(up.value)} ${where}${band(up.value)}; above it, ${optionName(names, up.above)} is best.`;
  if (down && !up)
    return `${best} stays best unless ${name} falls below ${at(down.value)} ${where}${band(down.value)}; below it, ${optionName(names, down.below)} is best.`;
  const bands =
    e.probability === true
      ? `, a band from ${phraseOf(down!.value)} to ${phraseOf(up!.value)}`
      : '';
  return `${best} stays best while ${name} stays between ${at(down!.value)} and ${at(up!.value)} ${where}${bands}; below, ${optionName(names, down!.below)} is best, above, ${optionName(names, up!.above)}.`;
}

/**
 * The hint beside an input on the page: the nearest point where the recommendation changes, seen
 * from the input's current value, in words and with labels. "Middle way stops being best below
 * 0.45 (roughly even chance), where Firm stance takes over; now 0.6 (likely)." Null when the
 * input changes nothing within its range. `current` is the value in the form; `e.thresholds`
 * must have been found at the form's values.
 */
export function breakEvenHint(
  e: Pick<BreakEvenInput, 'thresholds' | 'probability'>,
  current: number,
  names: OptionNames,
): string | null {
  if (e.thresholds.length === 0 || !Number.isFinite(current)) return null;
  const nearest = [...e.thresholds].sort(
    (a, b) => Math.abs(a.value - current) - Math.abs(b.value - current),
  )[0]!;
  // A threshold above the current value: what is best now is what is best just below it.
  const above = nearest.value > current;
  const now = optionName(names, above ? nearest.below : nearest.above);
  const then = optionName(names, above ? nearest.above : nearest.below);
  const show = (x: number) => breakEvenText(x, e.probability === true);
  return `${now} stops being best ${above ? 'above' : 'below'} ${show(nearest.value)}, where ${then} takes over; now ${show(current)}.`;
}

/** The statements of every input that can change the recommendation, largest swing first. */
export function breakEvenStatements(s: Sensitivity): string[] {
  return s.parameters.filter((p) => p.thresholds.length > 0).map((p) => breakEvenStatement(p, s));
}

/** An entry of `sensitivity --format json`: the engine's data, its statement and phrase. */
export type SensitivityJsonEntry = SensitivityEntry & { statement: string; phrase?: string };

/**
 * `branchpoint sensitivity --format json`: the engine's result with each entry's `statement`
 * (as before the engine stopped writing prose) and, for a probability, the `phrase` of its
 * base value.
 */
export function sensitivityJson(
  s: Sensitivity,
): Omit<Sensitivity, 'parameters'> & { parameters: SensitivityJsonEntry[] } {
  return {
    ...s,
    parameters: s.parameters.map((p) => ({
      ...p,
      statement: breakEvenStatement(p, s),
      ...(p.probability && { phrase: phraseOf(p.base) }),
    })),
  };
}
