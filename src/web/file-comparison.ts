import type { Analysis } from '../analysis/analyse';
import { bandOfPhrase } from '../model/phrases';
import { inputText, probabilityText, scoreColumn, shortInput } from '../present';

/** The scenario file's own results beside the ones shown, and what differs from the file. */
export interface FileComparison {
  options: { label: string; file: string; shown: string; delta: string }[];
  changes: { label: string; file: string; used: string }[];
}

/**
 * The file's scores beside the ones shown, and what differs from the file: both from the
 * analysis that drew the results, so the page never claims a change it did not compute.
 * Null when nothing differs from the file.
 */
export function fileComparison(a: Analysis): FileComparison | null {
  const c = a.changes;
  const count =
    c.parameters.length + c.weights.length + c.probabilities.length + c.observations.length;
  if (count === 0 || !a.file) return null;
  return { options: optionRows(a, a.file), changes: changeRows(a.changes) };
}

function optionRows(a: Analysis, file: NonNullable<Analysis['file']>): FileComparison['options'] {
  const shown = a.evaluation;
  const pairs = file.options.map((o) => ({ o, now: shown.options.find((x) => x.id === o.id)! }));
  const score = scoreColumn(pairs.flatMap(({ o, now }) => [o.score, now.score]));
  const change = scoreColumn(pairs.map(({ o, now }) => now.score - o.score));
  return pairs.map(({ o, now }) => {
    const delta = change(now.score - o.score);
    return {
      label: `${o.label}${o.id === file.choice ? ' (best in the file)' : ''}${o.id === shown.choice ? ' (best now)' : ''}`,
      file: score(o.score),
      shown: score(now.score),
      delta: delta.startsWith('-') ? delta : `+${delta}`,
    };
  });
}

const value = (x: number | null, probability: boolean) =>
  x === null ? '–' : shortInput(x, probability);

const definition = (d: number | string, x: number | null, probability: boolean) =>
  typeof d === 'number' ? value(x, probability) : `${d} = ${value(x, probability)}`;

function changeRows(c: Analysis['changes']): FileComparison['changes'] {
  return [
    ...c.parameters.map((p) => ({
      label: p.label ?? p.name,
      file: definition(p.base, p.base_value, p.probability),
      used:
        typeof p.used === 'number' || bandOfPhrase(p.used)
          ? value(p.used_value, p.probability)
          : `${p.used} = ${value(p.used_value, p.probability)}`,
    })),
    ...c.weights.map((w) => ({
      label: `Weight of ${w.label}`,
      file: inputText(w.base),
      used: inputText(w.used),
    })),
    ...c.probabilities.map((p) => ({
      label: `P(${p.label})`,
      file: probabilityText(p.base, 'table'),
      used: probabilityText(p.used, 'table'),
    })),
    ...c.observations.map((o) => ({
      label: `${o.label}: ${o.seen ? 'seen' : 'looked for, not seen'}, so ${o.parameter}`,
      file: value(o.base, true),
      used: value(o.used, true),
    })),
  ];
}
