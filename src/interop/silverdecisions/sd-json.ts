/**
 * The parts of a SilverDecisions file (`.sd.json`, as the app's "Save" writes it) that the import
 * reads. Everything is `unknown` until checked: the file comes from outside.
 *
 * ```json
 * { "SilverDecisions": "1.2.0", "rule": "expected-value-maximization", "title": "...",
 *   "viewMode": "criterion1",
 *   "data": { "code": "p = 0.4", "trees": [ NODE ], "payoffNames": ["Cost", "Effect"],
 *             "defaultCriterion1Weight": 1, "weightLowerBound": 0, "weightUpperBound": "Infinity" } }
 * NODE = { "type": "decision" | "chance" | "terminal", "name": "...", "code": "...",
 *          "childEdges": [ { "name": "...", "probability": "#", "payoff": ["10", 0],
 *                            "childNode": NODE } ] }
 * ```
 *
 * Payoffs sit on edges, one per criterion (files older than 0.8 have a single value instead of an
 * array); probabilities on the edges of chance nodes. A node's `code` defines variables for its
 * subtree.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A number or a non-empty trimmed string; anything else (null, '', objects) is undefined. */
export function scalarText(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

const NUMBER_LITERAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A payoff or probability as the scenario writes it: a number when the text is one, else the text. */
export function quantityOf(value: number | string): number | string {
  return typeof value === 'string' && NUMBER_LITERAL.test(value) ? Number(value) : value;
}

/** SilverDecisions writes `Infinity` as a string (JSON has no Infinity) and weights as strings. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === 'Infinity') return Infinity;
  return NUMBER_LITERAL.test(text) ? Number(text) : undefined;
}
