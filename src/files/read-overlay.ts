import { diagnostic, SourcePath, type Result } from '../model/diagnostic';
import { AssessmentSchema, VariantSchema } from '../model/schema';
import { ASSESSMENT_KEYS, checkOverlay, locateDiagnostics, parseYaml, VARIANT_KEYS } from '../load';
import type { Overrides } from '../engine';

/**
 * What an overlay file adds to its scenario: a variant (`extends:`, section 1) or an analyst's
 * assessment (`assesses:`, section 10). Both change values, never the scenario file.
 */
export interface VariantInfo {
  readonly kind: 'variant' | 'assessment';
  readonly file: string;
  readonly text: string;
  readonly title: string | null;
  readonly description: string | null;
  readonly overrides: Overrides;
  /** An assessment's analyst and reasons per parameter; null and empty for a variant. */
  readonly analyst: string | null;
  readonly rationale: Readonly<Record<string, string>>;
}

/** An overlay file read: what it adds, the scenario it names, and where it names it. */
export interface Overlay {
  readonly info: VariantInfo;
  /** The scenario file, relative to the overlay. */
  readonly target: string;
  /** Position of the `extends`/`assesses` value, for problems with the target. */
  readonly at: { line: number | null; column: number | null };
}

/**
 * A variant (`extends:`) or an assessment (`assesses:`) file: checked against its schema, with
 * every problem located in its text.
 */
export function readOverlay(text: string, file: string, value?: unknown): Result<Overlay> {
  let parsed: unknown = value;
  if (value === undefined) {
    const p = parseYaml(text);
    if (!p.ok) return { ok: false, errors: locateDiagnostics(text, file, p.errors) };
    parsed = p.value;
  }
  const assessment = (parsed as Record<string, unknown>).assesses !== undefined;
  const key = assessment ? 'assesses' : 'extends';
  const where = locateDiagnostics(text, file, [
    diagnostic('BAD_VALUE', '', SourcePath.root.child(key)),
  ])[0]!;
  const at = { line: where.line, column: where.column };
  if (assessment) {
    const checked = checkOverlay(AssessmentSchema, parsed, text, file, ASSESSMENT_KEYS);
    if (!checked.ok) return checked;
    const a = checked.value;
    return {
      ok: true,
      value: {
        target: a.assesses,
        at,
        info: {
          kind: 'assessment',
          file,
          text,
          title: a.analyst,
          description: null,
          overrides: { set: a.set ?? {}, weight: a.weight ?? {} },
          analyst: a.analyst,
          rationale: a.rationale ?? {},
        },
      },
    };
  }
  const checked = checkOverlay(VariantSchema, parsed, text, file, VARIANT_KEYS);
  if (!checked.ok) return checked;
  const v = checked.value;
  return {
    ok: true,
    value: {
      target: v.extends,
      at,
      info: {
        kind: 'variant',
        file,
        text,
        title: v.title ?? null,
        description: v.description ?? null,
        overrides: { set: v.set ?? {}, weight: v.weight ?? {}, probability: v.probability ?? {} },
        analyst: null,
        rationale: {},
      },
    },
  };
}
