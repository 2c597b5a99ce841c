import type { Observation, Overrides } from '../engine';
import { bandOfPhrase } from '../model/phrases';
import type { Scenario } from '../model/types';

/**
 * The tweak form's fields, as they travel in a query string (so every tweaked state is a
 * shareable URL) or a JSON body: `p.<parameter>`, `w.<criterion>`, `q.<branch path>`,
 * `observe.<indicator>` (`seen` or `not`; absent or empty: not looked for) and
 * `phrase.<parameter>`, the phrase chosen in the select beside a probability parameter.
 */
export const FIELD_PREFIX = {
  parameter: 'p.',
  weight: 'w.',
  probability: 'q.',
  observe: 'observe.',
  phrase: 'phrase.',
} as const;

export interface FormInput {
  overrides: Overrides;
  /** The raw text of each field sent, by field name, to show back in the form. */
  values: Record<string, string>;
  /** Problems found before evaluating (a weight that is not a number), by field name. */
  errors: Record<string, string>;
}

const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A number written with a decimal comma, as many locales do: `0,7`, `-1,25`. */
const DECIMAL_COMMA = /^([+-]?\d*),(\d+)$/;

/**
 * A field's text with a decimal comma read as a point (`0,7` is 0.7); anything else as it is.
 * Only a lone comma between digits is read so: `f(1,2)` in an expression keeps its comma.
 */
export function decimalPoint(text: string): string {
  const m = DECIMAL_COMMA.exec(text);
  return m ? `${m[1] === '' || m[1] === '-' || m[1] === '+' ? `${m[1]}0` : m[1]}.${m[2]}` : text;
}

/** The answers an indicator field takes, and what each means (null: not looked for). */
const ANSWERS: Readonly<Record<string, boolean | null>> = {
  seen: true,
  yes: true,
  not: false,
  no: false,
  'not-seen': false,
  unknown: null,
};

/**
 * Reads form fields from a query object or JSON body; unknown fields are ignored.
 *
 * A phrase chosen in a parameter's select wins over the number box beside it: the page renders
 * the select's current choice with an empty value, so a select sends a phrase only when the
 * analyst picked a new one (this is what makes the pair work as a plain GET form).
 */
export function readForm(fields: Record<string, unknown>): FormInput {
  const set: Record<string, number | string> = {};
  const weight: Record<string, number> = {};
  const probability: Record<string, number> = {};
  const observe: Observation[] = [];
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const phrases: [string, string][] = [];
  for (const [field, raw] of Object.entries(fields)) {
    // A field sent twice (a select and a box of one name, an edited URL): the last one set.
    const all: unknown[] = Array.isArray(raw) ? raw : [raw];
    const given = all
      .filter((x): x is string | number => typeof x === 'string' || typeof x === 'number')
      .map((x) => decimalPoint(String(x).trim()))
      .filter((x) => x !== '');
    const text = given[given.length - 1];
    if (text === undefined) continue;
    const numeric = NUMBER.test(text);
    if (field.startsWith(FIELD_PREFIX.parameter)) {
      values[field] = text;
      // A parameter may take an expression or a phrase, as with --set; the engine vets it.
      set[field.slice(FIELD_PREFIX.parameter.length)] = numeric ? Number(text) : text;
    } else if (field.startsWith(FIELD_PREFIX.phrase)) {
      phrases.push([field.slice(FIELD_PREFIX.phrase.length), text]);
    } else if (field.startsWith(FIELD_PREFIX.observe)) {
      const answer = ANSWERS[text.toLowerCase()];
      if (answer === undefined) {
        values[field] = text;
        errors[field] = `'${text}' is not an answer: seen, not, or leave it unknown`;
      } else if (answer !== null) {
        values[field] = answer ? 'seen' : 'not';
        observe.push({ id: field.slice(FIELD_PREFIX.observe.length), seen: answer });
      }
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
  for (const [name, text] of phrases) {
    const band = bandOfPhrase(text);
    const field = FIELD_PREFIX.parameter + name;
    if (!band) {
      errors[field] = `'${text}' is not an estimative phrase`;
      continue;
    }
    values[field] = band.phrase;
    set[name] = band.phrase;
  }
  return { overrides: { set, weight, probability, observe }, values, errors };
}

/**
 * The observations in the order the scenario lists its indicators (FORMAT.md section 9 applies
 * them in order; a form has no order of its own). Unknown ids keep their place at the end, for
 * the engine to name.
 */
export function inScenarioOrder(overrides: Overrides, scenario: Scenario): Overrides {
  const rank = new Map(scenario.indicators.map((i, k) => [i.id, k]));
  const observe = [...(overrides.observe ?? [])].sort(
    (a, b) => (rank.get(a.id) ?? rank.size) - (rank.get(b.id) ?? rank.size),
  );
  return { ...overrides, observe };
}

/** The field a diagnostic's `path` belongs to, if it names a parameter, criterion, branch or indicator. */
export function fieldOf(
  path: string | null,
  names: {
    parameters: Set<string>;
    criteria: Set<string>;
    branches: Set<string>;
    indicators?: Set<string>;
  },
): string | undefined {
  if (path === null) return undefined;
  if (names.parameters.has(path)) return FIELD_PREFIX.parameter + path;
  if (names.criteria.has(path)) return FIELD_PREFIX.weight + path;
  if (names.branches.has(path)) return FIELD_PREFIX.probability + path;
  if (names.indicators?.has(path)) return FIELD_PREFIX.observe + path;
  return undefined;
}
