import type { Diagnostic } from '../model/diagnostic';
import type { Scenario } from '../model/types';
import { checkShape } from './check-shape';
import { locateInFiles } from './locate-files';
import { parseYaml } from './parse-yaml';
import { resolveScenario, type ResolvedLibrary } from './resolve-scenario';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: Diagnostic[] };

/** What a scenario is loaded with beyond its text. */
export interface LoadOptions {
  /** The text already parsed (the caller looked at its keys), so it is not parsed twice. */
  readonly value?: unknown;
  /** Libraries it imports, read and shape-checked, in the order they join (section 8). */
  readonly libraries?: readonly ResolvedLibrary[];
  /** The libraries' texts by file, to locate problems in them. */
  readonly texts?: ReadonlyMap<string, string>;
}

/**
 * YAML text -> `Scenario`. On failure, every problem found, each with `file`, `line` and `column`.
 * `file` is only used in the diagnostics; nothing is read from disk.
 */
export function loadScenario(
  text: string,
  file: string | null = null,
  options: LoadOptions = {},
): LoadResult {
  const texts = options.texts ?? new Map<string, string>();
  let value = options.value;
  if (!('value' in options)) {
    const parsed = parseYaml(text);
    if (!parsed.ok) return { ok: false, errors: locateInFiles(text, file, texts, parsed.errors) };
    value = parsed.value;
  }
  const shaped = checkShape(value);
  const resolved = shaped.scenario && resolveScenario(shaped.scenario, options.libraries ?? []);
  const errors = [...shaped.errors, ...(resolved && !resolved.ok ? resolved.errors : [])];
  if (errors.length > 0 || !resolved?.ok)
    return { ok: false, errors: locateInFiles(text, file, texts, errors) };
  return { ok: true, scenario: resolved.value };
}
