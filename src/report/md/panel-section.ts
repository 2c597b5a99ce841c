import { mdCode, mdTable, mdText } from '../markdown-text';
import type { ReportData } from '../report-data';
import { exact, optionLabel, panelLead, score } from '../report-text';

/** `## Analyst panel`: each analyst's value per parameter, then what each analyst recommends. */
export function panelSection(data: ReportData): string[] {
  const p = data.panel!;
  const analysts = p.analysts.map((a) => a.analyst);
  const lines = ['## Analyst panel', '', mdText(panelLead(data))];
  if (p.parameters.length > 0)
    lines.push(
      '',
      ...mdTable(
        ['Parameter', 'File', ...analysts.map(mdText), 'Pooled', 'Spread'],
        ['l', 'r', ...analysts.map(() => 'r' as const), 'r', 'r'],
        p.parameters.map((x) => [
          mdCode(x.name),
          exact(x.base, x.probability),
          ...analysts.map((a) => exact(x.values[a] ?? null, x.probability)),
          exact(x.pooled, x.probability),
          exact(x.spread),
        ]),
      ),
    );
  if (p.analysts.length > 0)
    lines.push(
      '',
      ...mdTable(
        ['Analyst', 'Recommends', 'Score'],
        ['l', 'l', 'r'],
        p.analysts.map((a) => [
          mdText(a.analyst),
          mdText(optionLabel(data, a.choice)),
          score(a.score),
        ]),
      ),
    );
  if (p.problems.length > 0)
    lines.push('', 'Could not pool:', '', ...p.problems.map((x) => `- ${mdText(x)}`));
  return lines;
}
