import type { z } from 'zod';
import { diagnostic, SourcePath, type Diagnostic, type Result } from '../model/diagnostic';
import { VariantSchema, type RawVariant } from '../model/schema';
import { locateDiagnostics } from './locate';
import { parseYaml } from './parse-yaml';

/**
 * A file is a variant when its top-level mapping has the key `extends`, as YAML reads it (a
 * title spanning lines that contain `extends:` does not make one). Text without the word is
 * decided without parsing; text that does not parse is a variant if a line starts with `extends:`,
 * so that its errors are reported against the variant's format.
 */
export function isVariantText(text: string): boolean {
  if (!text.includes('extends')) return false;
  const parsed = parseYaml(text);
  if (!parsed.ok) return /^extends\s*:/m.test(text);
  const value = parsed.value;
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.prototype.hasOwnProperty.call(value, 'extends')
  );
}

export type VariantResult = { ok: true; variant: RawVariant } | { ok: false; errors: Diagnostic[] };

/** Variant YAML -> its overlay, with positioned errors. */
export function loadVariant(text: string, file: string | null = null): VariantResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { ok: false, errors: locateDiagnostics(text, file, parsed.errors) };
  const checked = checkOverlay(VariantSchema, parsed.value, text, file, VARIANT_KEYS);
  return checked.ok ? { ok: true, variant: checked.value } : checked;
}

export const VARIANT_KEYS =
  'a variant has extends, title, description, set, weight and probability';
export const ASSESSMENT_KEYS =
  'an assessment has assesses, analyst, date, set, weight and rationale';

/**
 * Checks an overlay file (a variant or an assessment) against its schema; each problem is
 * located in its text and says which keys such a file has.
 */
export function checkOverlay<T>(
  schema: z.ZodType<T>,
  value: unknown,
  text: string,
  file: string | null,
  keys: string,
): Result<T> {
  const checked = schema.safeParse(value);
  if (checked.success) return { ok: true, value: checked.data };
  const errors = checked.error.issues.map((issue) => {
    const at = issue.path.reduce<SourcePath>(
      (p, k) => p.child(typeof k === 'number' ? k : String(k)),
      SourcePath.root,
    );
    const where = issue.path.length > 0 ? `'${issue.path.join('.')}'` : 'the file';
    const code =
      issue.code === 'unrecognized_keys'
        ? 'UNKNOWN_KEY'
        : issue.code === 'invalid_type'
          ? 'WRONG_TYPE'
          : 'BAD_VALUE';
    return diagnostic(code, `${where}: ${issue.message}; ${keys}`, at);
  });
  return { ok: false, errors: locateDiagnostics(text, file, errors) };
}
