import { mdCode, mdTable, mdText } from '../markdown-text';
import type { ReportData } from '../report-data';
import { simulationColumn } from '../report-rows';
import { probability, score, SIMULATION_CAPTION } from '../report-text';

/** `## Monte Carlo simulation`: the per-option table, its caption and the EVPI. */
export function simulationSection(data: ReportData): string[] {
  const m = data.simulation!;
  const column = simulationColumn(data);
  return [
    '## Monte Carlo simulation',
    '',
    `${m.iterations.toLocaleString('en-US')} iterations, seed ${m.seed}. Sampled: ${m.sampled.length > 0 ? m.sampled.map((n) => mdCode(n)).join(', ') : 'nothing (no parameter has a distribution)'}.`,
    '',
    ...mdTable(
      ['Option', 'Mean', '5th percentile', 'Median', '95th percentile', 'Chance of being best'],
      ['l', 'r', 'r', 'r', 'r', 'r'],
      m.options.map((o) => [
        o.id === m.best_in_expectation ? `**${mdText(o.label)}**` : mdText(o.label),
        column(o.mean),
        column(o.p5),
        column(o.p50),
        column(o.p95),
        probability(o.p_best),
      ]),
    ),
    '',
    mdText(SIMULATION_CAPTION),
    '',
    `Expected value of perfect information (EVPI): **${score(m.evpi)}** score units, what knowing every sampled value before deciding would add to the expected score.`,
  ];
}
