import { isBaseCase } from './data/is-base-case';
import { displayDate, shortHash } from './format';
import { assumptionsSection } from './html/assumptions-section';
import { bottomLineSection } from './html/bottom-line-section';
import { changedSection } from './html/changed-section';
import { expectationsSection } from './html/expectations-section';
import { htmlDocument } from './html/html-document';
import { block, h } from './html/html-text';
import { indicatorsSection } from './html/indicators-section';
import { optionsSection } from './html/options-section';
import { outcomesSection } from './html/outcomes-section';
import { panelSection } from './html/panel-section';
import { REPORT_STYLE } from './html/report-style';
import { sensitivitySection } from './html/sensitivity-section';
import { simulationSection } from './html/simulation-section';
import { treeSection } from './html/tree-section';
import type { ReportData } from './report-data';

/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched
 * (a Content-Security-Policy forbids it even if a scenario tried), laid out for the screen and
 * for print.
 */
export function renderHtml(data: ReportData): string {
  const base = isBaseCase(data);
  const body = [
    '<main class="report">',
    '<header class="masthead">',
    '<p class="kicker">Scenario report</p>',
    `<h1>${h(data.title)}</h1>`,
    '<dl class="meta">',
    `<div><dt>Scenario file</dt><dd><code>${h(data.file.name)}</code></dd></div>`,
    `<div><dt>Content hash</dt><dd><code title="sha256 ${h(data.file.sha256)}">sha256 ${h(shortHash(data.file.sha256))}</code></dd></div>`,
    ...(data.variant
      ? [
          `<div><dt>Variant file</dt><dd><code>${h(data.variant.name)}</code>, <code title="sha256 ${h(data.variant.sha256)}">sha256 ${h(shortHash(data.variant.sha256))}</code>${data.variant.title ? ` ${h(data.variant.title)}` : ''}</dd></div>`,
        ]
      : []),
    `<div><dt>Generated</dt><dd><time datetime="${h(data.generated)}">${h(displayDate(data.generated))}</time></dd></div>`,
    `<div><dt>Assumptions</dt><dd>${base ? 'As in the file (base case)' : '<strong class="warn">Changed from the file</strong>'}</dd></div>`,
    '</dl>',
    '</header>',
    ...(base ? [] : changedSection(data)),
    ...(data.description
      ? ['<section class="description">', block(data.description), '</section>']
      : []),
    ...bottomLineSection(data),
    ...optionsSection(data),
    ...treeSection(data),
    ...outcomesSection(data),
    ...sensitivitySection(data),
    ...(data.simulation ? simulationSection(data) : []),
    ...expectationsSection(data),
    ...(data.indicators ? indicatorsSection(data) : []),
    ...(data.panel ? panelSection(data) : []),
    ...assumptionsSection(data),
    '<footer class="colophon">',
    `<p>Made with branchpoint from <code>${h(data.file.name)}</code> (sha256 <code>${h(data.file.sha256)}</code>). The same file and assumptions give the same report.</p>`,
    '</footer>',
    '</main>',
  ];
  return htmlDocument({
    title: `${data.title} · scenario report`,
    style: REPORT_STYLE,
    policy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    head: ['<meta name="generator" content="branchpoint">'],
    body: scrollingTables(body),
  });
}

/**
 * On a phone most tables are wider than the screen: each sits in a box of its own that scrolls
 * sideways, instead of the whole page. The box is a region named after the heading above the
 * table, which the keyboard can reach and scroll. A table of class `wide` (many columns of
 * text) may use the window's width beyond the report's column, as the tree does. (The sections
 * write each `<table>` and `</table>` on lines of their own, and headings as one line.)
 */
function scrollingTables(lines: string[]): string[] {
  let heading = 'Table';
  return lines.map((line) => {
    const title = /^<h[23][^>]*>(.*)<\/h[23]>$/.exec(line)?.[1];
    if (title !== undefined) heading = title.replace(/<[^>]*>/g, '');
    if (line.startsWith('<table')) {
      const box = /^<table class="[^"]*\bwide\b/.test(line) ? 'table-scroll wide' : 'table-scroll';
      return `<div class="${box}" role="region" tabindex="0" aria-label="${heading}">${line}`;
    }
    return line === '</table>' ? `${line}</div>` : line;
  });
}
