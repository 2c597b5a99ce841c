import { exact, percent } from './format';
import type { ReportData } from './report-data';
import { observationLabel } from './report-text';
import { captionTreeSvg, type TreeCaption } from '../draw/tree-svg';

/**
 * The tree as a file of its own (`--format svg`, the page's "tree as SVG"): a slide taken out of
 * context must still say which scenario it draws and under which assumptions, so the scenario's
 * title and every assumption that differs from the file stand above the tree.
 */
export function renderTreeFile(data: ReportData): string {
  return captionTreeSvg(data.tree_svg, treeCaption(data));
}

/** The title (and variant) and one line per changed assumption, as the Markdown report words them. */
export function treeCaption(data: ReportData): TreeCaption {
  const c = data.changes;
  const title = data.variant?.title ? `${data.title}: ${data.variant.title}` : data.title;
  const named = (label: string | null, name: string) =>
    label && label !== name ? `${label} (${name})` : name;
  const value = (definition: number | string, x: number | null, probability: boolean) =>
    typeof definition === 'number'
      ? exact(definition, probability)
      : `${definition} = ${exact(x, probability)}`;
  const changes = [
    ...c.parameters.map(
      (p) =>
        `${named(p.label, p.name)}: ${value(p.base, p.base_value, p.probability)} → ${value(p.used, p.used_value, p.probability)}`,
    ),
    ...c.weights.map(
      (w) =>
        `Weight of ${named(w.label, w.criterion)}: ${exact(w.base)} → ${exact(w.used)} (share ${percent(w.base_share)} → ${percent(w.used_share)})`,
    ),
    ...c.probabilities.map(
      (p) =>
        `Probability of ${named(p.label, p.path)}: ${exact(p.base, true)} → ${exact(p.used, true)}`,
    ),
    ...c.observations.map(
      (o) => `${observationLabel(o)} ${exact(o.base, true)} → ${exact(o.used, true)}`,
    ),
  ];
  if (changes.length === 0)
    return { title, lines: [`The values of ${data.file.name}, unchanged.`] };
  const knockOn =
    c.knock_on.length > 0
      ? [
          `Computed from these, so also changed: ${c.knock_on.map((k) => `${named(k.label, k.name)} ${exact(k.base)} → ${exact(k.used)}`).join('; ')}.`,
        ]
      : [];
  return {
    title,
    lines: [
      `Not the base case. Changed from ${data.file.name} (file → used):`,
      ...changes.map((line) => `• ${line}`),
      ...knockOn,
    ],
  };
}
