import { analyseDocument, evaluateDocumentTree, type ScenarioDocument } from '../document';
import {
  evaluate,
  sensitivity,
  type Evaluation,
  type NodeResult,
  type Overrides,
  type Sensitivity,
} from '../engine';
import { formatDiagnostic } from '../load';
import type { Diagnostic } from '../model/diagnostic';
import type { Scenario, TreeNode } from '../model/types';
import {
  amountText,
  bottomLine,
  bottomLineText,
  breakEvenStatement,
  breakEvenText,
  inputText,
  isProbability,
  probabilityText,
  scoreColumn,
  scoreText,
  shareText,
  shortInput,
  type BottomLineText,
  type Verdict,
} from '../present';
import { treeScore } from '../report/format';
import { FIELD_PREFIX, fieldOf, type FormInput } from './form-overrides';
import { renderMarkdown } from './markdown';
import { layoutTree, type SvgTree } from '../report/tree-layout';
import { renderTornadoSvg } from '../report/tornado-svg';
import { renderTreeSvg } from '../report/tree-svg';

/**
 * Everything the scenario page shows, computed by the engine and formatted here; the templates
 * only lay it out. The same view serves the first render and the live updates.
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
  changed: boolean;
  error: string | null;
  /** Where the recommendation flips, and how far the current value is from it. */
  breakEven: string | null;
  /** The value is a probability: the file's value is shown with its phrase. */
  probability: boolean;
  /** How sure the analyst is of a parameter (low, moderate, high); null when not stated. */
  confidence: string | null;
}

export interface BarView {
  label: string;
  /** The whole label, for the tooltip. */
  title: string;
  value: string;
  x: number;
  y: number;
  width: number;
  chosen: boolean;
}

export interface ResultsView {
  recommendation: string | null;
  score: string;
  /** recommended, too close to call, or no decision at the root. */
  verdict: Verdict;
  /** The bottom line in words: label, headline and the labelled sentences under it. */
  bottomLine: BottomLineText;
  criteria: { id: string; label: string; unit: string | null; direction: string; share: string }[];
  options: { id: string; label: string; score: string; values: string[]; chosen: boolean }[];
  bars: { width: number; height: number; zero: number; labelX: number; items: BarView[] };
  outcomes: { probability: string; label: string; path: string; score: string }[];
  moreOutcomes: number;
  /** The same tornado chart as the reports draw, or null when no input moves the score. */
  tornadoSvg: string | null;
  statements: string[];
  tree: SvgTree;
  /** The tree as SVG markup, escaped by the renderer. */
  treeSvg: string;
}

export interface ScenarioPageView {
  id: string;
  title: string;
  /** The description rendered from Markdown (raw HTML in it is escaped). */
  descriptionHtml: string | null;
  file: string;
  fields: { parameters: FieldView[]; probabilities: FieldView[]; weights: FieldView[] };
  changed: boolean;
  errors: string[];
  /** The results shown are not for the values in the form (those do not evaluate). */
  stale: boolean;
  results: ResultsView;
  /** The query string of the changed fields, for a shareable URL. */
  query: string;
  /** Set when the page shows a saved variant. */
  variant: { title: string; baseId: string } | null;
  /** Beside the scenario file's own results, whenever anything differs from the file. */
  comparison: {
    options: { label: string; file: string; shown: string; delta: string }[];
    changes: { label: string; file: string; used: string }[];
  } | null;
}

const short = (x: number) => shortInput(x);

