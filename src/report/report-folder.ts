import { mkdir, writeFile } from 'node:fs/promises';
import { ScenarioFolder } from '../folder/scenario-folder';
import { basename, extname, join } from 'node:path';
import { readScenario } from '../document';
import type { Overrides } from '../engine';
import { formatDiagnostic } from '../load';
import type { Diagnostic } from '../model/diagnostic';
import { escapeXml } from '../draw/escape-xml';
import { displayDate, shortHash } from './format';
import { scoreText } from '../present';

/** Scenarios score on scales of their own: each score to 3 significant figures of itself. */
const score = (x: number): string => scoreText(x, 'table');
import { mdCode, mdTable, mdText } from './markdown-text';
import type { CsvTable } from './report-csv';
import { buildReport } from './data/build-report';
import { isBaseCase } from './data/is-base-case';
import { isoDate } from './data/iso-date';
import { sha256 } from './data/sha256';
import type { ReportOptions } from './report-data';
import { REPORT_EXTENSIONS, renderReport, type ReportFormat } from './render-report';
import { htmlDocument } from './html/html-document';

/**
 * `branchpoint report DIR`: one report per scenario file in a folder, and an index of them. A
 * scenario that does not validate gets no report; the index lists it with its errors, and the
 * others are written all the same.
 */

export interface FolderRequest {
  format: ReportFormat;
  table?: CsvTable;
  overrides?: Overrides;
  options?: ReportOptions;
}

/** One scenario file of the folder, as the index lists it. */
export interface IndexEntry {
  /** The scenario (or variant) file's name. */
  scenario: string;
  sha256: string;
  valid: boolean;
  title: string | null;
  /** The report's file name, in the output folder; null when the scenario is invalid. */
  report: string | null;
  recommendation: { id: string; label: string; score: number } | null;
  /** Some assumption differs from the scenario file's (a variant, or overrides). */
  changed: boolean;
  /** `file:line:col: message`, one line each. */
  errors: string[];
}

export interface ReportIndex {
  generated: string;
  folder: string;
  format: ReportFormat;
  table: CsvTable | null;
  reports: IndexEntry[];
}

export interface FolderResult {
  index: ReportIndex;
  /** The index file's name in the output folder. */
  indexFile: string;
  /** The problems of each invalid scenario, with the text they point into, for the terminal. */
  problems: {
    file: string;
    text: string;
    texts: ReadonlyMap<string, string>;
    errors: Diagnostic[];
  }[];
}

/**
 * The scenario files in `dir`, by name in code-point order (the same on every machine): the
 * served folder's own listing (`ScenarioFolder`), so `report DIR` and `serve DIR` agree on what
 * a folder holds. Libraries, links and files whose names give no id are left out.
 */
export async function scenarioFiles(dir: string): Promise<string[]> {
  const folder = new ScenarioFolder(dir, { watch: false });
  return (await folder.scenarioEntries()).map((e) => basename(e.file));
}

/** Writes a report per scenario in `dir`, and the index, into `outDir` (created if need be). */
export async function writeReportFolder(
  dir: string,
  outDir: string,
  request: FolderRequest,
): Promise<FolderResult> {
  const { format, table } = request;
  const date = request.options?.date ?? new Date();
  const indexFile = INDEX_FILES[format];
  const names = await scenarioFiles(dir);
  await mkdir(outDir, { recursive: true });

  const used = new Set([indexFile]);
  const entries: IndexEntry[] = [];
  const problems: FolderResult['problems'] = [];
  for (const name of names) {
    const file = join(dir, name);
    const doc = await readScenario(file);
    const built = buildReport(doc, request.overrides, { ...request.options, date });
    const opened = doc.ok && doc.variant ? doc.variant.text : doc.text;
    if (!built.ok) {
      problems.push({ file, text: doc.text, texts: doc.texts, errors: built.errors });
      entries.push({
        scenario: name,
        sha256: sha256(opened),
        valid: false,
        title: null,
        report: null,
        recommendation: null,
        changed: false,
        errors: built.errors.map((e) =>
          formatDiagnostic({ ...e, file: e.file === null ? null : basename(e.file) }),
        ),
      });
      continue;
    }
    const data = built.value;
    const report = outputName(name, format, table, used);
    await writeFile(join(outDir, report), renderReport(data, format, { table }), 'utf8');
    entries.push({
      scenario: name,
      sha256: sha256(opened),
      valid: true,
      title: data.variant?.title ?? data.title,
      report,
      recommendation: data.recommendation && {
        id: data.recommendation.id,
        label: data.recommendation.label,
        score: data.recommendation.score,
      },
      changed: !isBaseCase(data),
      errors: [],
    });
  }
  const index: ReportIndex = {
    generated: isoDate(date),
    folder: basename(dir),
    format,
    table: table ?? null,
    reports: entries,
  };
  await writeFile(join(outDir, indexFile), renderIndex(index), 'utf8');
  return { index, indexFile, problems };
}

const INDEX_FILES: Record<ReportFormat, string> = {
  md: 'index.md',
  html: 'index.html',
  csv: 'index.json',
  json: 'index.json',
  svg: 'index.json',
};

