import type { Analysis } from '../../analysis/analyse';
import type { ReportPanel } from '../report-data';

/**
 * The analysts' assessments pooled, with the assessments that could not be read (`unread`) or
 * pooled as problems; null when there is nothing to show.
 */
export function reportPanel(a: Analysis, unread: readonly string[]): ReportPanel | null {
  if (!a.panel && a.problems.panel.length === 0 && unread.length === 0) return null;
  const p = a.panel;
  const probability = new Set(
    a.scenario.parameters.filter((x) => x.probability).map((x) => x.name),
  );
  return {
    pool: p?.pool ?? null,
    parameters: (p?.parameters ?? []).map((x) => ({
      ...x,
      values: { ...x.values },
      probability: probability.has(x.name),
    })),
    analysts: (p?.analysts ?? []).map((x) => ({ ...x })),
    pooled: p ? { ...p.pooled } : null,
    agreement: p?.agreement ?? null,
    problems: [...unread, ...a.problems.panel.map((d) => d.message)],
  };
}
