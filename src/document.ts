import { dirname, join } from 'node:path';
import { diagnostic, type Diagnostic, type Result } from './model/diagnostic';
import type { Scenario } from './model/types';
import { evaluate, evaluateTree, type Evaluation, type NodeResult, type Overrides } from './engine';
import { loadScenario, locateInFiles, parseYaml } from './load';
import { readOverlay, type VariantInfo } from './files/read-overlay';

export type { VariantInfo } from './files/read-overlay';
import { readLibraries } from './files/read-libraries';
import { insideFolder, readText } from './files/read-text';

/**
 * A scenario file as the front ends see it: its text, and either the loaded scenario with its
 * base-case evaluation or every problem, located in the text. A file is valid when it loads and
 * its base case evaluates (probabilities that do not sum to 1 only show at evaluation).
 * A variant or assessment file opens as its scenario (`file`, `text`) plus its overrides, which
 * every evaluation of the document applies; `opened` is the file that was asked for.
 * The CLI and the web app both start here; neither computes anything itself.
 */
export type ScenarioDocument = {
  readonly file: string;
  readonly text: string;
  readonly opened: string;
  /** Texts of the libraries it imports, by file, so their problems show their own lines. */
  readonly texts: ReadonlyMap<string, string>;
} & (
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      readonly base: Evaluation;
      readonly variant: VariantInfo | null;
    }
  | { readonly ok: false; readonly errors: Diagnostic[] }
);

/** How files are read: `folder`, when set, is the served folder nothing is read outside of. */
export interface ReadOptions {
  readonly folder?: string | undefined;
}

/** Opens scenario text whose imports (if any) are already read. */
export function openScenario(
  text: string,
  file: string,
  variant: VariantInfo | null = null,
  libraries: Awaited<ReturnType<typeof readLibraries>> | null = null,
  value?: unknown,
): ScenarioDocument {
  const opened = variant?.file ?? file;
  const texts: ReadonlyMap<string, string> = libraries?.texts ?? new Map<string, string>();
  const importErrors = libraries?.errors ?? [];
  const loaded = loadScenario(text, file, {
    ...(value !== undefined && { value }),
    libraries: libraries?.libraries ?? [],
    texts,
  });
  if (!loaded.ok || importErrors.length > 0) {
    // A library that could not be read leaves its names undefined: report the import, not
    // every use of a name it would have defined.
    const cascade = (e: Diagnostic) => importErrors.length > 0 && e.code === 'UNKNOWN_NAME';
    const errors = [
      ...locateInFiles(text, file, texts, importErrors),
      ...(loaded.ok ? [] : loaded.errors.filter((e) => !cascade(e))),
    ];
    return { file, text, opened, texts, ok: false, errors };
  }
  const base = evaluate(loaded.scenario, variant?.overrides ?? {});
  if (!base.ok) {
    const errors = locateInFiles(text, file, texts, base.errors).map((e) =>
      variant && e.line === null ? { ...e, file: variant.file } : e,
    );
    return { file, text, opened, texts, ok: false, errors };
  }
  return {
    file,
    text,
    opened,
    texts,
    ok: true,
    scenario: loaded.scenario,
    base: base.value,
    variant,
  };
}

/**
 * Opens scenario text as it would be saved at `file`: its imports are read relative to it (and
 * only inside `folder`, when given). The editor validates unsaved text with this.
 */
export async function openScenarioText(
  text: string,
  file: string,
  options: ReadOptions = {},
  variant: VariantInfo | null = null,
): Promise<ScenarioDocument> {
  return openParsedText(text, parseYaml(text), file, options, variant);
}

/** `openScenarioText` of text already parsed: YAML is read once per file. */
async function openParsedText(
  text: string,
  parsed: Result<unknown>,
  file: string,
  options: ReadOptions,
  variant: VariantInfo | null,
): Promise<ScenarioDocument> {
  if (!parsed.ok) return openScenario(text, file, variant);
  const imports = importsOf(parsed.value);
  const libraries = imports.length > 0 ? await readLibraries(imports, file, options.folder) : null;
  return openScenario(text, file, variant, libraries, parsed.value);
}

/** Reads and opens a scenario, variant or assessment file; an unreadable file is a diagnostic. */
export async function readScenario(
  file: string,
  options: ReadOptions = {},
): Promise<ScenarioDocument> {
  const read = await readText(file);
  if (!read.ok) return failedFile(file, '', read.errors);
  return openFileText(read.value, file, options);
}

function failedFile(file: string, text: string, errors: Diagnostic[]): ScenarioDocument {
  return { file, text, opened: file, texts: new Map(), ok: false, errors };
}

