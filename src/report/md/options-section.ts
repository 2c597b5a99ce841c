import { mdInline, mdTable, mdText } from '../markdown-text';
import type { ReportData } from '../report-data';
import { hasCriterionNotes } from '../report-rows';
import {
  amount,
  criterionHeading,
  directionText,
  exact,
  percent,
  SCORE_EXPLAINED,
  scoreColumn,
} from '../report-text';
import { named } from './md-named';

/** `## Options`: a table of the options (✓ marks the recommended one), then `### Criteria`. */
export function optionsSection(data: ReportData): string[] {
  const lines = ['## Options', '', mdText(SCORE_EXPLAINED), ''];
  if (data.options.length > 0) {
    const column = scoreColumn(data.options.map((o) => o.score));
    lines.push(
      ...mdTable(
        ['Option', 'Score', ...data.criteria.map((c) => mdText(criterionHeading(c)))],
        ['l', 'r', ...data.criteria.map(() => 'r' as const)],
        data.options.map((o) => [
          o.chosen ? `**${mdText(o.label)}** ✓` : mdText(o.label),
          o.chosen ? `**${column(o.score)}**` : column(o.score),
          ...data.criteria.map((c) => amount(o.expected[c.id]!)),
        ]),
      ),
      '',
      '✓ the recommended option. Criterion columns are expected values.',
      '',
    );
  }
  const notes = hasCriterionNotes(data);
  lines.push(
    '### Criteria',
    '',
    ...mdTable(
      ['Criterion', 'Better', 'Unit', 'Weight', 'Share', ...(notes ? ['Note'] : [])],
      ['l', 'l', 'l', 'r', 'r', ...(notes ? ['l' as const] : [])],
      data.criteria.map((c) => [
        named(c.label, c.id),
        directionText(c.direction),
        mdText(c.unit ?? ''),
        c.weight === c.base_weight
          ? exact(c.weight)
          : `**${exact(c.weight)}** (file: ${exact(c.base_weight)})`,
        percent(c.normalized_weight),
        ...(notes ? [mdInline(c.note ?? '')] : []),
      ]),
    ),
    '',
    'Weights are normalised to shares that sum to 100%.',
  );
  return lines;
}
