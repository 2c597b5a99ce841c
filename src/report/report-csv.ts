import { exact } from './format';
import type { CsvTable } from './formats';
import type { ReportData } from './report-data';

export { CSV_TABLES, type CsvTable } from './formats';

type Cell = string | number | boolean | null;

/**
 * One table of the report as RFC 4180 CSV (CRLF line ends, a header row), safe to open in a
 * spreadsheet: numbers are written as plain numbers, and a text cell that a spreadsheet would
 * read as a formula gets a leading apostrophe.
 */
export function renderCsv(data: ReportData, table: CsvTable): string {
  const rows = TABLES[table](data);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const TABLES: Record<CsvTable, (data: ReportData) => Cell[][]> = {
  options: (data) => [
    ['id', 'label', 'recommended', 'score', ...data.criteria.map((c) => `expected:${c.id}`)],
    ...data.options.map((o) => [
      o.id,
      o.label,
      o.chosen,
      o.score,
      ...data.criteria.map((c) => o.expected[c.id]!),
    ]),
  ],
  outcomes: (data) => [
    [
      'path',
      'label',
      'route',
      'probability',
      'score',
      ...data.criteria.map((c) => `total:${c.id}`),
    ],
    ...data.outcomes.map((o) => [
      o.path,
      o.label,
      o.trail.join(' > '),
      o.probability,
      o.score,
      ...data.criteria.map((c) => o.payoff[c.id]!),
    ]),
  ],
  parameters: (data) => [
    [
      'kind',
      'name',
      'label',
      'value',
      'file_value',
      'changed',
      'expression',
      'unit',
      'range_low',
      'range_high',
      'distribution',
      'source',
      'note',
    ],
    ...data.parameters.map((p) => [
      'parameter',
      p.name,
      p.label,
      p.value,
      p.base_value,
      p.changed,
      p.expression,
      p.unit,
      p.range?.[0] ?? null,
      p.range?.[1] ?? null,
      p.distribution,
      p.source,
      p.note,
    ]),
    ...data.probabilities.map((p) => [
      'probability',
      p.path,
      p.trail.join(' > '),
      p.value,
      p.base_value,
      p.changed,
      null,
      null,
      null,
      null,
      null,
      p.source,
      p.note,
    ]),
  ],
  sensitivity: (data) => [
    [
      'input',
      'kind',
      'label',
      'unit',
      'low',
      'base',
      'high',
      'score_low',
      'score_high',
      'swing',
      'best_low',
      'best_high',
      'break_even',
      'statement',
    ],
    ...data.sensitivity.entries.map((e) => [
      e.name,
      e.kind,
      e.label,
      e.unit,
      e.low,
      e.base,
      e.high,
      e.score_low,
      e.score_high,
      e.swing,
      e.choice_low,
      e.choice_high,
      e.threshold,
      e.statement,
    ]),
  ],
};

/** Characters that make a spreadsheet read a cell as a formula (or hide what follows). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: numbers as numbers, text escaped against formulas and quoted when it must be. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return exact(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
