import { mdTable, mdText } from '../markdown-text';
import type { ReportData } from '../report-data';
import { firstRows, outcomesLeftOut } from '../report-rows';
import {
  amount,
  criterionHeading,
  PATH_SCORE_EXPLAINED,
  probability,
  scoreColumn,
} from '../report-text';

/** `## Outcomes under the recommended policy`: a table with each route as labels joined by ›. */
export function outcomesSection(data: ReportData): string[] {
  const { rows } = firstRows(data.outcomes);
  const pathScore = scoreColumn(data.outcomes.map((o) => o.score));
  const lines = [
    '## Outcomes under the recommended policy',
    '',
    PATH_SCORE_EXPLAINED,
    '',
    ...mdTable(
      [
        'Probability',
        'Outcome',
        'Path score',
        ...data.criteria.map((c) => mdText(criterionHeading(c))),
      ],
      ['r', 'l', 'r', ...data.criteria.map(() => 'r' as const)],
      rows.map((o) => [
        probability(o.probability),
        o.trail.map(mdText).join(' › '),
        pathScore(o.score),
        ...data.criteria.map((c) => amount(o.payoff[c.id]!)),
      ]),
    ),
  ];
  const rest = outcomesLeftOut(data);
  if (rest.count > 0)
    lines.push(
      '',
      `${rest.count} less likely outcomes (${probability(rest.probability, 'prose')} together) are in the JSON and CSV reports.`,
    );
  return lines;
}