export function scenarioPage(
  id: string,
  doc: ScenarioDocument & { ok: true },
  sent: FormInput,
  variantOf: string | null = null,
): ScenarioPageView {
  const scenario = doc.scenario;
  // A variant's values fill the form as changes to the scenario file; what was sent goes on top.
  const form: FormInput = {
    ...sent,
    values: { ...variantFields(doc.variant?.overrides ?? {}), ...sent.values },
  };
  // The file's own base case is already in the document, unless a variant's values are in it.
  const fileBase = doc.variant ? evaluate(scenario) : { ok: true as const, value: doc.base };
  if (!fileBase.ok) throw new Error('a valid scenario evaluates without overrides');
  const tried =
    Object.keys(form.errors).length === 0 ? evaluateDocumentTree(doc, form.overrides) : undefined;
  const analysis = tried?.ok ? analyseDocument(doc, form.overrides, sensitivity) : undefined;
  // The document's base case is drawn only when the values sent do not evaluate.
  const shown = tried?.ok ? tried.value : baseCase(doc);
  const shownSensitivity = analysis?.ok ? analysis.value : undefined;
  const problems: Diagnostic[] = tried && !tried.ok ? tried.errors : [];

  const names = {
    parameters: new Set(scenario.parameters.map((p) => p.name)),
    criteria: new Set(scenario.criteria.map((c) => c.id)),
    branches: new Set(literalBranches(scenario).map((b) => b.path)),
  };
  const fieldErrors: Record<string, string> = { ...form.errors };
  const general: string[] = [];
  const readers = probabilityReaders(scenario);
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
    for (const f of free) fieldErrors[f] = d.message;
    if (free.length === 0) general.push(formatDiagnostic(d));
  }
  const fields = fieldViews(scenario, fileBase.value, form, fieldErrors, shownSensitivity);
  const all = [...fields.parameters, ...fields.probabilities, ...fields.weights];
  return {
    id,
    title: scenario.title,
    descriptionHtml: scenario.description === null ? null : renderMarkdown(scenario.description),
    file: doc.file,
    fields,
    changed: all.some((f) => f.changed),
    errors: general,
    stale: problems.length > 0 || Object.keys(form.errors).length > 0,
    results: resultsView(shown.evaluation, shown.tree, shownSensitivity),
    query: new URLSearchParams(
      all.filter((f) => f.changed).map((f): [string, string] => [f.name, f.value]),
    ).toString(),
    variant:
      doc.variant && variantOf !== null
        ? { title: doc.variant.title ?? id, baseId: variantOf }
        : null,
    comparison: all.some((f) => f.changed)
      ? comparison(fileBase.value, shown.evaluation, all)
      : null,
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

function comparison(
  file: Evaluation,
  shown: Evaluation,
  fields: FieldView[],
): NonNullable<ScenarioPageView['comparison']> {
  const pairs = file.options.map((o) => ({ o, now: shown.options.find((x) => x.id === o.id)! }));
  const score = scoreColumn(pairs.flatMap(({ o, now }) => [o.score, now.score]));
  const change = scoreColumn(pairs.map(({ o, now }) => now.score - o.score));
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
    changes: fields
      .filter((f) => f.changed)
      .map((f) => ({ label: f.label, file: f.base, used: f.value })),
  };
}

function baseCase(doc: ScenarioDocument & { ok: true }): {
  evaluation: Evaluation;
  tree: NodeResult;
} {
  const base = evaluateDocumentTree(doc);
  if (!base.ok) throw new Error('a valid document has a base case');
  return base.value;
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
  ]) as Record<string, string>;
}

/** Branches whose probability is a number written in the file: the form can change those. */
function literalBranches(
  scenario: Scenario,
): { path: string; node: TreeNode; parent: TreeNode; value: number }[] {
  const out: { path: string; node: TreeNode; parent: TreeNode; value: number }[] = [];
  const walk = (n: TreeNode, path: string) => {
    for (const c of n.children) {
      const childPath = `${path}/${c.id}`;
      if (c.probability?.kind === 'number')
        out.push({ path: childPath, node: c, parent: n, value: c.probability.value });
      walk(c, childPath);
    }
  };
  walk(scenario.root, scenario.root.id);
  return out;
}

