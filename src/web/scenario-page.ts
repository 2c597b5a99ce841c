import { basename, dirname, relative } from 'node:path';
import { analyse, sameAsFile, type Analysis, type AnalysisRequest } from '../analysis/analyse';
import type { ScenarioDocument } from '../document';
import type { Overrides } from '../engine';
import { formatDiagnostic } from '../load';
import type { Diagnostic } from '../model/diagnostic';
import { BANDS, bandOfPhrase } from '../model/phrases';
import type { Parameter, Scenario, TreeNode } from '../model/types';
import {
  breakEvenHint,
  inputText,
  isProbability,
  probabilityText,
  scoreColumn,
  shortInput,
} from '../present';
import { indicatorSentence } from '../present/indicator-text';
import { FIELD_PREFIX, fieldOf, inScenarioOrder, type FormInput } from './form-overrides';
import { renderMarkdown } from './markdown';
import {
  readRobustness,
  robustnessView,
  wantsRobustness,
  ROBUSTNESS_FIELDS,
  type RobustnessInput,
  type RobustnessView,
} from './robustness-view';
import { resultsView, type ResultsView } from './scenario-results';

export type { ResultsView } from './scenario-results';

/**
 * Everything the scenario page shows, drawn from one `analyse()` of the document with the
 * form's values, and formatted here; the templates only lay it out. The same view serves the
 * first render and the live updates.
 */

