import { isBaseCase } from './data/is-base-case';
import { displayDate, shortHash } from './format';
import { mdBlock, mdCode, mdText } from './markdown-text';
import { assumptionsSection } from './md/assumptions-section';
import { bottomLineSection } from './md/bottom-line-section';
import { changedSection } from './md/changed-section';
import { expectationsSection } from './md/expectations-section';
import { indicatorsSection } from './md/indicators-section';
import { optionsSection } from './md/options-section';
import { outcomesSection } from './md/outcomes-section';
import { panelSection } from './md/panel-section';
import { sensitivitySection } from './md/sensitivity-section';
import { simulationSection } from './md/simulation-section';
import { treeSection } from './md/tree-section';
import type { ReportData } from './report-data';

/**
 * The report as GitHub-flavoured Markdown, for pasting into a briefing or an issue: headings,
 * tables and lists only. User text is escaped (`markdown-text.ts`).
 */
export function renderMarkdown(data: ReportData): string {
  const out: string[] = [];
  const section = (...lines: string[]) => out.push(...lines, '');

  section(`# ${mdText(data.title)}`);
  section(
    `- **Scenario file:** ${mdCode(data.file.name)}, sha256 ${mdCode(shortHash(data.file.sha256))}`,
    ...(data.variant
      ? [
          `- **Variant file:** ${mdCode(data.variant.name)}, sha256 ${mdCode(shortHash(data.variant.sha256))}${data.variant.title ? `: ${mdText(data.variant.title)}` : ''}`,
        ]
      : []),
    `- **Generated:** ${displayDate(data.generated)}`,
    `- **Assumptions:** ${isBaseCase(data) ? 'as in the file (the base case)' : '**changed from the file**, see [Changed from the base scenario](#changed-from-the-base-scenario)'}`,
  );

  if (!isBaseCase(data)) section(...changedSection(data));
  if (data.description) section(mdBlock(data.description));
  section(...bottomLineSection(data));
  section(...optionsSection(data));
  section(...treeSection(data));
  section(...outcomesSection(data));
  section(...sensitivitySection(data));
  if (data.simulation) section(...simulationSection(data));
  section(...expectationsSection(data));
  if (data.indicators) section(...indicatorsSection(data));
  if (data.panel) section(...panelSection(data));
  section(...assumptionsSection(data));
  return `${out.join('\n').trimEnd()}\n`;
}