/**
 * Opens the text read from `file` as `readScenario` does: a variant or assessment opens its
 * scenario, a library is refused. `parsed` is the text's `parseYaml` result, when it is at hand.
 */
export async function openFileText(
  text: string,
  file: string,
  options: ReadOptions = {},
  parsed: Result<unknown> = parseYaml(text),
): Promise<ScenarioDocument> {
  const failed = (errors: Diagnostic[]) => failedFile(file, text, errors);
  const keys = parsed.ok ? topLevelKeys(parsed.value) : new Set<string>();
  if (keys.has('extends') || keys.has('assesses')) {
    const overlay = readOverlay(text, file, parsed.ok ? parsed.value : undefined);
    if (!overlay.ok) return failed(overlay.errors);
    const { info, target, at } = overlay.value;
    const scenarioFile = join(dirname(file), target);
    const where = { file, line: at.line, column: at.column };
    if (options.folder !== undefined && !(await insideFolder(scenarioFile, options.folder))) {
      const message = `${target} lies outside the served folder; it is not read`;
      return failed([{ ...diagnostic('IMPORT_OUTSIDE', message, undefined), ...where }]);
    }
    const scenario = await readText(scenarioFile);
    const scenarioParsed = scenario.ok ? parseYaml(scenario.value) : undefined;
    const scenarioKeys = scenarioParsed?.ok
      ? topLevelKeys(scenarioParsed.value)
      : new Set<string>();
    if (!scenario.ok || !scenarioParsed || !scenarioKeys.has('root')) {
      const why = !scenario.ok
        ? 'cannot be read'
        : scenarioKeys.has('extends') || scenarioKeys.has('assesses')
          ? `is itself an overlay; ${info.kind === 'variant' ? 'a variant extends' : 'an assessment assesses'} a scenario`
          : 'is not a scenario (it has no root)';
      const message = `${info.kind === 'variant' ? 'extends' : 'assesses'}: ${target} ${why}`;
      return failed([{ ...diagnostic('FILE_UNREADABLE', message, undefined), ...where }]);
    }
    return openParsedText(scenario.value, scenarioParsed, scenarioFile, options, info);
  }
  if (parsed.ok && isLibraryShaped(keys))
    return failed([
      {
        ...diagnostic(
          'NOT_A_LIBRARY',
          'this is a parameter library (it has no root); scenarios import it with imports:',
          undefined,
        ),
        file,
        line: 1,
        column: 1,
      },
    ]);
  return openParsedText(text, parsed, file, options, null);
}

/** A file with parameters or sources but no root is a library (FORMAT.md section 8). */
function isLibraryShaped(keys: ReadonlySet<string>): boolean {
  return (
    !keys.has('root') && (keys.has('parameters') || keys.has('sources') || keys.has('imports'))
  );
}

/** Whether text is a library, judged by its parsed top-level keys. */
export function isLibraryText(text: string): boolean {
  return isLibraryShaped(topLevelKeysOf(text));
}

/** `isLibraryText` of text already parsed (`parseYaml`'s result). */
export function isLibraryParsed(parsed: Result<unknown>): boolean {
  return parsed.ok && isLibraryShaped(topLevelKeys(parsed.value));
}

function topLevelKeysOf(text: string): Set<string> {
  const parsed = parseYaml(text);
  return parsed.ok ? topLevelKeys(parsed.value) : new Set();
}

function topLevelKeys(value: unknown): Set<string> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? new Set(Object.keys(value))
    : new Set();
}

function importsOf(value: unknown): string[] {
  const imports = (value as { imports?: unknown } | null)?.imports;
  return Array.isArray(imports) ? imports.filter((i): i is string => typeof i === 'string') : [];
}

/** The document's own overrides (a variant's) with `extra` on top: `extra` wins. */
export function effectiveOverrides(doc: ScenarioDocument, extra: Overrides = {}): Overrides {
  const own = doc.ok ? (doc.variant?.overrides ?? {}) : {};
  return {
    set: { ...own.set, ...extra.set },
    weight: { ...own.weight, ...extra.weight },
    probability: { ...own.probability, ...extra.probability },
    observe: [...(own.observe ?? []), ...(extra.observe ?? [])],
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

/** Like `analyseDocument`, for an analysis that runs asynchronously (on worker threads). */
export async function analyseDocumentAsync<T>(
  doc: ScenarioDocument,
  extra: Overrides,
  analysis: (scenario: Scenario, overrides: Overrides) => Promise<Result<T>>,
): Promise<Result<T>> {
  if (!doc.ok) return { ok: false, errors: doc.errors };
  return located(doc, await analysis(doc.scenario, effectiveOverrides(doc, extra)));
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
    : { ok: false, errors: locateInFiles(doc.text, doc.file, doc.texts, result.errors) };
}
