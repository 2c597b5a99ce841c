import { mdBlock, mdCode, mdText } from '../markdown-text';
import type { ReportData } from '../report-data';
import { exact, observationLabel, percent } from '../report-text';
import { mdChange, named } from './md-named';

/** `## Changed from the base scenario`: one list item per change, file → **used**. */
export function changedSection(data: ReportData): string[] {
  const c = data.changes;
  const items = [
    ...c.parameters.map(
      (p) =>
        `- ${named(p.label, p.name)}: ${mdChange(p.base, p.base_value, p.probability)} → **${mdChange(p.used, p.used_value, p.probability)}**`,
    ),
    ...c.weights.map(
      (w) =>
        `- Weight of ${named(w.label, w.criterion)}: ${exact(w.base)} → **${exact(w.used)}** (share ${percent(w.base_share)} → ${percent(w.used_share)})`,
    ),
    ...c.probabilities.map(
      (p) =>
        `- Probability of ${named(p.label, p.path)}: ${exact(p.base, true)} → **${exact(p.used, true)}**`,
    ),
    ...c.observations.map(
      (o) => `- ${mdText(observationLabel(o))} ${exact(o.base, true)} → **${exact(o.used, true)}**`,
    ),
  ];
  const lines = [
    '## Changed from the base scenario',
    '',
    ...(data.variant?.description ? [mdBlock(data.variant.description), ''] : []),
    `**This report does not show the base case.** These assumptions differ from ${mdCode(data.file.name)} (file → used):`,
    '',
    ...items,
  ];
  if (c.knock_on.length > 0)
    lines.push(
      '',
      `Computed from these, so also changed: ${c.knock_on.map((k) => `${named(k.label, k.name)} ${exact(k.base)} → ${exact(k.used)}`).join('; ')}.`,
    );
  return lines;
}