function fieldViews(
  scenario: Scenario,
  base: Evaluation,
  form: FormInput,
  errors: Record<string, string>,
  analysis: Sensitivity | undefined,
): ScenarioPageView['fields'] {
  const breakEven = (variable: string, current: number): string | null => {
    const entry = analysis?.parameters.find((p) => p.name === variable);
    if (!entry || entry.thresholds.length === 0) return null;
    const nearest = [...entry.thresholds].sort(
      (a, b) => Math.abs(a.value - current) - Math.abs(b.value - current),
    )[0]!;
    const gap = nearest.value - current;
    const side = gap >= 0 ? 'above' : 'below';
    return `flips at ${breakEvenText(nearest.value, entry.probability)} (${nearest.below} → ${nearest.above}), ${breakEvenText(Math.abs(gap))} ${side} the current value`;
  };
  const field = (
    name: string,
    spec: Omit<
      FieldView,
      | 'name'
      | 'htmlId'
      | 'value'
      | 'sliderValue'
      | 'changed'
      | 'error'
      | 'breakEven'
      | 'base'
      | 'placeholder'
      | 'probability'
      | 'confidence'
    >,
    baseValue: number,
    expression: string | null,
    variable: string | null,
    extra: { probability: boolean; confidence: string | null } = {
      probability: false,
      confidence: null,
    },
  ): FieldView => {
    const sent = form.values[name];
    const value = sent ?? (expression === null ? String(baseValue) : '');
    const current = Number(sent ?? baseValue);
    return {
      ...spec,
      name,
      htmlId: `f-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      value,
      sliderValue: Number.isFinite(current) ? current : baseValue,
      placeholder: expression === null ? '' : `= ${expression} (${short(baseValue)})`,
      base:
        expression === null
          ? inputText(baseValue, extra.probability)
          : `${expression} = ${shortInput(baseValue, extra.probability)}`,
      ...extra,
      changed: sent !== undefined && (expression !== null || Number(sent) !== baseValue),
      error: errors[name] ?? null,
      breakEven:
        variable !== null && Number.isFinite(current) ? breakEven(variable, current) : null,
    };
  };
  return {
    parameters: scenario.parameters.map((p) =>
      field(
        FIELD_PREFIX.parameter + p.name,
        {
          label: p.label ?? p.name,
          note: p.note,
          source: p.source,
          unit: p.unit,
          min: p.range?.[0] ?? null,
          max: p.range?.[1] ?? null,
        },
        base.parameters[p.name]!,
        p.value.kind === 'expression' ? p.value.expression.text : null,
        p.range ? p.name : null,
        // Guarded: scenarios loaded before these fields existed lack them.
        { probability: isProbability(p), confidence: p.confidence ?? null },
      ),
    ),
    probabilities: literalBranches(scenario).map((b) =>
      field(
        FIELD_PREFIX.probability + b.path,
        {
          label: `P(${b.node.label}) at “${b.parent.label}”`,
          note: b.node.note,
          source: b.node.source,
          unit: null,
          min: 0,
          max: 1,
        },
        b.value,
        null,
        null,
        { probability: true, confidence: null },
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
        c.weight,
        null,
        `weight:${c.id}`,
      ),
    ),
  };
}

const BAR_WIDTH = 560;
/** Room for option labels left of the bars, and for the value right of the longest bar. */
const BAR_LABEL = 230;
const BAR_VALUE = 70;
const BAR_ROW = 30;
const TOP_OUTCOMES = 12;
const TORNADO_ROWS = 10;

function resultsView(
  e: Evaluation,
  tree: NodeResult,
  analysis: Sensitivity | undefined,
): ResultsView {
  const best = e.options.find((o) => o.id === e.choice);
  const scores = e.options.map((o) => o.score);
  const lo = Math.min(0, ...scores);
  const hi = Math.max(0, ...scores);
  const span = hi - lo || 1;
  const x = (v: number) => ((v - lo) / span) * (BAR_WIDTH - BAR_LABEL - BAR_VALUE);
  const sorted = [...e.outcomes].sort((a, b) => b.probability - a.probability);
  const laid = layoutTree(tree, treeScore(tree));
  const score = scoreColumn(scores);
  const pathScore = scoreColumn(e.outcomes.map((o) => o.score));
  const line = bottomLine(e, analysis ?? null);
  return {
    recommendation: best?.label ?? null,
    score: scoreText(e.score, 'prose'),
    verdict: line.verdict,
    bottomLine: bottomLineText(line),
    criteria: e.criteria.map((c) => ({
      id: c.id,
      label: c.label,
      unit: c.unit,
      direction: c.direction === 'min' ? 'lower is better' : 'higher is better',
      share: shareText(c.normalized_weight),
    })),
    options: e.options.map((o) => ({
      id: o.id,
      label: o.label,
      score: score(o.score),
      values: e.criteria.map((c) => amountText(o.expected[c.id]!)),
      chosen: o.id === e.choice,
    })),
    bars: {
      width: BAR_WIDTH,
      height: e.options.length * BAR_ROW + 10,
      zero: BAR_LABEL + x(0),
      labelX: BAR_LABEL - 10,
      items: e.options.map((o, i) => ({
        label: o.label.length > 30 ? `${o.label.slice(0, 29)}…` : o.label,
        title: o.label,
        value: score(o.score),
        x: BAR_LABEL + Math.min(x(0), x(o.score)),
        y: i * BAR_ROW + 5,
        width: Math.max(1, Math.abs(x(o.score) - x(0))),
        chosen: o.id === e.choice,
      })),
    },
    outcomes: sorted.slice(0, TOP_OUTCOMES).map((o) => ({
      probability: probabilityText(o.probability, 'table'),
      label: o.label,
      path: o.path,
      score: pathScore(o.score),
    })),
    moreOutcomes: Math.max(0, sorted.length - TOP_OUTCOMES),
    tornadoSvg: analysis
      ? renderTornadoSvg(
          {
            base: analysis.base,
            entries: analysis.parameters.map((p) => ({
              ...p,
              statement: p.thresholds.length > 0 ? breakEvenStatement(p, analysis) : '',
            })),
          },
          { rows: TORNADO_ROWS },
        )
      : null,
    statements: analysis
      ? analysis.parameters
          .filter((p) => p.thresholds.length > 0)
          .map((p) => breakEvenStatement(p, analysis))
      : [],
    tree: laid,
    treeSvg: renderTreeSvg(laid, { focusable: true }),
  };
}
