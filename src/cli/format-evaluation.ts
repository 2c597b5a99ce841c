import type { Evaluation, Sensitivity, Simulation } from '../engine';
import {
  amountText,
  bottomLine,
  bottomLineLines,
  probabilityNumber,
  scoreColumn,
  shareText,
} from '../present';
import { phraseOf } from '../model/phrases';
import { table } from '../present/table';

/** How many outcomes the text summary lists. */
const TOP_OUTCOMES = 10;

/** Analyses run beside the evaluation, for its bottom line. */
export interface EvaluationExtras {
  /** The nearest tipping point comes from here; without it the text says how to get one. */
  readonly sensitivity?: Sensitivity | null;
  readonly simulation?: Simulation | null;
}

/**
 * The text summary of `evaluate`: the bottom line (recommendation, margin, nearest tipping
 * point), then the criteria, options, policy and the likeliest outcomes.
 */
export function formatEvaluation(e: Evaluation, extras: EvaluationExtras = {}): string {
  const lines: string[] = [e.title, ''];
  const best = e.options.find((o) => o.id === e.choice);
  if (best) {
    const b = bottomLine(e, extras.sensitivity ?? null, extras.simulation ?? null);
    lines.push(...bottomLineLines(b, ` (${best.id})`));
    if (extras.sensitivity === undefined)
      lines.push('  What would change it: branchpoint sensitivity FILE.');
  } else {
    lines.push(`Expected score: ${scoreColumn([e.score])(e.score)}`);
  }
  lines.push('', ...criteriaLines(e), ...optionLines(e), ...policyLines(e), ...outcomeLines(e));
  return `${lines.join('\n')}\n`;
}

/** The criteria with their weights and shares, then a blank line. */
function criteriaLines(e: Evaluation): string[] {
  return [
    'Criteria:',
    ...table(
      [
        ['  Id', 'Criterion', 'Better', 'Weight', 'Share'],
        ...e.criteria.map((c) => [
          `  ${c.id}`,
          `${c.label}${c.unit ? ` (${c.unit})` : ''}`,
          c.direction === 'min' ? 'lower' : 'higher',
          c.weight.toFixed(3),
          shareText(c.normalized_weight),
        ]),
      ],
      ['l', 'l', 'l', 'r', 'r'],
    ),
    '',
  ];
}

/** The options table (the chosen one starred) with the score explained; nothing without options. */
function optionLines(e: Evaluation): string[] {
  if (e.options.length === 0) return [];
  const score = scoreColumn(e.options.map((o) => o.score));
  const rows = e.options.map((o) => [
    `${o.id === e.choice ? '*' : ' '} ${o.label}`,
    score(o.score),
    ...e.criteria.map((c) => amountText(o.expected[c.id]!)),
  ]);
  return [
    ...table(
      [['  Option', 'Score', ...e.criteria.map((c) => c.id)], ...rows],
      ['l', 'r', ...e.criteria.map(() => 'r' as const)],
    ),
    '  Score: the expected score of the option over every path from the root.',
    '',
  ];
}

/** The option taken at each decision; nothing when the tree has no decision. */
function policyLines(e: Evaluation): string[] {
  if (e.policy.length === 0) return [];
  return [
    'Policy (chosen option at each decision):',
    ...e.policy.map((p) => `  ${p.path} -> ${p.choice}`),
    '',
  ];
}

/** The likeliest outcomes under the policy, with their whole-path scores. */
function outcomeLines(e: Evaluation): string[] {
  const top = [...e.outcomes].sort((a, b) => b.probability - a.probability).slice(0, TOP_OUTCOMES);
  const more = e.outcomes.length - top.length;
  const pathScore = scoreColumn(e.outcomes.map((o) => o.score));
  return [
    `Outcomes under this policy${more > 0 ? ` (likeliest ${top.length} of ${e.outcomes.length})` : ''}:`,
    ...table(
      [
        ['  Probability', '', 'Path score', 'Outcome'],
        ...top.map((o) => [
          `  ${probabilityNumber(o.probability, 'table')}`,
          `(${phraseOf(o.probability)})`,
          pathScore(o.score),
          o.path,
        ]),
      ],
      ['r', 'l', 'r', 'l'],
    ),
    '  Path score: the score of the whole path from the root to that end state.',
  ];
}
