import type { Diagnostic } from '../model/diagnostic';
import type { Scenario } from '../model/types';
import { checkShape } from './check-shape';
import { locateDiagnostics } from './locate';
import { parseYaml } from './parse-yaml';
import { resolveScenario } from './resolve-scenario';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: Diagnostic[] };

/**
 * YAML text -> `Scenario`. On failure, every problem found, each with `file`, `line` and `column`.
 * `file` is only used in the diagnostics; nothing is read from disk.
 */
export function loadScenario(text: string, file: string | null = null): LoadResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { ok: false, errors: locateDiagnostics(text, file, parsed.errors) };
  const shaped = checkShape(parsed.value);
  const resolved = shaped.scenario && resolveScenario(shaped.scenario);
  const errors = [...shaped.errors, ...(resolved && !resolved.ok ? resolved.errors : [])];
  if (errors.length > 0 || !resolved?.ok)
    return { ok: false, errors: locateDiagnostics(text, file, errors) };
  return { ok: true, scenario: resolved.value };
}
