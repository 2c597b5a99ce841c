import { basename, dirname, relative } from 'node:path';
import type { Analysis } from '../analysis/analyse';
import type { ScenarioDocument } from '../document';
import { formatDiagnostic } from '../load';
import type { Diagnostic } from '../model/diagnostic';
import { FIELD_PREFIX, fieldOf, type FormInput } from './form-overrides';
import { probabilityReaders } from './probability-readers';
import { withLabels } from './with-labels';

/** Where the page shows the problems: beside a field (by field name), or in the banner. */
export interface PlacedProblems {
  fieldErrors: Record<string, string>;
  general: string[];
}

/**
 * Each problem of the values sent placed beside the field it is about, or in the banner when
 * no field is free for it; the analysis's indicator problems always go in the banner. Paths
 * in the messages become labels, and files are named relative to the scenario's folder.
 */
export function placeProblems(
  doc: ScenarioDocument & { ok: true },
  a: Analysis,
  form: FormInput,
  problems: Diagnostic[],
): PlacedProblems {
  const scenario = doc.scenario;
  const names = {
    parameters: new Set(scenario.parameters.map((p) => p.name)),
    criteria: new Set(scenario.criteria.map((c) => c.id)),
    branches: new Set(a.literals.map((b) => b.path)),
    indicators: new Set(scenario.indicators.map((i) => i.id)),
  };
  const fieldErrors: Record<string, string> = { ...form.errors };
  const general: string[] = [];
  // Nothing to place: the live page's fast answer asks this after every change.
  if (problems.length === 0 && a.problems.indicators.length === 0) return { fieldErrors, general };
  const readers = probabilityReaders(scenario);
  const readable = withLabels(a.tree);
  // Files named relative to the scenario's folder: the page never shows a server's paths.
  const near = (d: Diagnostic): Diagnostic =>
    d.file === null ? d : { ...d, file: relative(dirname(doc.file), d.file) || basename(d.file) };
  for (const d of problems) {
    const direct = fieldOf(d.path, names);
    // A probability that went wrong belongs next to the parameters it reads, the changed ones
    // first: that is where the analyst typed the value that broke it.
    const byPath = d.code === 'PROBABILITY_SUM' ? readers.branches : readers.own;
    const read = d.path === null ? [] : (byPath.get(d.path) ?? []);
    const changed = read.filter((name) => form.values[FIELD_PREFIX.parameter + name] !== undefined);
    const targets = direct
      ? [direct]
      : (changed.length > 0 ? changed : read).map((name) => FIELD_PREFIX.parameter + name);
    const free = targets.filter((f) => !fieldErrors[f]);
    for (const f of free) fieldErrors[f] = readable(d.message);
    if (free.length === 0) general.push(readable(formatDiagnostic(near(d))));
  }
  for (const d of a.problems.indicators) general.push(readable(formatDiagnostic(near(d))));
  return { fieldErrors, general };
}
