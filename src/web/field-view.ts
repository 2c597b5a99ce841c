import { bandOfPhrase, BANDS } from '../model/phrases';
import { inputText, shortInput } from '../present';
import { htmlId } from './html-id';

export interface FieldView {
  name: string;
  /** An HTML id derived from the name (paths hold `/`). */
  htmlId: string;
  label: string;
  note: string | null;
  source: string | null;
  unit: string | null;
  value: string;
  /** What the box holds with the file's value (the live page puts it back when a change is undone). */
  fileValue: string;
  /** Where the slider sits: the current value when it is a number, else the file's. */
  sliderValue: number;
  placeholder: string;
  base: string;
  min: number | null;
  max: number | null;
  /** The slider's step: a hundredth of its range, rounded down to a power of ten. */
  step: number | null;
  /** The range in words ("range 0.3 to 0.95"), when the input has one. */
  range: string | null;
  changed: boolean;
  error: string | null;
  /** Where the recommendation flips, and how far the current value is from it. */
  breakEven: string | null;
  /** The value is a probability: the file's value is shown with its phrase. */
  probability: boolean;
  /** How sure the analyst is of a parameter (low, moderate, high); null when not stated. */
  confidence: string | null;
  /**
   * The estimative phrases offered beside a probability parameter. The current choice carries
   * an empty value, so that without script a select left alone sends nothing (`readForm`).
   */
  phrases:
    { value: string; label: string; phrase: string; number: string; selected: boolean }[] | null;
}

/** What the input itself says of a field: its words and its range. */
export type FieldSpec = Pick<FieldView, 'label' | 'note' | 'source' | 'unit' | 'min' | 'max'>;

/** Where a field's value comes from, and how it compares with what was sent. */
export interface FieldSource {
  base: number;
  /** What the box shows when nothing was sent: the file's number, phrase or nothing. */
  shown: string;
  expression: string | null;
  variable: string | null;
  same: (sent: string) => boolean;
  probability?: boolean;
  confidence?: string | null;
  phrases?: boolean;
}

/** What every field of one page shares: the form's values, its errors, the break-evens. */
export interface FieldContext {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The break-even hint for a variable at a value, or null. */
  breakEven: (variable: string, current: number) => string | null;
}

/** A slider's step: about a hundredth of its range, a power of ten (0.01 for [0, 1]). */
export function stepOf(min: number, max: number): number {
  const span = max - min;
  if (!(span > 0)) return 0.01;
  return Number((10 ** (Math.floor(Math.log10(span)) - 2)).toPrecision(1));
}

/** The number a field's text stands for: a number, a phrase's value, or NaN (an expression). */
function numberIn(text: string): number {
  const band = bandOfPhrase(text);
  return band ? band.value : text.trim() === '' ? NaN : Number(text);
}

/** The phrases offered beside a probability parameter whose field holds `value`. */
function phraseOptions(value: string): NonNullable<FieldView['phrases']> {
  const chosen = bandOfPhrase(value)?.phrase ?? null;
  return [
    { value: '', label: 'a number', phrase: '', number: '', selected: chosen === null },
    ...BANDS.map((b) => ({
      value: b.phrase === chosen ? '' : b.phrase,
      label: `${b.phrase} (${inputText(b.low)}–${inputText(b.high)})`,
      phrase: b.phrase,
      number: String(b.value),
      selected: b.phrase === chosen,
    })),
  ];
}

/** The slider's step and the range in words, when the input has a range. */
function ranged(spec: FieldSpec, probability: boolean) {
  return spec.min === null || spec.max === null
    ? { step: null, range: null }
    : {
        step: stepOf(spec.min, spec.max),
        range: `range ${inputText(spec.min, probability)} to ${inputText(spec.max, probability)}`,
      };
}

/** One form field as the page shows it: what was sent, else the file's value. */
export function fieldView(
  ctx: FieldContext,
  name: string,
  spec: FieldSpec,
  f: FieldSource,
): FieldView {
  const { sent, value, changed, error } = entered(ctx, name, f);
  const current = sent === undefined ? f.base : numberIn(sent);
  const probability = f.probability ?? false;
  return {
    ...spec,
    ...ranged(spec, probability),
    name,
    htmlId: htmlId(name),
    value,
    fileValue: f.shown,
    sliderValue: Number.isFinite(current) ? current : f.base,
    placeholder: f.expression === null ? '' : `= ${f.expression} (${shortInput(f.base)})`,
    base:
      f.expression === null
        ? inputText(f.base, probability)
        : `${f.expression} = ${shortInput(f.base, probability)}`,
    probability,
    confidence: f.confidence ?? null,
    phrases: f.phrases ? phraseOptions(value) : null,
    changed,
    error,
    breakEven:
      f.variable !== null && Number.isFinite(current) ? ctx.breakEven(f.variable, current) : null,
  };
}

/** What the live page updates of a field: its value, whether it is changed, its error, its phrase. */
export interface FieldState {
  name: string;
  label: string;
  value: string;
  changed: boolean;
  error: string | null;
  /** The estimative phrase chosen beside a probability parameter, if any. */
  phrase: string | null;
}

/** One field's state, as `fieldView` would show it, without formatting the words around it. */
export function fieldState(
  ctx: Pick<FieldContext, 'values' | 'errors'>,
  name: string,
  spec: FieldSpec,
  f: FieldSource,
): FieldState {
  const { value, changed, error } = entered(ctx, name, f);
  return {
    name,
    label: spec.label,
    value,
    changed,
    error,
    phrase: f.phrases ? (bandOfPhrase(value)?.phrase ?? null) : null,
  };
}

/**
 * What was sent for a field, what it shows (that, else the file's value), whether that differs
 * from the file and its error: the page (`fieldView`) and its live updates (`fieldState`) must
 * agree on each.
 */
function entered(
  ctx: Pick<FieldContext, 'values' | 'errors'>,
  name: string,
  f: FieldSource,
): { sent: string | undefined; value: string; changed: boolean; error: string | null } {
  const sent = ctx.values[name];
  return {
    sent,
    value: sent ?? f.shown,
    changed: sent !== undefined && !f.same(sent),
    error: ctx.errors[name] ?? null,
  };
}
