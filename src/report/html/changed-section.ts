import type { ReportData } from '../report-data';
import { exact, observationLabel, percent } from '../report-text';
import { block, h, named } from './html-text';

/**
 * What differs from the file: each changed assumption, file value then the one used, and what
 * follows from them (HTML).
 */
export function changedSection(data: ReportData): string[] {
  const c = data.changes;
  const rows = [
    ...c.parameters.map((p) =>
      changeRow(
        named(p.label, p.name),
        changeHtml(p.base, p.base_value, p.probability),
        changeHtml(p.used, p.used_value, p.probability),
      ),
    ),
    ...c.weights.map((w) =>
      changeRow(
        `Weight of ${named(w.label, w.criterion)}`,
        `${exact(w.base)} <span class="was">${percent(w.base_share)}</span>`,
        `${exact(w.used)} <span class="was">${percent(w.used_share)}</span>`,
      ),
    ),
    ...c.probabilities.map((p) =>
      changeRow(
        `Probability of ${named(p.label, p.path)}`,
        h(exact(p.base, true)),
        h(exact(p.used, true)),
      ),
    ),
    ...c.observations.map((o) =>
      changeRow(h(observationLabel(o)), h(exact(o.base, true)), h(exact(o.used, true))),
    ),
  ];
  return [
    '<section class="changed" id="changed">',
    '<h2>Changed from the base scenario</h2>',
    ...(data.variant?.description ? [block(data.variant.description)] : []),
    `<p><strong>This report does not show the base case.</strong> These assumptions differ from <code>${h(data.file.name)}</code>:</p>`,
    '<table class="compact">',
    '<thead><tr><th>Assumption</th><th class="num">In the file</th><th></th><th class="num">Used here</th></tr></thead>',
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    ...(c.knock_on.length > 0
      ? [
          `<p>Computed from these, so also changed: ${c.knock_on.map((k) => `${named(k.label, k.name)} ${h(exact(k.base))} → ${h(exact(k.used))}`).join('; ')}.</p>`,
        ]
      : []),
    '</section>',
  ];
}

/** A row of the changes table; the cells are HTML already. */
function changeRow(what: string, base: string, used: string): string {
  return `<tr><td>${what}</td><td class="num">${base}</td><td class="arrow">→</td><td class="num"><strong>${used}</strong></td></tr>`;
}

/** A parameter's definition: a number, or an expression and its value. */
function changeHtml(
  definition: number | string,
  value: number | null,
  probability = false,
): string {
  return typeof definition === 'number'
    ? h(exact(definition, probability))
    : `<code>${h(definition)}</code> = ${h(exact(value, probability))}`;
}
