import type { Overrides } from '../engine';

/**
 * The tweak form's fields, as they travel in a query string (so every tweaked state is a
 * shareable URL) or a JSON body: `p.<parameter>`, `w.<criterion>`, `q.<branch path>`.
 */
export const FIELD_PREFIX = { parameter: 'p.', weight: 'w.', probability: 'q.' } as const;

export interface FormInput {
  overrides: Overrides;
  /** The raw text of each field sent, by field name, to show back in the form. */
  values: Record<string, string>;
  /** Problems found before evaluating (a weight that is not a number), by field name. */
  errors: Record<string, string>;
}

const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Reads form fields from a query object or JSON body; unknown fields are ignored. */
export function readForm(fields: Record<string, unknown>): FormInput {
  const set: Record<string, number | string> = {};
  const weight: Record<string, number> = {};
  const probability: Record<string, number> = {};
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const [field, raw] of Object.entries(fields)) {
    const last: unknown = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (typeof last !== 'string' && typeof last !== 'number') continue;
    const text = String(last).trim();
    if (text === '') continue;
    const numeric = NUMBER.test(text);
    if (field.startsWith(FIELD_PREFIX.parameter)) {
      values[field] = text;
      // A parameter may take an expression, as with --set; the engine vets it.
      set[field.slice(FIELD_PREFIX.parameter.length)] = numeric ? Number(text) : text;
    } else if (
      field.startsWith(FIELD_PREFIX.weight) ||
      field.startsWith(FIELD_PREFIX.probability)
    ) {
      values[field] = text;
      if (!numeric) {
        errors[field] = `'${text}' is not a number`;
        continue;
      }
      const target = field.startsWith(FIELD_PREFIX.weight) ? weight : probability;
      target[field.slice(2)] = Number(text);
    }
  }
  return { overrides: { set, weight, probability }, values, errors };
}

/** The field a diagnostic's `path` belongs to, if it names a parameter, criterion or branch. */
export function fieldOf(
  path: string | null,
  names: { parameters: Set<string>; criteria: Set<string>; branches: Set<string> },
): string | undefined {
  if (path === null) return undefined;
  if (names.parameters.has(path)) return FIELD_PREFIX.parameter + path;
  if (names.criteria.has(path)) return FIELD_PREFIX.weight + path;
  if (names.branches.has(path)) return FIELD_PREFIX.probability + path;
  return undefined;
}