export interface FieldView {
  name: string;
  /** An HTML id derived from the name (paths hold `/`). */
  htmlId: string;
  label: string;
  note: string | null;
  source: string | null;
  unit: string | null;
  value: string;
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

/** One indicator as a three-way control: not looked for, seen, looked for and not seen. */
export interface IndicatorView {
  id: string;
  /** The form field, `observe.<id>`. */
  name: string;
  htmlId: string;
  label: string;
  note: string | null;
  source: string | null;
  /** The probability it updates, and how likely it is seen if the event happens or not. */
  parameter: string;
  likelihoods: string;
  state: 'unknown' | 'seen' | 'not';
  /** Either answer would change the recommendation shown: watch it. */
  watch: boolean;
  /** What each answer would do (when not yet answered), or what the answer did. */
  sentences: string[];
  error: string | null;
}

export interface ScenarioPageView {
  id: string;
  title: string;
  /** The browser tab's title: the variant's name first on a variant's page. */
  tabTitle: string;
  /** The description rendered from Markdown (raw HTML in it is escaped). */
  descriptionHtml: string | null;
  file: string;
  fields: { parameters: FieldView[]; probabilities: FieldView[]; weights: FieldView[] };
  indicators: IndicatorView[];
  changed: boolean;
  errors: string[];
  /** The results shown are not for the values in the form (those do not evaluate). */
  stale: boolean;
  /** The fields whose values are wrong, by label, for the banner that links to each. */
  invalid: { label: string; htmlId: string; message: string }[];
  /** The form differs from what the page opened with (the file's values, or the variant's). */
  dirty: boolean;
  /** Where "Reset" goes, and what it says. */
  reset: { href: string; text: string };
  /** What the results shown are for, when stale: the file's values, or the variant's. */
  shownFor: string;
  results: ResultsView;
  /** The query string of the changed fields, for a shareable URL. */
  query: string;
  /** Set when the page shows a saved variant. */
  variant: { title: string; baseId: string } | null;
  /** Beside the scenario file's own results, whenever what was computed differs from the file. */
  comparison: {
    options: { label: string; file: string; shown: string; delta: string }[];
    changes: { label: string; file: string; used: string }[];
  } | null;
  /** The numbers behind the results, unformatted, for the JSON API; null when stale. */
  numbers: PageNumbers | null;
  /** The Simulate, spider and two-way panel. */
  robustness: RobustnessView;
  /** The form's changed fields, for the robustness form to send again (it is a GET form). */
  hidden: [string, string][];
}

/** The numbers the page shows, as the engine computed them (the JSON API gives them). */
export interface PageNumbers {
  choice: string | null;
  score: number;
  options: { id: string; score: number }[];
  break_evens: { name: string; values: number[] }[];
  indicators: { id: string; flips: boolean }[];
  expectations: { line: number | null; ok: boolean }[];
}

/** What the page asks of the analysis: everything it shows. */
const PAGE_REQUEST: AnalysisRequest = { sensitivity: true, expectations: true, indicators: true };

export function scenarioPage(
  id: string,
  doc: ScenarioDocument & { ok: true },
  sent: FormInput,
  variantOf: string | null = null,
  robust: RobustnessInput = readRobustness({}),
): ScenarioPageView {
  const scenario = doc.scenario;
  // A variant's values fill the form as changes to the scenario file; what was sent goes on top.
  const form: FormInput = {
    ...sent,
    values: { ...variantFields(doc.variant?.overrides ?? {}), ...sent.values },
  };
  const formErrors = Object.keys(form.errors).length > 0;
  const tried = formErrors
    ? undefined
    : analyse(doc, { ...PAGE_REQUEST, overrides: inScenarioOrder(sent.overrides, scenario) });
  // The document's own values (the file's, or the variant's) are drawn only when the values
  // sent do not evaluate; the page then says so.
  const a = tried?.ok ? tried.value : baseAnalysis(doc);
  const stale = formErrors || (tried !== undefined && !tried.ok);
  const problems: Diagnostic[] = tried && !tried.ok ? tried.errors : [];

  const names = {
    parameters: new Set(scenario.parameters.map((p) => p.name)),
    criteria: new Set(scenario.criteria.map((c) => c.id)),
    branches: new Set(a.literals.map((b) => b.path)),
    indicators: new Set(scenario.indicators.map((i) => i.id)),
  };
  const fieldErrors: Record<string, string> = { ...form.errors };
  const general: string[] = [];
  const readers = probabilityReaders(scenario);
  const readable = withLabels(a.tree);
  // Files named relative to the scenario's folder: the page never shows a server's paths.
  const near = (d: Diagnostic): Diagnostic =>
    d.file === null ? d : { ...d, file: relative(dirname(doc.file), d.file) || basename(d.file) };
  for (const d of problems) {
    const direct = fieldOf(d.path, names);
    // A probability that went wrong belongs next to the parameters it reads, the changed ones
    // first: that is where the analyst typed the value that broke it.
    const byPath = d.code === 'PROBABILITY_SUM' ? readers.branches : readers.own;
    const read = d.path === null ? [] : (byPath.get(d.path) ?? []);
    const changed = read.filter((name) => form.values[FIELD_PREFIX.parameter + name] !== undefined);
    const targets = direct
      ? [direct]
      : (changed.length > 0 ? changed : read).map((name) => FIELD_PREFIX.parameter + name);
    const free = targets.filter((f) => !fieldErrors[f]);
    for (const f of free) fieldErrors[f] = readable(d.message);
    if (free.length === 0) general.push(readable(formatDiagnostic(near(d))));
  }
  for (const d of a.problems.indicators) general.push(readable(formatDiagnostic(near(d))));
  // Robustness runs apart from the page's analysis: a bad input name there must not mark the
  // results stale, and the bottom line stays the one the page's own analysis drew.
  let ran: Analysis | null = null;
  const robustErrors = [...robust.errors];
  if (!stale && wantsRobustness(robust) && robust.errors.length === 0) {
    const r = analyse(doc, {
      ...robust.request,
      overrides: inScenarioOrder(sent.overrides, scenario),
    });
    if (r.ok) ran = r.value;
    else robustErrors.push(...r.errors.map((d) => d.message));
  } else if (stale && wantsRobustness(robust))
    robustErrors.push('Fix the values marked in the form first: these analyses use them.');
  // Break-evens beside the fields are for the values in the form, so only when those evaluated.
  const fields = fieldViews(a, form, fieldErrors, stale);
  const all = [...fields.parameters, ...fields.probabilities, ...fields.weights];
  const indicators = indicatorViews(a, form, fieldErrors, stale);
  const invalid = [
    ...all
      .filter((f) => f.error)
      .map((f) => ({ label: f.label, htmlId: f.htmlId, message: f.error! })),
    ...indicators
      .filter((i) => i.error)
      .map((i) => ({ label: i.label, htmlId: i.htmlId, message: i.error! })),
  ];
  const own = variantFields(doc.variant?.overrides ?? {});
  const dirty = Object.entries(sent.values).some(([k, v]) => own[k] !== v);
  const changedFields: [string, string][] = [
    ...all.filter((f) => f.changed).map((f): [string, string] => [f.name, f.value]),
    ...indicators
      .filter((i) => i.state !== 'unknown')
      .map((i): [string, string] => [i.name, i.state]),
  ];
  const variantTitle = doc.variant && variantOf !== null ? (doc.variant.title ?? id) : null;
  return {
    id,
    title: scenario.title,
    tabTitle:
      variantTitle === null ? scenario.title : `${variantTitle} (variant) · ${scenario.title}`,
    descriptionHtml: scenario.description === null ? null : renderMarkdown(scenario.description),
    file: doc.file,
    fields,
    indicators,
    changed: changedFields.length > 0,
    errors: general,
    stale,
    invalid,
    dirty,
    reset: {
      href: `/scenarios/${id}`,
      text:
        variantTitle === null
          ? "Reset to the file's values"
          : "Reset to the variant's saved values",
    },
    shownFor: doc.variant ? "the variant's saved values" : "the scenario file's values",
    results: resultsView(a),
    query: new URLSearchParams(changedFields).toString(),
    variant:
      doc.variant && variantOf !== null
        ? { title: doc.variant.title ?? id, baseId: variantOf }
        : null,
    comparison: comparison(a),
    numbers: stale ? null : pageNumbers(a),
    robustness: robustnessView(stale ? null : a, ran, robust, robustErrors),
    hidden: changedFields,
  };
}

export { readRobustness, ROBUSTNESS_FIELDS };

/**
 * What the live page updates besides the result panels (the JSON of `POST .../explore`): each
 * field's state, each indicator's, and the numbers behind the results.
 */
export function liveState(page: ScenarioPageView) {
  return {
    stale: page.stale,
    changed: page.changed,
    dirty: page.dirty,
    invalid: page.invalid,
    query: page.query,
    messages: page.errors,
    fields: [...page.fields.parameters, ...page.fields.probabilities, ...page.fields.weights].map(
      (f) => ({
        name: f.name,
        value: f.value,
        changed: f.changed,
        error: f.error,
        breakEven: f.breakEven,
        phrase: f.phrases?.find((o) => o.selected)?.phrase || null,
      }),
    ),
    indicators: page.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      state: i.state,
      watch: i.watch,
      sentences: i.sentences,
      error: i.error,
    })),
    numbers: page.numbers,
  };
}

