import { mdText } from '../markdown-text';
import type { ReportData } from '../report-data';
import { failedExpectations } from '../report-rows';
import { expectationLine, NO_EXPECTATIONS } from '../report-text';

/** `## Expectations`: a list, failing ones in bold. */
export function expectationsSection(data: ReportData): string[] {
  const lines = ['## Expectations', ''];
  if (data.expectations.length === 0) return [...lines, mdText(NO_EXPECTATIONS)];
  const failed = failedExpectations(data);
  lines.push(
    failed === 0
      ? 'Every expectation the file states holds at these values.'
      : `**${failed} of ${data.expectations.length} expectations fail** at these values.`,
    '',
  );
  for (const x of data.expectations)
    lines.push(`- ${x.ok ? '' : '**'}${mdText(expectationLine(x))}${x.ok ? '' : '**'}`);
  return lines;
}
