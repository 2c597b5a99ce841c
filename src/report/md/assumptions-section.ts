import { mdCode, mdInline, mdTable, mdText } from '../markdown-text';
import type { ReportData } from '../report-data';
import { firstRows, hasConfidence } from '../report-rows';
import {
  citationParts,
  exact,
  isWebUrl,
  NO_LITERAL_PROBABILITIES,
  NO_PARAMETERS,
  NO_SOURCES,
  withPhrase,
  withUnit,
} from '../report-text';
import { named } from './md-named';

/** `## Assumptions`: the parameters, the branch probabilities written in the file, the sources. */
export function assumptionsSection(data: ReportData): string[] {
  return [
    '## Assumptions',
    '',
    '### Parameters',
    '',
    ...parametersTable(data),
    '',
    '### Branch probabilities written in the file',
    '',
    ...probabilitiesTable(data),
    '',
    '### Sources',
    '',
    ...sourcesList(data),
  ];
}

function parametersTable(data: ReportData): string[] {
  const lines: string[] = [];
  const confidence = hasConfidence(data);
  if (data.parameters.length === 0) lines.push(NO_PARAMETERS);
  else
    lines.push(
      ...mdTable(
        [
          'Parameter',
          'Value',
          ...(confidence ? ['Confidence'] : []),
          'Range',
          'Distribution',
          'Source',
          'Note',
        ],
        ['l', 'r', ...(confidence ? ['l' as const] : []), 'l', 'l', 'l', 'l'],
        data.parameters.map((p) => {
          const value = withPhrase(withUnit(exact(p.value), p.unit), p.value, p.probability);
          const shown =
            p.expression === null ? mdText(value) : `${mdText(value)} = ${mdCode(p.expression)}`;
          return [
            named(p.label, p.name),
            p.changed ? `**${shown}** (file: ${exact(p.base_value, p.probability)})` : shown,
            ...(confidence ? [p.confidence ?? ''] : []),
            p.range ? `${exact(p.range[0])} to ${exact(p.range[1])}` : '',
            p.distribution ? mdCode(p.distribution) : '',
            p.source ? mdText(p.source) : '',
            mdInline(p.note ?? ''),
          ];
        }),
      ),
    );
  return lines;
}

function probabilitiesTable(data: ReportData): string[] {
  const lines: string[] = [];
  if (data.probabilities.length === 0) lines.push(NO_LITERAL_PROBABILITIES);
  else {
    const { rows, more } = firstRows(data.probabilities);
    lines.push(
      ...mdTable(
        ['Branch', 'Probability', 'Source', 'Note'],
        ['l', 'r', 'l', 'l'],
        rows.map((p) => [
          p.trail.map(mdText).join(' › '),
          p.changed
            ? `**${exact(p.value, true)}** (file: ${exact(p.base_value, true)})`
            : exact(p.value, true),
          p.source ? mdText(p.source) : '',
          mdInline(p.note ?? ''),
        ]),
      ),
    );
    if (more > 0) lines.push('', `${more} more are in the JSON and CSV reports.`);
  }
  return lines;
}

function sourcesList(data: ReportData): string[] {
  const lines: string[] = [];
  if (data.sources.length === 0) lines.push(NO_SOURCES);
  for (const s of data.sources) {
    const { author, rest } = citationParts(s);
    const parts = [
      ...(author ? [mdText(author)] : []),
      `*${mdText(s.title)}*`,
      ...rest.map(mdText),
    ];
    const url = s.url
      ? isWebUrl(s.url)
        ? `<${s.url.replace(/[<>]/g, encodeURIComponent)}>`
        : mdCode(s.url)
      : '';
    lines.push(
      `- **${mdText(s.id)}**: ${parts.join(', ')}.${url ? ` ${url}` : ''}${s.note ? ` ${mdInline(s.note)}` : ''}`,
    );
  }
  return lines;
}