/** The document's own values analysed: what the page shows when the form's do not evaluate. */
function baseAnalysis(doc: ScenarioDocument & { ok: true }): Analysis {
  const base = analyse(doc, PAGE_REQUEST);
  if (!base.ok) throw new Error('a valid document has a base case');
  return base.value;
}

function pageNumbers(a: Analysis): PageNumbers {
  const e = a.evaluation;
  return {
    choice: e.choice,
    score: e.score,
    options: e.options.map((o) => ({ id: o.id, score: o.score })),
    break_evens: (a.sensitivity?.parameters ?? [])
      .filter((p) => p.thresholds.length > 0)
      .map((p) => ({ name: p.name, values: p.thresholds.map((t) => t.value) })),
    indicators: (a.indicators?.indicators ?? []).map((i) => ({ id: i.id, flips: i.flips })),
    expectations: (a.expectations ?? []).map((x) => ({ line: x.line, ok: x.ok })),
  };
}

/**
 * The parameters each probability reads: a branch's own (`own`, by the branch's path), and all
 * of a chance node's branches' (`branches`, by the chance node's path, for errors about the sum).
 */
function probabilityReaders(scenario: Scenario): {
  own: Map<string, string[]>;
  branches: Map<string, string[]>;
} {
  const own = new Map<string, string[]>();
  const branches = new Map<string, string[]>();
  const names = (n: TreeNode) =>
    n.probability?.kind === 'expression'
      ? n.probability.expression.uses.map((i) => scenario.parameters[i]!.name)
      : [];
  const walk = (n: TreeNode, path: string) => {
    if (n.type === 'chance') branches.set(path, [...new Set(n.children.flatMap(names))]);
    for (const c of n.children) {
      const childPath = `${path}/${c.id}`;
      own.set(childPath, names(c));
      walk(c, childPath);
    }
  };
  walk(scenario.root, scenario.root.id);
  return { own, branches };
}

