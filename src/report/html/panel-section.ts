import type { ReportData } from '../report-data';
import { exact, optionLabel, panelLead, score } from '../report-text';
import { h } from './html-text';

/**
 * The analysts' assessments side by side, pooled, and the option each analyst's values recommend
 * (HTML).
 */
export function panelSection(data: ReportData): string[] {
  const p = data.panel!;
  const analysts = p.analysts.map((a) => a.analyst);
  return [
    '<section class="panel">',
    '<h2>Analyst panel</h2>',
    `<p class="lede">${h(panelLead(data))}</p>`,
    ...(p.parameters.length > 0
      ? [
          '<table>',
          `<thead><tr><th>Parameter</th><th class="num">File</th>${analysts.map((a) => `<th class="num">${h(a)}</th>`).join('')}<th class="num">Pooled</th><th class="num">Spread</th></tr></thead>`,
          '<tbody>',
          ...p.parameters.map(
            (x) =>
              `<tr><td><code>${h(x.name)}</code></td><td class="num">${h(exact(x.base, x.probability))}</td>${analysts.map((a) => `<td class="num">${h(exact(x.values[a] ?? null, x.probability))}</td>`).join('')}<td class="num">${h(exact(x.pooled, x.probability))}</td><td class="num">${h(exact(x.spread))}</td></tr>`,
          ),
          '</tbody>',
          '</table>',
        ]
      : []),
    ...(p.analysts.length > 0
      ? [
          '<table class="compact">',
          '<thead><tr><th>Analyst</th><th>Recommends</th><th class="num">Score</th></tr></thead>',
          '<tbody>',
          ...p.analysts.map(
            (a) =>
              `<tr><td>${h(a.analyst)}</td><td>${h(optionLabel(data, a.choice))}</td><td class="num">${score(a.score)}</td></tr>`,
          ),
          '</tbody>',
          '</table>',
        ]
      : []),
    ...(p.problems.length > 0
      ? ['<p>Could not pool:</p>', '<ul>', ...p.problems.map((x) => `<li>${h(x)}</li>`), '</ul>']
      : []),
    '</section>',
  ];
}
