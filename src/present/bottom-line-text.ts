import { CLOSE_MARGIN_SHARE, CLOSE_P_BEST, type BottomLine } from './bottom-line';
import { breakEvenText, inputText, probabilityText, scoreText } from './numbers';
import { inputName } from './statements';

/**
 * The bottom line in words, as plain (unescaped) text: each view escapes and lays it out. The
 * numbers follow the number policy for prose (2 significant figures, probabilities with their
 * phrase, break-evens at 3).
 */
export interface BottomLineText {
  /** "Recommended" or "Too close to call"; null when the root is not a decision. */
  readonly label: string | null;
  /** The option, as the headline names it: "Middle way" or "Middle way, narrowly ahead of Firm stance". */
  readonly headline: string | null;
  /** The recommended option's expected score: "2.7". */
  readonly score: string | null;
  /** "0.21 ahead of Firm stance (2.5): 17% of the spread of end-state scores (1.2)." */
  readonly margin: string;
  /** "Nearest tipping point: ..." or why there is none. */
  readonly tippingPoint: string | null;
  /** "Best in 0.70 (likely) of 10000 simulation draws." */
  readonly pBest: string | null;
  /** Why it is too close to call; null when it is not. */
  readonly caution: string | null;
  /** The sentences above that apply, labelled, in the order every view shows them. */
  readonly items: readonly { readonly label: string; readonly text: string }[];
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;

export function bottomLineText(b: BottomLine): BottomLineText {
  const t = sentences(b);
  const items = [
    ...(t.caution ? [{ label: 'Why too close to call', text: t.caution }] : []),
    ...(t.label !== null ? [{ label: 'Margin', text: t.margin }] : []),
    ...(t.tippingPoint ? [{ label: 'Nearest tipping point', text: t.tippingPoint }] : []),
    ...(t.pBest ? [{ label: 'Chance of being best', text: t.pBest }] : []),
  ];
  return { ...t, items };
}

function sentences(b: BottomLine): Omit<BottomLineText, 'items'> {
  if (b.verdict === 'no-decision' || !b.best)
    return {
      label: null,
      headline: null,
      score: null,
      margin: 'The tree starts with a chance event, not a decision: there is nothing to recommend.',
      tippingPoint: null,
      pBest: null,
      caution: null,
    };
  const close = b.verdict === 'too-close-to-call';
  const best = b.best;
  const r = b.runner_up;
  const margin = r
    ? `${capitalised(scoreText(b.margin!, 'prose'))} ahead of ${r.label} (${scoreText(r.score, 'prose')})${b.margin_share === null ? '' : `, ${percent(b.margin_share)} of the spread of end-state scores (${scoreText(b.score_range!, 'prose')})`}.`
    : 'It is the only option.';
  const why: string[] = [];
  if (b.reasons.includes('margin'))
    why.push(
      b.margin_share === null
        ? 'the options score the same'
        : `its lead is under ${percent(CLOSE_MARGIN_SHARE)} of the spread of end-state scores`,
    );
  if (b.reasons.includes('p-best'))
    why.push(`it is best in under ${percent(CLOSE_P_BEST)} of the simulation’s draws`);
  return {
    label: close ? 'Too close to call' : 'Recommended',
    headline: close && r ? `${best.label}, narrowly ahead of ${r.label}` : best.label,
    score: scoreText(best.score, 'prose'),
    margin,
    tippingPoint: tippingText(b),
    pBest:
      b.p_best === null
        ? null
        : `${best.label} is best in ${probabilityText(b.p_best, 'prose')} of ${b.draws} simulation draws of the uncertain inputs.`,
    caution: why.length > 0 ? capitalised(`${why.join(', and ')}.`) : null,
  };
}

function tippingText(b: BottomLine): string | null {
  const t = b.tipping_point;
  if (!t)
    return b.searched && r(b) ? 'No input changes the recommendation within its range.' : null;
  const verb = t.direction === 'above' ? 'rises above' : 'falls below';
  const base = inputText(t.base, t.probability);
  const at = breakEvenText(t.value, t.probability);
  const becomes = t.becomes ? `${t.becomes.label} becomes best` : 'the recommendation changes';
  return `If ${inputName(t)} ${verb} ${at} from its base of ${base}, a move of ${percent(t.distance)} of its range, ${becomes}.`;
}

/** A sentence may start with a number: nothing to capitalise, but keep the hook for words. */
const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const r = (b: BottomLine) => b.runner_up !== null;

/** The bottom line as lines of plain text, for the CLI. */
export function bottomLineLines(b: BottomLine, id = ''): string[] {
  const t = bottomLineText(b);
  if (t.label === null) return [t.margin];
  return [
    `${t.label}: ${t.headline}${id}, score ${t.score}`,
    ...t.items.map((i) => `  ${i.label}: ${i.text}`),
  ];
}
