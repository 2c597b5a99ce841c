import { mdCode, mdTable, mdText } from '../markdown-text';
import type { ReportData } from '../report-data';
import { indicatorsToExplain } from '../report-rows';
import { exact, indicatorsLead, observedText } from '../report-text';

/** `## Indicators`: a table of the indicators, then what either answer would mean as a list. */
export function indicatorsSection(data: ReportData): string[] {
  const ind = data.indicators!;
  const lines = ['## Indicators', '', mdText(indicatorsLead(data)), ''];
  lines.push(
    ...mdTable(
      ['Indicator', 'Updates', 'Seen if it happens', 'Seen if not', 'Now', 'Watch'],
      ['l', 'l', 'r', 'r', 'l', 'l'],
      ind.items.map((i) => [
        `${mdText(i.label)} (${mdCode(i.id)})`,
        mdCode(i.parameter),
        exact(i.if_true),
        exact(i.if_false),
        i.observed === null ? 'not yet looked for' : observedText(i),
        i.flips ? '**yes**' : '',
      ]),
    ),
  );
  const said = indicatorsToExplain(data);
  if (said.length > 0) lines.push('');
  for (const i of said) lines.push(...i.sentences.map((t) => `- ${mdText(t)}`));
  if (ind.problems.length > 0)
    lines.push('', 'Could not analyse:', '', ...ind.problems.map((p) => `- ${mdText(p)}`));
  return lines;
}
