import type { ReportData } from '../report-data';
import { firstRows, outcomesLeftOut } from '../report-rows';
import { amount, barWidth, PATH_SCORE_EXPLAINED, probability, scoreColumn } from '../report-text';
import { criterionHeader, h, outcome } from './html-text';

/**
 * The end states under the recommended policy, likeliest first, with their whole-path scores
 * (HTML).
 */
export function outcomesSection(data: ReportData): string[] {
  const { rows } = firstRows(data.outcomes);
  const rest = outcomesLeftOut(data);
  const pathScore = scoreColumn(data.outcomes.map((o) => o.score));
  return [
    '<section class="outcomes">',
    '<h2>Outcomes under the recommended policy</h2>',
    `<p class="lede">${h(PATH_SCORE_EXPLAINED)}</p>`,
    '<table class="long">',
    `<thead><tr><th class="num">Probability</th><th>Outcome</th><th class="num">Path score</th>${data.criteria.map(criterionHeader).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map(
      (o) =>
        `<tr><td class="num">${h(probability(o.probability))}<span class="track"><span class="fill" style="width:${barWidth(o.probability)}"></span></span></td><td>${outcome(o.trail)}</td><td class="num">${pathScore(o.score)}</td>${data.criteria.map((c) => `<td class="num">${amount(o.payoff[c.id]!)}</td>`).join('')}</tr>`,
    ),
    '</tbody>',
    '</table>',
    ...(rest.count > 0
      ? [
          `<p class="caption">${rest.count} less likely outcomes (${h(probability(rest.probability, 'prose'))} together) are in the JSON and CSV reports.</p>`,
        ]
      : []),
    '</section>',
  ];
}
