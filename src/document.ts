import { readFile } from 'node:fs/promises';
import { diagnostic, type Diagnostic, type Result } from './model/diagnostic';
import type { Scenario } from './model/types';
import { evaluate, evaluateTree, type Evaluation, type NodeResult, type Overrides } from './engine';
import { loadScenario, locateDiagnostics } from './load';

/**
 * A scenario file as the front ends see it: its text, and either the loaded scenario with its
 * base-case evaluation or every problem, located in the text. A file is valid when it loads and
 * its base case evaluates (probabilities that do not sum to 1 only show at evaluation).
 * The CLI and the web app both start here; neither computes anything itself.
 */
export type ScenarioDocument = { readonly file: string; readonly text: string } & (
  | { readonly ok: true; readonly scenario: Scenario; readonly base: Evaluation }
  | { readonly ok: false; readonly errors: Diagnostic[] }
);

export function openScenario(text: string, file: string): ScenarioDocument {
  const loaded = loadScenario(text, file);
  if (!loaded.ok) return { file, text, ok: false, errors: loaded.errors };
  const base = evaluate(loaded.scenario);
  if (!base.ok)
    return { file, text, ok: false, errors: locateDiagnostics(text, file, base.errors) };
  return { file, text, ok: true, scenario: loaded.scenario, base: base.value };
}

/** Reads and opens a file; an unreadable file is a diagnostic like any other. */
export async function readScenario(file: string): Promise<ScenarioDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    const error = {
      ...diagnostic('FILE_UNREADABLE', `cannot read file: ${reason}`, undefined),
      file,
    };
    return { file, text: '', ok: false, errors: [error] };
  }
  return openScenario(text, file);
}

/** Runs an analysis of the document's scenario; its problems point into the document's text. */
export function analyseDocument<T>(
  doc: ScenarioDocument,
  analysis: (scenario: Scenario) => Result<T>,
): Result<T> {
  if (!doc.ok) return { ok: false, errors: doc.errors };
  return located(doc, analysis(doc.scenario));
}

/** Evaluates with overrides; problems point into the document's text. */
export function evaluateDocument(
  doc: ScenarioDocument,
  overrides: Overrides = {},
): Result<Evaluation> {
  return analyseDocument(doc, (s) => evaluate(s, overrides));
}

/** Like `evaluateDocument`, plus the annotated tree for drawing. */
export function evaluateDocumentTree(
  doc: ScenarioDocument,
  overrides: Overrides = {},
): Result<{ evaluation: Evaluation; tree: NodeResult }> {
  return analyseDocument(doc, (s) => evaluateTree(s, overrides));
}

function located<T>(doc: ScenarioDocument, result: Result<T>): Result<T> {
  return result.ok
    ? result
    : { ok: false, errors: locateDiagnostics(doc.text, doc.file, result.errors) };
}
