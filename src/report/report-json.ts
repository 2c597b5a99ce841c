import type { ReportData } from './report-data';

/** Bumped when a field of the JSON report changes meaning or goes away. */
export const REPORT_JSON_VERSION = 1;

/**
 * The report as one JSON document: everything the other formats show, as data, numbers
 * unrounded, the full content hash, the tree as nested nodes. Keys come in a fixed order
 * (`ReportData`'s), so the same inputs give the same bytes.
 */
export function renderJson(data: ReportData): string {
  const out = {
    report_version: REPORT_JSON_VERSION,
    title: data.title,
    description: data.description,
    generated: data.generated,
    file: data.file,
    variant: data.variant,
    changes: data.changes,
    recommendation: data.recommendation,
    score: data.score,
    expected: data.expected,
    bottom_line: data.bottom_line,
    statements: data.statements,
    policy: data.policy,
    criteria: data.criteria,
    options: data.options,
    tree: data.tree,
    outcomes: data.outcomes,
    sensitivity: data.sensitivity,
    simulation: data.simulation,
    expectations: data.expectations,
    indicators: data.indicators,
    panel: data.panel,
    parameters: data.parameters,
    probabilities: data.probabilities,
    sources: data.sources,
  };
  return `${formatJson(out)}\n`;
}

/** The line width the repository's Prettier uses: JSON written here is already in its style. */
const PRINT_WIDTH = 100;

/**
 * JSON with two-space indentation, like `JSON.stringify(value, null, 2)`, except that an array
 * of plain values (numbers, strings, booleans, null) stays on one line when it fits in
 * PRINT_WIDTH columns: `"range": [0.1, 0.8]`. That is Prettier's layout for JSON, so a report
 * committed to a repository formatted with Prettier stays byte for byte as written. (Prettier
 * fills long arrays of numbers several to a line; reports have none.)
 */
export function formatJson(value: unknown, indent = 0, column = indent, trailing = 0): string {
  if (value === null || typeof value !== 'object') return plain(value);
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((x) => x === null || typeof x !== 'object')) {
      const inline = `[${value.map(plain).join(', ')}]`;
      if (column + width(inline) + trailing <= PRINT_WIDTH) return inline;
    }
    const items = value.map(
      (x, i) => `${pad}${formatJson(x, indent + 2, indent + 2, i < value.length - 1 ? 1 : 0)}`,
    );
    return `[\n${items.join(',\n')}\n${' '.repeat(indent)}]`;
  }
  const entries = Object.entries(value).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, x], i) => {
    const key = `${JSON.stringify(k)}: `;
    return `${pad}${key}${formatJson(x, indent + 2, indent + 2 + width(key), i < entries.length - 1 ? 1 : 0)}`;
  });
  return `{\n${lines.join(',\n')}\n${' '.repeat(indent)}}`;
}

/** A number, string, boolean or null as JSON; `1e+21` written `1e21`, as Prettier does. */
function plain(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return typeof value === 'number' ? text.replace('e+', 'e') : text;
}

/** Columns taken by `text` in a monospace font: East Asian wide characters take two. */
function width(text: string): number {
  let n = 0;
  for (const c of text) n += WIDE.test(c) ? 2 : 1;
  return n;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
