/**
 * The report's own styles, inlined: for the screen and for print (A4, the tree landscape when
 * wide).
 */
export const REPORT_STYLE = `
:root {
  --ink: #1d2733; --muted: #5b6875; --soft: #3b4652; --rule: #dde3e9; --wash: #f4f6f8;
  --accent: #1f4e79; --good: #1d6b3a; --good-wash: #edf6f0; --warn: #7a4f00; --warn-wash: #fdf6e3;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.55 'Source Sans 3', 'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', sans-serif;
  font-variant-numeric: tabular-nums;
}
.report { max-width: 1000px; margin: 0 auto; padding: 48px 40px 32px; }
h1, h2, h3 { line-height: 1.25; color: var(--ink); }
h1 { font-size: 32px; margin: 6px 0 20px; letter-spacing: -0.015em; }
h2 {
  font-size: 22px; margin: 48px 0 14px; padding-bottom: 7px; border-bottom: 2px solid var(--accent);
  color: var(--accent);
}
h3 { font-size: 16.5px; margin: 28px 0 8px; }
p { margin: 0 0 10px; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.84em; }
code.name { color: var(--muted); background: var(--wash); padding: 1px 5px; border-radius: 3px; white-space: nowrap; }
a { color: var(--accent); }
.masthead { border-bottom: 1px solid var(--rule); padding-bottom: 14px; }
.kicker { text-transform: uppercase; letter-spacing: 0.14em; font-size: 12px; font-weight: 700; color: var(--accent); margin: 0; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 30px; margin: 0; font-size: 13.5px; }
.meta div { display: flex; gap: 6px; }
.meta dt { color: var(--muted); }
.meta dt::after { content: ':'; }
.meta dd { margin: 0; }
.warn { color: var(--warn); }
ul.expectations { list-style: none; padding-left: 0; }
ul.expectations li.fails { color: var(--warn); font-weight: 600; }
.description { margin-top: 26px; font-size: 15.5px; color: var(--soft); }
.description p, .lede, .caption { max-width: 80ch; }
.lede { color: var(--muted); }
.caption { color: var(--muted); font-size: 13px; margin-top: 6px; }
.changed { margin-top: 28px; padding: 6px 24px 16px; background: var(--warn-wash); border-left: 4px solid #d49a1a; }
.changed h2 { color: var(--warn); border-bottom: none; margin: 12px 0 6px; }
.changed table { width: auto; min-width: 60%; }
.changed tbody tr:nth-child(even) { background: none; }
.arrow { color: var(--muted); text-align: center; width: 2em; }
.bottom-line { margin-top: 32px; padding: 6px 28px 18px; background: var(--good-wash); border-left: 4px solid var(--good); }
.bottom-line h2 { color: var(--good); border-bottom: none; margin: 14px 0 4px; font-size: 14px; text-transform: uppercase; letter-spacing: 0.12em; }
.bottom-line h3 { margin: 18px 0 6px; font-size: 15px; }
.verdict { margin: 4px 0 6px; }
.verdict-label { display: block; font-size: 13px; color: var(--good); font-weight: 700; }
.verdict-option { display: block; font-size: 24px; line-height: 1.25; letter-spacing: -0.01em; }
.verdict-score { display: block; margin-top: 2px; color: var(--muted); }
.verdict-score strong { color: var(--ink); font-size: 18px; }
.verdict.close .verdict-label { color: var(--warn, #9a5b00); }
.bottom-facts { margin: 8px 0; }
.bottom-facts div { margin: 4px 0; max-width: 88ch; }
.bottom-facts dt { display: inline; font-weight: 700; }
.bottom-facts dt::after { content: ": "; }
.bottom-facts dd { display: inline; margin: 0; }
caption { caption-side: bottom; text-align: left; font-size: 13px; color: var(--muted); padding-top: 6px; }
.statements, .policy { margin: 4px 0 8px; padding-left: 22px; }
.statements li, .policy li { margin: 5px 0; max-width: 88ch; }
table { width: 100%; border-collapse: collapse; margin: 10px 0 6px; font-size: 14px; }
th, td { padding: 7px 10px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
thead th {
  font-size: 12.5px; font-weight: 700; color: var(--muted); border-bottom: 2px solid #b9c3cd;
  vertical-align: bottom; white-space: nowrap;
}
thead th.wrap { white-space: normal; min-width: 90px; }
tbody tr:nth-child(even) { background: #fafbfc; }
.num { text-align: right; white-space: nowrap; }
.dir { display: block; font-weight: 400; font-size: 11.5px; }
.phrase { display: block; min-width: 6.5em; white-space: normal; font-weight: 400; font-size: 12px; color: var(--muted); }
tr.chosen td { background: var(--good-wash); font-weight: 600; }
.badge {
  display: inline-block; margin-left: 6px; padding: 0 8px; border-radius: 9px; background: var(--good);
  color: #fff; font-size: 11px; font-weight: 700; letter-spacing: 0.03em; vertical-align: 1px; white-space: nowrap;
}
table.compact { width: auto; min-width: 60%; }
.table-scroll { overflow-x: auto; }
.table-scroll.wide {
  position: relative; left: 50%; transform: translateX(-50%);
  width: max-content; min-width: 100%; max-width: calc(100vw - 48px);
}
.table-scroll:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.note { color: var(--soft); font-size: 13px; }
.was { color: var(--muted); font-size: 12px; font-weight: 400; white-space: nowrap; }
.value { min-width: 90px; max-width: 200px; }
.unit { color: var(--muted); font-size: 12px; line-height: 1.35; margin-top: 2px; }
.nowrap { white-space: nowrap; }
.sep { color: var(--muted); }
.route { color: var(--muted); font-size: 12.5px; line-height: 1.4; margin-top: 2px; }
.track { display: block; width: 64px; height: 4px; margin: 5px 0 0 auto; background: var(--wash); border-radius: 2px; overflow: hidden; }
.fill { display: block; height: 100%; background: var(--accent); }
figure { margin: 14px 0; }
.tree-figure {
  position: relative; left: 50%; transform: translateX(-50%);
  width: max-content; min-width: 100%; max-width: calc(100vw - 48px);
  padding: 8px; border: 1px solid var(--rule); border-radius: 4px; background: #fff;
}
.tree-figure svg, .tornado-figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.tornado-figure { margin: 18px 0 10px; }
.assumption-table td:first-child { min-width: 190px; }
.assumption-table .note { min-width: 280px; }
.sources { padding-left: 22px; }
.sources li { margin: 10px 0; }
.source-id {
  font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12px; background: var(--wash);
  padding: 1px 6px; border-radius: 3px; margin-right: 4px;
}
.sources .url { overflow-wrap: anywhere; }
.sources .note { margin-top: 3px; }
.colophon { margin-top: 48px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
.colophon code { overflow-wrap: anywhere; }
@media (max-width: 720px) {
  .report { padding: 24px 16px; }
}
@page { size: A4; margin: 14mm 12mm 16mm; }
@page wide { size: A4 landscape; margin: 12mm; }
@media print {
  body { font-size: 10pt; }
  .report { max-width: none; padding: 0; }
  h2 { margin-top: 28px; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, figure, section.bottom-line, section.changed, .masthead, .sources li { break-inside: avoid; page-break-inside: avoid; }
  table.long { break-inside: auto; page-break-inside: auto; }
  .table-scroll { overflow: visible; }
  .table-scroll.wide { position: static; transform: none; width: auto; min-width: 0; max-width: 100%; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .tree-section { break-before: page; page-break-before: always; }
  .tree-section.landscape { page: wide; }
  .tree-figure { position: static; transform: none; width: auto; min-width: 0; max-width: 100%; border: none; padding: 0; }
  .tree-figure svg, .tornado-figure svg { width: 100%; max-width: 100%; height: auto; }
  .tree-figure svg { max-height: 225mm; }
  .landscape .tree-figure svg { max-height: 140mm; }
  .lede { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  tbody tr:nth-child(even) { background: none; }
  table { font-size: 9pt; }
  th, td { padding: 4px 6px; }
  .assumption-table td:first-child, .assumption-table .note { min-width: 0; }
  .assumption-table .nowrap { white-space: normal; }
  .bottom-line, .changed, tr.chosen td, .badge, .fill { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