/**
 * The file's scores beside the ones shown, and what differs from the file: both from the
 * analysis that drew the results, so the page never claims a change it did not compute.
 */
function comparison(a: Analysis): ScenarioPageView['comparison'] {
  const c = a.changes;
  const count =
    c.parameters.length + c.weights.length + c.probabilities.length + c.observations.length;
  if (count === 0 || !a.file) return null;
  const file = a.file;
  const shown = a.evaluation;
  const pairs = file.options.map((o) => ({ o, now: shown.options.find((x) => x.id === o.id)! }));
  const score = scoreColumn(pairs.flatMap(({ o, now }) => [o.score, now.score]));
  const change = scoreColumn(pairs.map(({ o, now }) => now.score - o.score));
  const value = (x: number | null, probability: boolean) =>
    x === null ? '–' : shortInput(x, probability);
  const definition = (d: number | string, x: number | null, probability: boolean) =>
    typeof d === 'number' ? value(x, probability) : `${d} = ${value(x, probability)}`;
  return {
    options: pairs.map(({ o, now }) => {
      const delta = change(now.score - o.score);
      return {
        label: `${o.label}${o.id === file.choice ? ' (best in the file)' : ''}${o.id === shown.choice ? ' (best now)' : ''}`,
        file: score(o.score),
        shown: score(now.score),
        delta: delta.startsWith('-') ? delta : `+${delta}`,
      };
    }),
    changes: [
      ...c.parameters.map((p) => ({
        label: p.label ?? p.name,
        file: definition(p.base, p.base_value, p.probability),
        used:
          typeof p.used === 'number' || bandOfPhrase(p.used)
            ? value(p.used_value, p.probability)
            : `${p.used} = ${value(p.used_value, p.probability)}`,
      })),
      ...c.weights.map((w) => ({
        label: `Weight of ${w.label}`,
        file: inputText(w.base),
        used: inputText(w.used),
      })),
      ...c.probabilities.map((p) => ({
        label: `P(${p.label})`,
        file: probabilityText(p.base, 'table'),
        used: probabilityText(p.used, 'table'),
      })),
      ...c.observations.map((o) => ({
        label: `${o.label}: ${o.seen ? 'seen' : 'looked for, not seen'}, so ${o.parameter}`,
        file: value(o.base, true),
        used: value(o.used, true),
      })),
    ],
  };
}

/**
 * A message with the tree paths it quotes ('us-answer/firm-stance/…') replaced by the labels of
 * those nodes: the analyst sees labels on the page, never internal paths.
 */
