import type { ReportData } from '../report-data';
import { simulationColumn } from '../report-rows';
import { probability, score, SIMULATION_CAPTION } from '../report-text';
import { h } from './html-text';

/**
 * The Monte Carlo summary: percentiles and chance of being best per option, and the EVPI (HTML).
 */
export function simulationSection(data: ReportData): string[] {
  const m = data.simulation!;
  const column = simulationColumn(data);
  return [
    '<section class="simulation">',
    '<h2>Monte Carlo simulation</h2>',
    `<p class="lede">${m.iterations.toLocaleString('en-US')} iterations, seed ${m.seed}. Sampled: ${m.sampled.length > 0 ? m.sampled.map((n) => `<code>${h(n)}</code>`).join(', ') : 'nothing (no parameter has a distribution)'}.</p>`,
    '<table>',
    `<caption>${h(SIMULATION_CAPTION)}</caption>`,
    '<thead><tr><th>Option</th><th class="num">Mean</th><th class="num">5th percentile</th><th class="num">Median</th><th class="num">95th percentile</th><th class="num">Chance of being best</th></tr></thead>',
    '<tbody>',
    ...m.options.map(
      (o) =>
        `<tr${o.id === m.best_in_expectation ? ' class="chosen"' : ''}><td>${h(o.label)}</td><td class="num">${column(o.mean)}</td><td class="num">${column(o.p5)}</td><td class="num">${column(o.p50)}</td><td class="num">${column(o.p95)}</td><td class="num">${h(probability(o.p_best))}</td></tr>`,
    ),
    '</tbody>',
    '</table>',
    `<p>Expected value of perfect information (EVPI): <strong>${score(m.evpi)}</strong> score units, what knowing every sampled value before deciding would add to the expected score.</p>`,
    '</section>',
  ];
}
