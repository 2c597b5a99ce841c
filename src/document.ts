import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { diagnostic, type Diagnostic, type Result } from './model/diagnostic';
import type { Scenario } from './model/types';
import { evaluate, evaluateTree, type Evaluation, type NodeResult, type Overrides } from './engine';
import { isVariantText, loadScenario, loadVariant, locateDiagnostics } from './load';

/** What a variant file adds to its scenario. */
export interface VariantInfo {
  readonly file: string;
  readonly text: string;
  readonly title: string | null;
  readonly description: string | null;
  readonly overrides: Overrides;
}

/**
 * A scenario file as the front ends see it: its text, and either the loaded scenario with its
 * base-case evaluation or every problem, located in the text. A file is valid when it loads and
 * its base case evaluates (probabilities that do not sum to 1 only show at evaluation).
 * A variant file opens as its scenario (`file`, `text`) plus the variant's overrides, which
 * every evaluation of the document applies; `opened` is the file that was asked for.
 * The CLI and the web app both start here; neither computes anything itself.
 */
export type ScenarioDocument = {
  readonly file: string;
  readonly text: string;
  readonly opened: string;
} & (
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      readonly base: Evaluation;
      readonly variant: VariantInfo | null;
    }
  | { readonly ok: false; readonly errors: Diagnostic[] }
);

export function openScenario(
  text: string,
  file: string,
  variant: VariantInfo | null = null,
): ScenarioDocument {
  const opened = variant?.file ?? file;
  const loaded = loadScenario(text, file);
  if (!loaded.ok) return { file, text, opened, ok: false, errors: loaded.errors };
  const base = evaluate(loaded.scenario, variant?.overrides ?? {});
  if (!base.ok) {
    const errors = locateDiagnostics(text, file, base.errors).map((e) =>
      variant && e.line === null ? { ...e, file: variant.file } : e,
    );
    return { file, text, opened, ok: false, errors };
  }
  return { file, text, opened, ok: true, scenario: loaded.scenario, base: base.value, variant };
}

/** Reads and opens a scenario or variant file; an unreadable file is a diagnostic like any other. */
export async function readScenario(file: string): Promise<ScenarioDocument> {
  const read = await readText(file);
  if (!read.ok) return { file, text: '', opened: file, ok: false, errors: read.errors };
  if (!isVariantText(read.value)) return openScenario(read.value, file);

  const loaded = loadVariant(read.value, file);
  if (!loaded.ok) return { file, text: read.value, opened: file, ok: false, errors: loaded.errors };
  const v = loaded.variant;
  const scenarioFile = resolve(dirname(file), v.extends);
  const scenario = await readText(scenarioFile);
  if (!scenario.ok || isVariantText(scenario.value)) {
    const why = scenario.ok
      ? 'is itself a variant; a variant extends a scenario'
      : 'cannot be read';
    const error = {
      ...diagnostic('FILE_UNREADABLE', `extends: ${v.extends} ${why}`, undefined),
      file,
      line: 1,
      column: 1,
    };
    return { file, text: read.value, opened: file, ok: false, errors: [error] };
  }
  const overrides: Overrides = {
    set: v.set ?? {},
    weight: v.weight ?? {},
    probability: v.probability ?? {},
  };
  return openScenario(scenario.value, scenarioFile, {
    file,
    text: read.value,
    title: v.title ?? null,
    description: v.description ?? null,
    overrides,
  });
}

async function readText(file: string): Promise<Result<string>> {
  try {
    return { ok: true, value: await readFile(file, 'utf8') };
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return {
      ok: false,
      errors: [
        { ...diagnostic('FILE_UNREADABLE', `cannot read file: ${reason}`, undefined), file },
      ],
    };
  }
}

/** The document's own overrides (a variant's) with `extra` on top: `extra` wins. */
export function effectiveOverrides(doc: ScenarioDocument, extra: Overrides = {}): Overrides {
  const own = doc.ok ? (doc.variant?.overrides ?? {}) : {};
  return {
    set: { ...own.set, ...extra.set },
    weight: { ...own.weight, ...extra.weight },
    probability: { ...own.probability, ...extra.probability },
  };
}

/**
 * Runs an analysis of the document's scenario with its overrides and `extra` on top; the
 * analysis's problems point into the document's text.
 */
export function analyseDocument<T>(
  doc: ScenarioDocument,
  extra: Overrides,
  analysis: (scenario: Scenario, overrides: Overrides) => Result<T>,
): Result<T> {
  if (!doc.ok) return { ok: false, errors: doc.errors };
  return located(doc, analysis(doc.scenario, effectiveOverrides(doc, extra)));
}

/** Evaluates with overrides; problems point into the document's text. */
export function evaluateDocument(
  doc: ScenarioDocument,
  overrides: Overrides = {},
): Result<Evaluation> {
  return analyseDocument(doc, overrides, evaluate);
}

/** Like `evaluateDocument`, plus the annotated tree for drawing. */
export function evaluateDocumentTree(
  doc: ScenarioDocument,
  overrides: Overrides = {},
): Result<{ evaluation: Evaluation; tree: NodeResult }> {
  return analyseDocument(doc, overrides, evaluateTree);
}

function located<T>(doc: ScenarioDocument, result: Result<T>): Result<T> {
  return result.ok
    ? result
    : { ok: false, errors: locateDiagnostics(doc.text, doc.file, result.errors) };
}