function withLabels(tree: Analysis['tree']): (message: string) => string {
  const labels = new Map<string, string>();
  const walk = (n: Analysis['tree']) => {
    labels.set(n.path, n.node.label);
    n.children.forEach(walk);
  };
  walk(tree);
  return (message) =>
    message.replace(/'([^'\s]+\/[^'\s]+)'/g, (all, path: string) => {
      const label = labels.get(path);
      return label === undefined ? all : `“${label}”`;
    });
}

/** A variant's own values as the form's fields (none for a scenario file). */
export function variantFormValues(doc: ScenarioDocument & { ok: true }): Record<string, string> {
  return variantFields(doc.variant?.overrides ?? {});
}

/** A variant's overrides as form fields. */
function variantFields(o: Overrides): Record<string, string> {
  return Object.fromEntries([
    ...Object.entries(o.set ?? {}).map(([k, v]) => [FIELD_PREFIX.parameter + k, String(v)]),
    ...Object.entries(o.weight ?? {}).map(([k, v]) => [FIELD_PREFIX.weight + k, String(v)]),
    ...Object.entries(o.probability ?? {}).map(([k, v]) => [
      FIELD_PREFIX.probability + k,
      String(v),
    ]),
    ...(o.observe ?? []).map((x) => [FIELD_PREFIX.observe + x.id, x.seen ? 'seen' : 'not']),
  ]) as Record<string, string>;
}

/** A slider's step: about a hundredth of its range, a power of ten (0.01 for [0, 1]). */
export function stepOf(min: number, max: number): number {
  const span = max - min;
  if (!(span > 0)) return 0.01;
  return Number((10 ** (Math.floor(Math.log10(span)) - 2)).toPrecision(1));
}

const htmlId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

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

function fieldViews(
  a: Analysis,
  form: FormInput,
  errors: Record<string, string>,
  stale: boolean,
): ScenarioPageView['fields'] {
  const { scenario } = a;
  const sensitivity = stale ? null : a.sensitivity;
  // The file's own values; a variant whose file does not evaluate alone falls back to its own.
  const fileValues = (a.file ?? a.evaluation).parameters;
  const breakEven = (variable: string, current: number): string | null => {
    const entry = sensitivity?.parameters.find((p) => p.name === variable);
    return entry && sensitivity ? breakEvenHint(entry, current, sensitivity) : null;
  };
  type Spec = Pick<FieldView, 'label' | 'note' | 'source' | 'unit' | 'min' | 'max'>;
  const ranged = (spec: Spec, probability: boolean) =>
    spec.min === null || spec.max === null
      ? { step: null, range: null }
      : {
          step: stepOf(spec.min, spec.max),
          range: `range ${inputText(spec.min, probability)} to ${inputText(spec.max, probability)}`,
        };
  const field = (
    name: string,
    spec: Spec,
    f: {
      base: number;
      /** What the box shows when nothing was sent: the file's number, phrase or nothing. */
      shown: string;
      expression: string | null;
      variable: string | null;
      same: (sent: string) => boolean;
      probability?: boolean;
      confidence?: string | null;
      phrases?: boolean;
    },
  ): FieldView => {
    const sent = form.values[name];
    const value = sent ?? f.shown;
    const current = sent === undefined ? f.base : numberIn(sent);
    const probability = f.probability ?? false;
    return {
      ...spec,
      ...ranged(spec, probability),
      name,
      htmlId: htmlId(name),
      value,
      sliderValue: Number.isFinite(current) ? current : f.base,
      placeholder: f.expression === null ? '' : `= ${f.expression} (${shortInput(f.base)})`,
      base:
        f.expression === null
          ? inputText(f.base, probability)
          : `${f.expression} = ${shortInput(f.base, probability)}`,
      probability,
      confidence: f.confidence ?? null,
      phrases: f.phrases ? phraseOptions(value) : null,
      changed: sent !== undefined && !f.same(sent),
      error: errors[name] ?? null,
      breakEven:
        f.variable !== null && Number.isFinite(current) ? breakEven(f.variable, current) : null,
    };
  };
  const numeric = (base: number) => (sent: string) => Number(sent) === base;
  return {
    parameters: scenario.parameters.map((p) =>
      field(FIELD_PREFIX.parameter + p.name, parameterSpec(p), {
        base: fileValues[p.name]!,
        shown: p.value.kind === 'expression' ? '' : (p.phrase ?? String(fileValues[p.name]!)),
        expression: p.value.kind === 'expression' ? p.value.expression.text : null,
        variable: p.range ? p.name : null,
        same: (sent) => sameAsFile(p, Number.isFinite(Number(sent)) ? Number(sent) : sent),
        // Guarded: scenarios loaded before these fields existed lack them.
        probability: isProbability(p),
        confidence: p.confidence ?? null,
        phrases: isProbability(p),
      }),
    ),
    probabilities: a.literals.map((b) =>
      field(
        FIELD_PREFIX.probability + b.path,
        {
          label: `P(${b.label}) at “${b.parentLabel}”`,
          note: b.note,
          source: b.source,
          unit: null,
          min: 0,
          max: 1,
        },
        {
          base: b.base,
          shown: String(b.base),
          expression: null,
          variable: null,
          same: numeric(b.base),
          probability: true,
        },
      ),
    ),
    weights: scenario.criteria.map((c) =>
      field(
        FIELD_PREFIX.weight + c.id,
        {
          label: `${c.label} (${c.direction === 'min' ? 'lower is better' : 'higher is better'})`,
          note: c.note,
          source: null,
          unit: c.unit,
          min: c.weightRange[0],
          max: c.weightRange[1],
        },
        {
          base: c.weight,
          shown: String(c.weight),
          expression: null,
          variable: `weight:${c.id}`,
          same: numeric(c.weight),
        },
      ),
    ),
  };
}

