import { phraseOf } from '../model/phrases';
import { inputLabel } from '../present/input-label';
import { bottomLineText, SIMULATION_CAPTION, type BottomLineText } from '../present';
import {
  amount,
  barWidth,
  breakEven,
  exact,
  percent,
  probability,
  score,
  scoreColumn,
  short,
} from './format';
import type {
  ReportData,
  ReportIndicator,
  ReportSensitivityEntry,
  ReportSource,
} from './report-data';

/**
 * Wording shared by the Markdown and HTML reports, as plain (unescaped) text: each renderer
 * escapes it for its own format.
 */

export const SCORE_EXPLAINED =
  'An option’s score is its expected weighted value: each criterion counts with its share of the total weight, “lower is better” criteria count negatively, and chance events are averaged by their probabilities. Higher is better.';

export const TREE_EXPLAINED =
  'Squares are decisions, circles chance events, triangles outcomes. The numbers on the branches are their probabilities; the number under a node is its score from here: the expected score from that node on, not counting payoffs collected on the way to it (the outcome table’s path scores count the whole path). The recommended policy is highlighted; rejected options are dimmed.';

/** The caption of the outcome tables: what a path score is. */
export const PATH_SCORE_EXPLAINED =
  'The end states the recommended policy can lead to, likeliest first. The path score and the criterion columns count the whole path from the root, every payoff on the way included.';

export { SIMULATION_CAPTION };

export const TORNADO_EXPLAINED =
  'Each input moves across its range with everything else at its base value. Bars show how far the expected score moves, largest swing first.';

export function directionText(direction: 'max' | 'min'): string {
  return direction === 'min' ? 'lower is better' : 'higher is better';
}

/** A criterion as a column heading: its label and unit. */
export function criterionHeading(c: ReportData['criteria'][number]): string {
  return c.unit ? `${c.label} (${c.unit})` : c.label;
}

/** The label of a root option by id, for tables of sensitivity and simulation. */
export function optionLabel(data: ReportData, id: string | null): string {
  if (id === null) return '–';
  return data.options.find((o) => o.id === id)?.label ?? id;
}

/** "unchanged" when the best option is the recommendation at both ends, else "A → B". */
export function bestAtEnds(data: ReportData, e: ReportSensitivityEntry): string {
  if (e.choice_low === e.choice_high)
    return e.choice_low === data.sensitivity.choice ? 'unchanged' : optionLabel(data, e.choice_low);
  return `${optionLabel(data, e.choice_low)} → ${optionLabel(data, e.choice_high)}`;
}

/** Without a recommendation: the tree starts with a chance event. */
export function noRecommendation(data: ReportData): string {
  return `The tree starts with a chance event, not a decision, so there is nothing to recommend; its expected score is ${score(data.score)}.`;
}

/** The bottom line in words (plain text; each renderer escapes it). */
export function bottomLineWords(data: ReportData): BottomLineText {
  return bottomLineText(data.bottom_line);
}

/** "No input ..." when nothing can change the recommendation. */
export function noBreakEven(data: ReportData): string {
  const n = data.sensitivity.entries.length;
  return `No input changes the recommendation within its range (${n} input${n === 1 ? '' : 's'} tested: every parameter with a range and every criterion weight).`;
}

/** A value (with its unit) followed by its phrase when it is a probability. */
export function withPhrase(text: string, value: number, isProbability: boolean): string {
  return isProbability ? `${text} (${phraseOf(value)})` : text;
}

/** An input value with its unit, for the assumptions table. */
export function withUnit(value: string, unit: string | null): string {
  return unit ? `${value} ${unit}` : value;
}

/** Citation parts in order: author, title, publisher, date. */
export function citationParts(s: ReportSource): { author: string | null; rest: string[] } {
  return {
    author: s.author,
    rest: [s.publisher, s.date].filter((x): x is string => x !== null && x !== ''),
  };
}

/** Only web addresses become links; anything else (`javascript:`, a file path) is shown as text. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

/** An observation among the changes: "Oreshnik reported (oreshnik) seen: p_escalation". */
export function observationLabel(o: ReportData['changes']['observations'][number]): string {
  return `Indicator ${o.label} (${o.id}) ${o.seen ? 'seen' : 'looked for and not seen'}: ${o.parameter}`;
}

/** An expectation in a list: its verdict, what it asks (and where it fails), and its line. */
export function expectationLine(x: ReportData['expectations'][number]): string {
  return `${x.ok ? 'Holds' : 'Fails'}${x.line === null ? '' : ` (line ${x.line})`}: ${x.message.replace(/^holds: /, '')}`;
}

/** "No expectations ..." when the file states none. */
export const NO_EXPECTATIONS =
  'The scenario states no expectations (expect:): nothing says what its authors believe about the recommendation.';

/** The assumptions' empty cases: no parameters, no numbers for branches, no sources. */
export const NO_PARAMETERS = 'The scenario has no parameters.';
export const NO_LITERAL_PROBABILITIES =
  'Every branch probability comes from a parameter or is the rest of its siblings.';
export const NO_SOURCES = 'The scenario cites no sources.';

/** The lead of the Indicators section: which to watch. */
export function indicatorsLead(data: ReportData): string {
  const ind = data.indicators!;
  const watch = ind.items.filter((i) => i.flips);
  if (watch.length > 0)
    return `Watch ${watch.map((i) => i.label).join('; ')}: an answer to ${watch.length === 1 ? 'it' : 'each'} would change the recommendation.`;
  const open = ind.items.filter((i) => i.observed === null).length;
  return open === 0
    ? 'Every indicator has been looked for; their answers are in the values used.'
    : 'No single indicator would change the recommendation.';
}

/** What an observed indicator left behind. */
export function observedText(i: ReportIndicator): string {
  return i.observed === 'seen' ? 'seen' : 'looked for and not seen';
}

/** The panel's agreement, in a sentence. */
export function panelLead(data: ReportData): string {
  const p = data.panel!;
  const n = p.analysts.length;
  if (p.pooled === null || p.agreement === null) return 'The assessments could not be pooled.';
  return `${n} analyst${n === 1 ? '' : 's'}, ${p.pool} pool. The pooled judgement recommends ${optionLabel(data, p.pooled.choice)} (score ${score(p.pooled.score)}); ${percent(p.agreement)} of the analysts recommend it themselves.`;
}

export { inputLabel };

export { amount, barWidth, breakEven, exact, percent, probability, score, scoreColumn, short };
