import type { ReportData } from '../report-data';
import { hasCriterionNotes } from '../report-rows';
import {
  amount,
  directionText,
  exact,
  percent,
  SCORE_EXPLAINED,
  scoreColumn,
} from '../report-text';
import { criterionHeader, h, inline, named } from './html-text';

/**
 * The root options with their scores and expected criterion values, then the criteria and their
 * weights (HTML).
 */
export function optionsSection(data: ReportData): string[] {
  const out = [
    '<section class="options">',
    '<h2>Options</h2>',
    `<p class="lede">${h(SCORE_EXPLAINED)}</p>`,
  ];
  if (data.options.length > 0) {
    const optionScore = scoreColumn(data.options.map((o) => o.score));
    out.push(
      '<table>',
      `<thead><tr><th>Option</th><th class="num">Score</th>${data.criteria.map(criterionHeader).join('')}</tr></thead>`,
      '<tbody>',
      ...data.options.map(
        (o) =>
          `<tr${o.chosen ? ' class="chosen"' : ''}><td>${h(o.label)}${o.chosen ? ' <span class="badge">recommended</span>' : ''}</td><td class="num score">${optionScore(o.score)}</td>${data.criteria.map((c) => `<td class="num">${amount(o.expected[c.id]!)}</td>`).join('')}</tr>`,
      ),
      '</tbody>',
      '</table>',
      '<p class="caption">Criterion columns are expected values under each option’s best continuation.</p>',
    );
  }
  const notes = hasCriterionNotes(data);
  out.push(
    '<h3>Criteria and weights</h3>',
    '<table>',
    `<thead><tr><th>Criterion</th><th>Better</th><th>Unit</th><th class="num">Weight</th><th class="num">Share</th>${notes ? '<th>Note</th>' : ''}</tr></thead>`,
    '<tbody>',
    ...data.criteria.map(
      (c) =>
        `<tr><td>${named(c.label, c.id)}</td><td class="nowrap">${h(directionText(c.direction))}</td><td>${h(c.unit ?? '')}</td><td class="num">${c.weight === c.base_weight ? exact(c.weight) : `<strong>${exact(c.weight)}</strong> <span class="was">file: ${exact(c.base_weight)}</span>`}</td><td class="num">${percent(c.normalized_weight)}</td>${notes ? `<td class="note">${inline(c.note)}</td>` : ''}</tr>`,
    ),
    '</tbody>',
    '</table>',
    '<p class="caption">Weights are normalised to shares that sum to 100%.</p>',
    '</section>',
  );
  return out;
}