function parameterSpec(
  p: Parameter,
): Pick<FieldView, 'label' | 'note' | 'source' | 'unit' | 'min' | 'max'> {
  return {
    label: p.label ?? p.name,
    note: p.note,
    source: p.source,
    unit: p.unit,
    min: p.range?.[0] ?? null,
    max: p.range?.[1] ?? null,
  };
}

/**
 * The indicators as the form shows them: the answer given (from the form), and from the
 * analysis, which unanswered ones would change the recommendation and what each answer does.
 */
function indicatorViews(
  a: Analysis,
  form: FormInput,
  errors: Record<string, string>,
  stale: boolean,
): IndicatorView[] {
  const { scenario } = a;
  const found = stale ? null : a.indicators;
  return scenario.indicators.map((indicator) => {
    const name = FIELD_PREFIX.observe + indicator.id;
    const sent = form.values[name];
    const state = sent === 'seen' ? 'seen' : sent === 'not' ? 'not' : 'unknown';
    const parameter = scenario.parameters[indicator.parameter]!;
    const r = found?.indicators.find((x) => x.id === indicator.id);
    const used = a.evaluation.parameters[parameter.name]!;
    const sentences =
      state !== 'unknown'
        ? stale
          ? []
          : [
              `${state === 'seen' ? 'Seen' : 'Looked for and not seen'}: ${parameter.label ?? parameter.name} is now ${probabilityText(used, 'prose')}.`,
            ]
        : r && found
          ? [true, false].map((seen) => indicatorSentence(scenario, found, r, seen))
          : [];
    return {
      id: indicator.id,
      name,
      htmlId: htmlId(name),
      label: indicator.label,
      note: indicator.note,
      source: indicator.source,
      parameter: parameter.label ?? parameter.name,
      likelihoods: `seen ${inputText(indicator.ifTrue)} of the time if it happens, ${inputText(indicator.ifFalse)} if not`,
      state,
      watch: state === 'unknown' && (r?.flips ?? false),
      sentences,
      error: errors[name] ?? null,
    };
  });
}
