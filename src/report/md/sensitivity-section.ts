import { mdCode, mdTable, mdText } from '../markdown-text';
import type { ReportData } from '../report-data';
import { breakEvenRows, tornadoColumns } from '../report-rows';
import {
  bestAtEnds,
  breakEven,
  inputLabel,
  noBreakEven,
  optionLabel,
  score,
  short,
  TORNADO_EXPLAINED,
} from '../report-text';
import { named } from './md-named';

/** `## Sensitivity`: the break-even table and the tornado as a table (Markdown has no chart). */
export function sensitivitySection(data: ReportData): string[] {
  const s = data.sensitivity;
  const lines = ['## Sensitivity', ''];
  const thresholds = breakEvenRows(data);
  lines.push('### Break-even values', '');
  if (thresholds.length === 0) lines.push(mdText(noBreakEven(data)));
  else
    lines.push(
      'Where an input, moved on its own across its range, changes the recommended option.',
      '',
      ...mdTable(
        ['Input', 'Base', 'Break-even', 'Best below', 'Best above'],
        ['l', 'r', 'r', 'l', 'l'],
        thresholds.map(({ e, t }) => [
          named(inputLabel(e), e.name),
          short(e.base, e.probability),
          `**${breakEven(t.value, e.probability)}**`,
          mdText(optionLabel(data, t.below)),
          mdText(optionLabel(data, t.above)),
        ]),
      ),
    );
  const { score: column, swing } = tornadoColumns(data);
  lines.push(
    '',
    '### One-way sensitivity (tornado)',
    '',
    `${mdText(TORNADO_EXPLAINED)} Base score ${score(s.base)}.`,
    '',
    ...mdTable(
      [
        'Input',
        'Low',
        'Base',
        'High',
        'Score at low',
        'Score at high',
        'Swing',
        'Best option (low → high)',
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
      s.entries.map((e) => [
        named(inputLabel(e), e.name),
        short(e.low, e.probability),
        short(e.base, e.probability),
        short(e.high, e.probability),
        e.score_low === null ? '–' : column(e.score_low),
        e.score_high === null ? '–' : column(e.score_high),
        swing(e.swing),
        mdText(bestAtEnds(data, e)),
      ]),
    ),
  );
  const problems = s.entries.flatMap((e) =>
    e.problems.map((p) => `- ${mdCode(e.name)} ${mdText(p)}`),
  );
  if (problems.length > 0) lines.push('', 'Could not evaluate:', '', ...problems);
  return lines;
}
