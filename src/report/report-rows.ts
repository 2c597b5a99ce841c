import { scoreColumn } from './format';
import type { ReportData, ReportIndicator, ReportSensitivityEntry } from './report-data';

/**
 * What the Markdown and HTML reports both put in their tables, chosen once: which rows, and the
 * one number scale of each column. Each renderer only lays these out in its own markup.
 */

/** Rows of the outcomes and probabilities tables at most, likeliest or first ones kept. */
export const MAX_TABLE_ROWS = 100;

/** The first `MAX_TABLE_ROWS` of a long table, and how many are left for the JSON and CSV. */
export function firstRows<T>(items: readonly T[]): { rows: readonly T[]; more: number } {
  const rows = items.slice(0, MAX_TABLE_ROWS);
  return { rows, more: items.length - rows.length };
}

/** The outcomes left out of the table: how many, and their probability together. */
export function outcomesLeftOut(data: ReportData): { count: number; probability: number } {
  const rest = data.outcomes.slice(MAX_TABLE_ROWS);
  return { count: rest.length, probability: rest.reduce((a, o) => a + o.probability, 0) };
}

/** Every break-even of every input, in the order of the inputs (largest swing first). */
export function breakEvenRows(
  data: ReportData,
): { e: ReportSensitivityEntry; t: ReportSensitivityEntry['thresholds'][number] }[] {
  return data.sensitivity.entries.flatMap((e) => e.thresholds.map((t) => ({ e, t })));
}

/** The scales of the tornado table: one for the scores (base, low, high), one for the swings. */
export function tornadoColumns(data: ReportData): {
  score: (x: number) => string;
  swing: (x: number) => string;
} {
  const s = data.sensitivity;
  return {
    score: scoreColumn([s.base, ...s.entries.flatMap((e) => [e.score_low, e.score_high])]),
    swing: scoreColumn(s.entries.map((e) => e.swing)),
  };
}

/** The one scale of the simulation table's mean and percentiles. */
export function simulationColumn(data: ReportData): (x: number) => string {
  const m = data.simulation!;
  return scoreColumn(m.options.flatMap((o) => [o.mean, o.p5, o.p50, o.p95]));
}

/** The number of expectations that fail at these values. */
export function failedExpectations(data: ReportData): number {
  return data.expectations.filter((x) => !x.ok).length;
}

/** The indicators with sentences to show: those not yet looked for. */
export function indicatorsToExplain(data: ReportData): ReportIndicator[] {
  return data.indicators!.items.filter((i) => i.sentences.length > 0);
}

/** Show the Confidence column: some parameter states how sure its author is. */
export function hasConfidence(data: ReportData): boolean {
  return data.parameters.some((p) => p.confidence !== null);
}

/** Show the Note column of the criteria table: some criterion has a note. */
export function hasCriterionNotes(data: ReportData): boolean {
  return data.criteria.some((c) => c.note);
}
