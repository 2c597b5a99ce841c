import { sameAsFile, type Analysis } from '../analysis/analyse';
import type { Parameter } from '../model/types';
import { breakEvenHint, isProbability } from '../present';
import {
  fieldState,
  fieldView,
  type FieldContext,
  type FieldSource,
  type FieldSpec,
  type FieldState,
  type FieldView,
} from './field-view';
import { FIELD_PREFIX, type FormInput } from './form-overrides';

/** The form's fields, by kind, in the order the page lists them. */
export interface FieldViews {
  parameters: FieldView[];
  probabilities: FieldView[];
  weights: FieldView[];
}

const numeric = (base: number) => (sent: string) => Number(sent) === base;

/**
 * Every field of the form from the analysis and what was sent. Break-evens beside the fields
 * are for the values in the form, so they are left out when `stale`.
 */
export function fieldViews(
  a: Analysis,
  form: FormInput,
  errors: Record<string, string>,
  stale: boolean,
): FieldViews {
  const sensitivity = stale ? null : a.sensitivity;
  const ctx: FieldContext = {
    values: form.values,
    errors,
    breakEven: (variable, current) => {
      const entry = sensitivity?.parameters.find((p) => p.name === variable);
      return entry && sensitivity ? breakEvenHint(entry, current, sensitivity) : null;
    },
  };
  const views = (list: FieldInput[]) =>
    list.map(({ name, spec, source }) => fieldView(ctx, name, spec, source));
  const inputs = fieldInputs(a);
  return {
    parameters: views(inputs.parameters),
    probabilities: views(inputs.probabilities),
    weights: views(inputs.weights),
  };
}

/**
 * The state alone (value, changed, error, phrase) of every field sent or with an error, without
 * the words and numbers around it: what the live page updates after each change, in the order
 * the page lists them.
 */
export function fieldStates(
  a: Analysis,
  form: FormInput,
  errors: Record<string, string>,
): FieldState[] {
  const ctx = { values: form.values, errors };
  let inputs = INPUTS.get(a);
  if (!inputs) {
    const byKind = fieldInputs(a);
    inputs = [...byKind.parameters, ...byKind.probabilities, ...byKind.weights];
    INPUTS.set(a, inputs);
  }
  // A field not sent and without an error holds the file's value: nothing to say of it.
  return inputs
    .filter(({ name }) => name in form.values || name in errors)
    .map(({ name, spec, source }) => fieldState(ctx, name, spec, source));
}

/** The fields of an analysis, kept while it is (the live page asks of the document's own often). */
const INPUTS = new WeakMap<Analysis, FieldInput[]>();

/** A field's name, what the input says of itself, and where its value comes from. */
interface FieldInput {
  name: string;
  spec: FieldSpec;
  source: FieldSource;
}

function fieldInputs(a: Analysis): Record<keyof FieldViews, FieldInput[]> {
  return {
    parameters: parameterFields(a),
    probabilities: probabilityFields(a),
    weights: weightFields(a),
  };
}

function parameterFields(a: Analysis): FieldInput[] {
  // The file's own values; a variant whose file does not evaluate alone falls back to its own.
  const fileValues = (a.file ?? a.evaluation).parameters;
  return a.scenario.parameters.map((p) => ({
    name: FIELD_PREFIX.parameter + p.name,
    spec: parameterSpec(p),
    source: {
      base: fileValues[p.name]!,
      shown: p.value.kind === 'expression' ? '' : (p.phrase ?? String(fileValues[p.name]!)),
      expression: p.value.kind === 'expression' ? p.value.expression.text : null,
      variable: p.range ? p.name : null,
      same: (sent) => sameAsFile(p, Number.isFinite(Number(sent)) ? Number(sent) : sent),
      // Guarded: scenarios loaded before these fields existed lack them.
      probability: isProbability(p),
      confidence: p.confidence ?? null,
      phrases: isProbability(p),
    },
  }));
}

function probabilityFields(a: Analysis): FieldInput[] {
  return a.literals.map((b) => ({
    name: FIELD_PREFIX.probability + b.path,
    spec: {
      label: `P(${b.label}) at “${b.parentLabel}”`,
      note: b.note,
      source: b.source,
      unit: null,
      min: 0,
      max: 1,
    },
    source: {
      base: b.base,
      shown: String(b.base),
      expression: null,
      variable: null,
      same: numeric(b.base),
      probability: true,
    },
  }));
}

function weightFields(a: Analysis): FieldInput[] {
  return a.scenario.criteria.map((c) => ({
    name: FIELD_PREFIX.weight + c.id,
    spec: {
      label: `${c.label} (${c.direction === 'min' ? 'lower is better' : 'higher is better'})`,
      note: c.note,
      source: null,
      unit: c.unit,
      min: c.weightRange[0],
      max: c.weightRange[1],
    },
    source: {
      base: c.weight,
      shown: String(c.weight),
      expression: null,
      variable: `weight:${c.id}`,
      same: numeric(c.weight),
    },
  }));
}

function parameterSpec(p: Parameter): FieldSpec {
  return {
    label: p.label ?? p.name,
    note: p.note,
    source: p.source,
    unit: p.unit,
    min: p.range?.[0] ?? null,
    max: p.range?.[1] ?? null,
  };
}
