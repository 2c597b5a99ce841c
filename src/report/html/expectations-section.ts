import type { ReportData } from '../report-data';
import { failedExpectations } from '../report-rows';
import { expectationLine, NO_EXPECTATIONS } from '../report-text';
import { h } from './html-text';

/** Whether each expectation the file states holds at these values (HTML). */
export function expectationsSection(data: ReportData): string[] {
  const out = ['<section class="expectations">', '<h2>Expectations</h2>'];
  if (data.expectations.length === 0) return [...out, `<p>${h(NO_EXPECTATIONS)}</p>`, '</section>'];
  const failed = failedExpectations(data);
  out.push(
    failed === 0
      ? '<p>Every expectation the file states holds at these values.</p>'
      : `<p><strong class="warn">${failed} of ${data.expectations.length} expectations fail</strong> at these values.</p>`,
    '<ul class="expectations">',
    ...data.expectations.map(
      (x) =>
        `<li class="${x.ok ? 'holds' : 'fails'}">${x.ok ? '✓' : '✗'} ${h(expectationLine(x))}</li>`,
    ),
    '</ul>',
    '</section>',
  );
  return out;
}
