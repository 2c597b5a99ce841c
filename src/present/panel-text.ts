import type { Panel } from '../engine/pool';
import { phraseOf } from '../model/phrases';
import type { Scenario } from '../model/types';
import { table } from './table';

const n3 = (x: number): string => String(Number(x.toPrecision(3)));

/** `branchpoint panel` as text: where the analysts disagree, and what each would recommend. */
export function formatPanel(scenario: Scenario, panel: Panel): string {
  const analysts = panel.analysts.map((a) => a.analyst);
  const probability = new Set(scenario.parameters.filter((p) => p.probability).map((p) => p.name));
  const lines = [
    `${scenario.title}: panel of ${analysts.length} analyst${analysts.length === 1 ? '' : 's'}, ${panel.pool} pool`,
    '',
  ];
  if (analysts.length === 0) {
    lines.push(
      'No assessments yet: add files to the NAME.assessments/ folder beside the scenario.',
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    'Parameters, widest spread first:',
    ...table(
      [
        ['  Parameter', 'File', ...analysts, 'Pooled', 'Spread'],
        ...panel.parameters.map((p) => [
          `  ${p.name}`,
          n3(p.base),
          ...analysts.map((a) => n3(p.values[a]!)),
          `${n3(p.pooled)}${probability.has(p.name) ? ` (${phraseOf(p.pooled)})` : ''}`,
          n3(p.spread),
        ]),
      ],
      ['l', 'r', ...analysts.map(() => 'r' as const), 'r', 'r'],
    ),
    '',
    'Recommendations:',
    ...table(
      [
        ['  Analyst', 'Recommends', 'Score'],
        ...panel.analysts.map((a) => [`  ${a.analyst}`, a.choice ?? '-', n3(a.score)]),
        ['  Pooled', panel.pooled.choice ?? '-', n3(panel.pooled.score)],
      ],
      ['l', 'l', 'r'],
    ),
    '',
    `Agreement: ${Math.round(panel.agreement * 100)}% of the analysts recommend what the pooled judgement recommends (${panel.pooled.choice ?? 'no option'}).`,
  );
  return `${lines.join('\n')}\n`;
}
