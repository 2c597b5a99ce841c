import type { ReportData } from '../report-data';
import { indicatorsToExplain } from '../report-rows';
import { exact, indicatorsLead, observedText } from '../report-text';
import { h } from './html-text';

/** The indicators to watch, what each updates, and what either answer would mean (HTML). */
export function indicatorsSection(data: ReportData): string[] {
  const ind = data.indicators!;
  const said = indicatorsToExplain(data);
  return [
    '<section class="indicators">',
    '<h2>Indicators</h2>',
    `<p class="lede">${h(indicatorsLead(data))}</p>`,
    '<table>',
    '<thead><tr><th>Indicator</th><th>Updates</th><th class="num">Seen if it happens</th><th class="num">Seen if not</th><th>Now</th><th>Watch</th></tr></thead>',
    '<tbody>',
    ...ind.items.map(
      (i) =>
        `<tr${i.flips ? ' class="chosen"' : ''}><td>${h(i.label)} <code>${h(i.id)}</code></td><td><code>${h(i.parameter)}</code></td><td class="num">${h(exact(i.if_true))}</td><td class="num">${h(exact(i.if_false))}</td><td>${i.observed === null ? 'not yet looked for' : h(observedText(i))}</td><td>${i.flips ? '<strong>watch</strong>' : ''}</td></tr>`,
    ),
    '</tbody>',
    '</table>',
    ...(said.length > 0
      ? ['<ul>', ...said.flatMap((i) => i.sentences.map((t) => `<li>${h(t)}</li>`)), '</ul>']
      : []),
    ...(ind.problems.length > 0
      ? [
          '<p>Could not analyse:</p>',
          '<ul>',
          ...ind.problems.map((p) => `<li>${h(p)}</li>`),
          '</ul>',
        ]
      : []),
    '</section>',
  ];
}