/** `us-response.yaml` -> `us-response.md` (`us-response-options.csv` for a CSV table). */
function outputName(
  scenario: string,
  format: ReportFormat,
  table: CsvTable | undefined,
  used: Set<string>,
): string {
  const stem = scenario.slice(0, -extname(scenario).length);
  const base = `${stem}${format === 'csv' && table ? `-${table}` : ''}`;
  let name = `${base}${REPORT_EXTENSIONS[format]}`;
  for (let k = 2; used.has(name); k++) name = `${base}-${k}${REPORT_EXTENSIONS[format]}`;
  used.add(name);
  return name;
}

/** The index in the folder's format: Markdown, HTML, or JSON for the data formats. */
export function renderIndex(index: ReportIndex): string {
  if (index.format === 'md') return indexMarkdown(index);
  if (index.format === 'html') return indexHtml(index);
  return `${JSON.stringify(index, null, 2)}\n`;
}

function counts(index: ReportIndex): string {
  const n = index.reports.length;
  const invalid = index.reports.filter((r) => !r.valid).length;
  return `${n} scenario file${n === 1 ? '' : 's'}${invalid > 0 ? `, ${invalid} invalid` : ''}`;
}

function indexMarkdown(index: ReportIndex): string {
  const valid = index.reports.filter((r) => r.valid);
  const invalid = index.reports.filter((r) => !r.valid);
  const lines = [
    `# Scenario reports: ${mdText(index.folder)}`,
    '',
    `- **Folder:** ${mdCode(index.folder)} (${counts(index)})`,
    `- **Generated:** ${displayDate(index.generated)}`,
    '',
  ];
  if (valid.length > 0)
    lines.push(
      ...mdTable(
        ['Scenario', 'Recommendation', 'Score', 'File', 'sha256'],
        ['l', 'l', 'r', 'l', 'l'],
        valid.map((r) => [
          `[${mdText(r.title ?? r.scenario)}](${encodeURI(r.report!)})${r.changed ? ' (changed assumptions)' : ''}`,
          r.recommendation ? mdText(r.recommendation.label) : '–',
          r.recommendation ? score(r.recommendation.score) : '–',
          mdCode(r.scenario),
          mdCode(shortHash(r.sha256)),
        ]),
      ),
      '',
    );
  if (invalid.length > 0) {
    lines.push(
      '## Invalid scenarios',
      '',
      'These files do not validate, so they have no report.',
      '',
    );
    for (const r of invalid) {
      lines.push(
        `### ${mdText(r.scenario)}`,
        '',
        '```text',
        ...r.errors.map((e) => e.replace(/`/g, "'")),
        '```',
        '',
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function indexHtml(index: ReportIndex): string {
  const h = escapeXml;
  const valid = index.reports.filter((r) => r.valid);
  const invalid = index.reports.filter((r) => !r.valid);
  const body = [
    '<main>',
    '<p class="kicker">Scenario reports</p>',
    `<h1>${h(index.folder)}</h1>`,
    `<p class="meta">${h(counts(index))} · generated <time datetime="${h(index.generated)}">${h(displayDate(index.generated))}</time></p>`,
  ];
  if (valid.length > 0)
    body.push(
      '<table>',
      '<thead><tr><th>Scenario</th><th>Recommendation</th><th class="num">Score</th><th>File</th></tr></thead>',
      '<tbody>',
      ...valid.map(
        (r) =>
          `<tr><td><a href="${h(encodeURI(r.report!))}">${h(r.title ?? r.scenario)}</a>${r.changed ? ' <span class="changed">changed assumptions</span>' : ''}</td><td>${r.recommendation ? h(r.recommendation.label) : '–'}</td><td class="num">${r.recommendation ? score(r.recommendation.score) : '–'}</td><td><code>${h(r.scenario)}</code> <code class="hash">${h(shortHash(r.sha256))}</code></td></tr>`,
      ),
      '</tbody>',
      '</table>',
    );
  if (invalid.length > 0) {
    body.push(
      '<h2>Invalid scenarios</h2>',
      '<p>These files do not validate, so they have no report.</p>',
    );
    for (const r of invalid)
      body.push(
        `<h3><code>${h(r.scenario)}</code></h3>`,
        `<pre>${r.errors.map(h).join('\n')}</pre>`,
      );
  }
  body.push('</main>');
  return htmlDocument({
    title: `${index.folder} · scenario reports`,
    style: INDEX_STYLE,
    policy: "default-src 'none'; style-src 'unsafe-inline'",
    body,
  });
}

const INDEX_STYLE = `
body { margin: 0; color: #1d2733; font: 15px/1.55 'Source Sans 3', 'Segoe UI', Helvetica, Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 48px 40px; }
.kicker { text-transform: uppercase; letter-spacing: 0.14em; font-size: 12px; font-weight: 700; color: #1f4e79; margin: 0; }
h1 { font-size: 30px; margin: 6px 0 6px; }
h2 { font-size: 21px; color: #8a1c1c; margin-top: 40px; border-bottom: 2px solid #8a1c1c; padding-bottom: 6px; }
.meta { color: #5b6875; }
table { width: 100%; border-collapse: collapse; margin-top: 18px; font-size: 14px; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #dde3e9; vertical-align: top; }
th { font-size: 12.5px; color: #5b6875; border-bottom: 2px solid #b9c3cd; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
a { color: #1f4e79; font-weight: 600; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.85em; }
.hash { color: #5b6875; }
.changed { color: #7a4f00; background: #fdf6e3; font-size: 12px; padding: 1px 6px; border-radius: 3px; }
pre { background: #fbf3f3; border-left: 3px solid #8a1c1c; padding: 10px 14px; white-space: pre-wrap; font-size: 13px; }
`;
