import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { analyse, quantityText, sameAsFile, type Analysis } from '../analysis/analyse';
import type { ScenarioDocument } from '../document';
import type { CriterionValues, NodeResult, Overrides } from '../engine';
import type { AnalystInput, PoolMethod } from '../engine/pool';
import type { Result } from '../model/diagnostic';
import { bandOfPhrase, type Confidence } from '../model/phrases';
import type { Direction, NodeType } from '../model/types';
import { breakEvenStatement, isProbability, type BottomLine } from '../present';
import { indicatorSentence } from '../present/indicator-text';
import { treeScore } from './format';
import { layoutTree } from './tree-layout';
import { renderTreeSvg } from './tree-svg';

/**
 * Everything a scenario report shows, gathered once as plain data: the renderers (Markdown,
 * HTML, CSV, JSON, SVG) only lay it out. Field order here is the order of the JSON report.
 */
export interface ReportData {
  title: string;
  /** Markdown, as written in the file. */
  description: string | null;
  /** When the report was generated, ISO 8601 in UTC (`2026-11-25T00:00:00Z`). */
  generated: string;
  /** The scenario file's name (without folders) and the SHA-256 of its text, in hex. */
  file: { name: string; sha256: string };
  /** The variant file the report was made from, when it was: it overrides some values. */
  variant: ReportVariant | null;
  /** What differs from the file's own values; all lists empty for the base case. */
  changes: ReportChanges;
  /** The best root option; null when the root is not a decision. */
  recommendation: ReportRecommendation | null;
  /** The root's expected score and criterion values under the policy. */
  score: number;
  expected: CriterionValues;
  /**
   * The recommendation with its margin over the runner-up, the nearest tipping point and (with a
   * simulation) its chance of being best; "too close to call" when the lead is thin.
   */
  bottom_line: BottomLine;
  /** The break-even statements of every input that can change the recommendation. */
  statements: string[];
  /** Every decision in the tree with the option it takes. */
  policy: ReportPolicyStep[];
  criteria: ReportCriterion[];
  options: ReportOption[];
  tree: ReportNode;
  /** Leaves reached under the policy, likeliest first (file order among equals). */
  outcomes: ReportOutcome[];
  sensitivity: ReportSensitivity;
  simulation: ReportSimulation | null;
  /** The file's expectations (`expect:`), each holding or failing at these values. */
  expectations: ReportExpectation[];
  /** The indicators to watch; null when the scenario lists none. */
  indicators: ReportIndicators | null;
  /** The analysts' assessments pooled; null when the scenario has none. */
  panel: ReportPanel | null;
  parameters: ReportParameter[];
  /** Branch probabilities written as numbers in the file (after subtree expansion). */
  probabilities: ReportProbability[];
  sources: ReportSource[];
  /**
   * The tree as a standalone SVG document, drawn by the web app's renderer. Not part of the JSON
   * report, which carries `tree` as data.
   */
  tree_svg: string;
}

export interface ReportVariant {
  name: string;
  sha256: string;
  title: string | null;
  description: string | null;
}

export interface ReportChanges {
  parameters: ReportParameterChange[];
  weights: ReportWeightChange[];
  probabilities: ReportProbabilityChange[];
  /** Indicators looked for, in the order applied: the parameter each updates, file -> used. */
  observations: ReportObservation[];
  /** Parameters not overridden whose value moved because they are computed from ones that were. */
  knock_on: { name: string; label: string | null; base: number | null; used: number }[];
}

export interface ReportParameterChange {
  name: string;
  label: string | null;
  unit: string | null;
  /** The file's value or expression, and what it evaluates to (null if the file's own values do not evaluate). */
  base: number | string;
  base_value: number | null;
  /** The override (a number or an expression), and what it evaluates to. */
  used: number | string;
  used_value: number;
  /** A probability parameter: both values are shown with their phrase. */
  probability: boolean;
}

export interface ReportWeightChange {
  criterion: string;
  label: string;
  base: number;
  used: number;
  /** Normalised weights (shares of the total), before and after. */
  base_share: number;
  used_share: number;
}

export interface ReportProbabilityChange {
  path: string;
  label: string;
  base: number;
  used: number;
}

export interface ReportObservation {
  id: string;
  label: string;
  seen: boolean;
  parameter: string;
  base: number | null;
  used: number;
}

export interface ReportExpectation {
  /** Where the expectation is written in the scenario file. */
  line: number | null;
  ok: boolean;
  /** What it asks and, when it fails, where (as `branchpoint check` prints it). */
  message: string;
  /** The input values where it fails; null when it holds. */
  counterexample: Record<string, number> | null;
}

export interface ReportIndicatorOutcome {
  value: number;
  choice: string | null;
  score: number;
}

export interface ReportIndicators {
  /** The recommendation at these values, observations included. */
  base_choice: string | null;
  items: ReportIndicator[];
  /** Why the indicators could not be analysed at these values (the rest of the report stands). */
  problems: string[];
}

export interface ReportIndicator {
  id: string;
  label: string;
  /** The probability parameter it updates, and how likely it is seen if the event happens or not. */
  parameter: string;
  if_true: number;
  if_false: number;
  /** Already looked for (an observation of this report), or null. */
  observed: 'seen' | 'not-seen' | null;
  /** For an indicator not yet observed: the parameter now, and what each answer would do. */
  prior: number | null;
  if_seen: ReportIndicatorOutcome | null;
  if_not_seen: ReportIndicatorOutcome | null;
  /** Either answer changes the recommendation: watch it. */
  flips: boolean;
  /** What seeing it, and looking and not seeing it, would mean, in words. */
  sentences: string[];
  note: string | null;
  source: string | null;
}

export interface ReportPanel {
  pool: PoolMethod | null;
  /** Each assessed parameter: the file's value, each analyst's, pooled, spread; widest first. */
  parameters: {
    name: string;
    base: number;
    values: Record<string, number>;
    pooled: number;
    spread: number;
    probability: boolean;
  }[];
  analysts: { analyst: string; choice: string | null; score: number }[];
  pooled: { choice: string | null; score: number } | null;
  /** The share of analysts whose own choice is the pooled one. */
  agreement: number | null;
  /** Assessments that could not be pooled, and why. */
  problems: string[];
}

export interface ReportRecommendation {
  id: string;
  label: string;
  score: number;
  /** The best of the other root options, and how far behind it is. */
  runner_up: { id: string; label: string; score: number; margin: number } | null;
}

export interface ReportPolicyStep {
  path: string;
  label: string;
  choice: string;
  choice_label: string;
}

export interface ReportCriterion {
  id: string;
  label: string;
  direction: Direction;
  unit: string | null;
  note: string | null;
  /** The weight used (after overrides), the file's, and the share of the total used. */
  weight: number;
  base_weight: number;
  normalized_weight: number;
}

export interface ReportOption {
  id: string;
  label: string;
  chosen: boolean;
  score: number;
  expected: CriterionValues;
}

export interface ReportNode {
  path: string;
  id: string;
  type: NodeType;
  label: string;
  /** Probability given the parent; null at the root and for the options of a decision. */
  probability: number | null;
  /** Probability of reaching this node under the policy. */
  reach: number;
  score: number;
  expected: CriterionValues;
  payoff: CriterionValues;
  /** This node is the option its parent decision takes. */
  chosen: boolean;
  /** For a decision, the id of the option it takes. */
  choice: string | null;
  note: string | null;
  source: string | null;
  children: ReportNode[];
}

export interface ReportOutcome {
  path: string;
  label: string;
  /** The labels from the root's option down to this outcome: which way the tree went. */
  trail: string[];
  probability: number;
  score: number;
  payoff: CriterionValues;
}

export interface ReportSensitivity {
  base: number;
  choice: string | null;
  /** One-way analysis of each ranged parameter and each weight, largest swing first. */
  entries: ReportSensitivityEntry[];
}

export interface ReportSensitivityEntry {
  /** The parameter's name, or `weight:<criterion id>`. */
  name: string;
  kind: 'parameter' | 'weight';
  label: string;
  unit: string | null;
  low: number;
  base: number;
  high: number;
  score_low: number | null;
  score_high: number | null;
  choice_low: string | null;
  choice_high: string | null;
  swing: number;
  /** A probability parameter: its values are shown with their phrase. */
  probability: boolean;
  threshold: number | null;
  thresholds: { value: number; below: string | null; above: string | null }[];
  /** Empty when the input cannot change the recommendation within its range. */
  statement: string;
  problems: string[];
}

export interface ReportSimulation {
  iterations: number;
  seed: number;
  sampled: string[];
  options: {
    id: string;
    label: string;
    mean: number;
    p5: number;
    p50: number;
    p95: number;
    p_best: number;
  }[];
  best_in_expectation: string | null;
  evpi: number;
}

export interface ReportParameter {
  name: string;
  label: string | null;
  unit: string | null;
  /** The value used (after overrides), and the expression it comes from, if any. */
  value: number;
  expression: string | null;
  /** The value the file gives (null if the file's own values do not evaluate), and whether an override changed it. */
  base_value: number | null;
  changed: boolean;
  range: [number, number] | null;
  distribution: string | null;
  source: string | null;
  note: string | null;
  /** The value is a probability: shown with its phrase. */
  probability: boolean;
  /** The phrase the file wrote instead of a number, if any. */
  phrase: string | null;
  /** How sure the analyst is of the value; null when the file does not say. */
  confidence: Confidence | null;
}

export interface ReportProbability {
  path: string;
  label: string;
  /** The labels from the root's option down to this branch: which event this is. */
  trail: string[];
  value: number;
  base_value: number;
  changed: boolean;
  source: string | null;
  note: string | null;
}

export interface ReportSource {
  id: string;
  title: string;
  author: string | null;
  publisher: string | null;
  date: string | null;
  url: string | null;
  note: string | null;
}

export interface ReportOptions {
  /** When the report is generated; default now. Fix it for reproducible reports. */
  date?: Date;
  /** Add a Monte Carlo summary. */
  simulate?: { iterations: number; seed: number };
  /** The analysts' assessments to pool into a panel section (read by the caller). */
  panel?: {
    analysts: readonly AnalystInput[];
    pool: PoolMethod;
    /** Assessments that could not be read, as messages for the panel section. */
    problems?: readonly string[];
  } | null;
}

/**
 * Gathers everything a report shows for `doc` with `overrides` (on top of a variant's own): the
 * evaluation, its tree, sensitivity (with the overridden values as the base case), optionally a
 * simulation, the assumptions, and what differs from the scenario file's own values. Problems
 * point into the document's text.
 */
export function buildReport(
  doc: ScenarioDocument,
  overrides: Overrides = {},
  settings: ReportOptions = {},
): Result<ReportData> {
  const analysed = analyse(doc, {
    overrides,
    sensitivity: true,
    simulation: settings.simulate ?? null,
    expectations: true,
    indicators: true,
    panel: settings.panel ?? null,
  });
  if (!analysed.ok) return analysed;
  if (!doc.ok) return { ok: false, errors: doc.errors };
  return { ok: true, value: reportFrom(doc, analysed.value, settings) };
}

/**
 * The report of an analysis already made (the web page's export and the CLI share the one
 * `analyse`): plain data, laid out by the renderers. Pure: files (assessments) are read by the
 * caller and come in with the analysis.
 */
export function reportFrom(
  doc: ScenarioDocument & { ok: true },
  a: Analysis,
  settings: Pick<ReportOptions, 'date' | 'panel'> = {},
): ReportData {
  const { scenario, variant } = doc;
  const { evaluation: e, tree, sensitivity: s } = a;
  if (!s) throw new Error('a report needs the sensitivity analysis');
  const fileValue = (name: string): number | null => a.file?.parameters[name] ?? null;

  const nodes = new Map<string, NodeResult>();
  const walk = (n: NodeResult): ReportNode => {
    nodes.set(n.path, n);
    return {
      path: n.path,
      id: n.node.id,
      type: n.node.type,
      label: n.node.label,
      probability: n.probability,
      reach: n.reach,
      score: n.score,
      expected: n.expected,
      payoff: n.payoff,
      chosen: n.chosen,
      choice: n.choice,
      note: n.node.note,
      source: n.node.source,
      children: n.children.map(walk),
    };
  };
  const reportTree = walk(tree);
  const probabilities: ReportProbability[] = a.literals.map((l) => ({
    path: l.path,
    label: l.label,
    trail: [...l.trail],
    value: l.value,
    base_value: l.base,
    changed: l.value !== l.base,
    source: l.source,
    note: l.note,
  }));

  const set = a.overrides.set ?? {};
  const parameters: ReportParameter[] = scenario.parameters.map((p) => {
    const override = set[p.name];
    const definition = override ?? quantityText(p.value);
    return {
      name: p.name,
      label: p.label,
      unit: p.unit,
      value: e.parameters[p.name]!,
      expression: typeof definition === 'string' && !bandOfPhrase(definition) ? definition : null,
      base_value: fileValue(p.name),
      changed: override !== undefined && !sameAsFile(p, override),
      range: p.range && [p.range[0], p.range[1]],
      distribution: p.distribution,
      source: p.source,
      note: p.note,
      // Guarded: scenarios loaded before these fields existed lack them.
      probability: isProbability(p),
      phrase: p.phrase ?? null,
      confidence: p.confidence ?? null,
    };
  });

  const criteria: ReportCriterion[] = scenario.criteria.map((c, k) => ({
    id: c.id,
    label: c.label,
    direction: c.direction,
    unit: c.unit,
    note: c.note,
    weight: e.criteria[k]!.weight,
    base_weight: c.weight,
    normalized_weight: e.criteria[k]!.normalized_weight,
  }));

  const changes: ReportChanges = {
    parameters: a.changes.parameters.map((p) => ({ ...p })),
    weights: a.changes.weights.map((w) => ({ ...w })),
    probabilities: a.changes.probabilities.map((p) => ({ ...p })),
    observations: a.changes.observations.map((o) => ({ ...o })),
    knock_on: a.changes.knock_on.map((k) => ({ ...k })),
  };

  const options: ReportOption[] = e.options.map((o) => ({
    id: o.id,
    label: o.label,
    chosen: o.id === e.choice,
    score: o.score,
    expected: o.expected,
  }));
  const chosen = options.find((o) => o.chosen);
  let runnerUp: ReportOption | undefined;
  for (const o of options) if (!o.chosen && (!runnerUp || o.score > runnerUp.score)) runnerUp = o;

  const labelOf = (path: string) => nodes.get(path)?.node.label ?? path;
  const entries: ReportSensitivityEntry[] = s.parameters.map((p) => ({
    name: p.name,
    kind: p.kind,
    label: p.label,
    unit: p.unit,
    low: p.low,
    base: p.base,
    high: p.high,
    score_low: p.score_low,
    score_high: p.score_high,
    choice_low: p.choice_low,
    choice_high: p.choice_high,
    swing: p.swing,
    probability: p.probability,
    threshold: p.threshold,
    thresholds: p.thresholds.map((t) => ({ value: t.value, below: t.below, above: t.above })),
    statement: p.thresholds.length > 0 ? breakEvenStatement(p, s) : '',
    problems: [...p.problems],
  }));

  const sim = a.simulation;
  return {
    title: scenario.title,
    description: scenario.description,
    generated: isoDate(settings.date ?? new Date()),
    file: { name: basename(doc.file), sha256: sha256(doc.text) },
    variant: variant
      ? {
          name: basename(variant.file),
          sha256: sha256(variant.text),
          title: variant.title,
          description: variant.description,
        }
      : null,
    changes,
    recommendation: chosen
      ? {
          id: chosen.id,
          label: chosen.label,
          score: chosen.score,
          runner_up: runnerUp
            ? {
                id: runnerUp.id,
                label: runnerUp.label,
                score: runnerUp.score,
                margin: chosen.score - runnerUp.score,
              }
            : null,
        }
      : null,
    score: e.score,
    expected: e.expected,
    bottom_line: a.bottomLine,
    statements: entries.filter((x) => x.statement !== '').map((x) => x.statement),
    policy: e.policy.map((p) => ({
      path: p.path,
      label: labelOf(p.path),
      choice: p.choice,
      choice_label: labelOf(`${p.path}/${p.choice}`),
    })),
    criteria,
    options,
    tree: reportTree,
    outcomes: a.outcomes.map((o) => ({ ...o, trail: [...o.trail] })),
    sensitivity: { base: s.base, choice: s.choice, entries },
    simulation: sim
      ? {
          iterations: sim.iterations,
          seed: sim.seed,
          sampled: [...sim.sampled],
          options: sim.options.map((o) => ({
            id: o.id,
            label: o.label,
            mean: o.mean,
            p5: o.p5,
            p50: o.p50,
            p95: o.p95,
            p_best: o.p_best,
          })),
          best_in_expectation: sim.best_in_expectation,
          evpi: sim.evpi,
        }
      : null,
    expectations: (a.expectations ?? []).map((x) => ({
      line: x.line,
      ok: x.ok,
      message: x.message,
      counterexample: x.counterexample,
    })),
    indicators: reportIndicators(a),
    panel: reportPanel(a, settings.panel?.problems ?? []),
    parameters,
    probabilities,
    sources: scenario.sources.map((x) => ({
      id: x.id,
      title: x.title,
      author: x.author ?? null,
      publisher: x.publisher ?? null,
      date: x.date === undefined ? null : String(x.date),
      url: x.url ?? null,
      note: x.note ?? null,
    })),
    tree_svg: renderTreeSvg(layoutTree(tree, treeScore(tree)), { standalone: true }),
  };
}

function reportIndicators(a: Analysis): ReportIndicators | null {
  const { scenario } = a;
  if (scenario.indicators.length === 0) return null;
  const observed = new Map((a.overrides.observe ?? []).map((o) => [o.id, o.seen]));
  const found = a.indicators;
  return {
    base_choice: found?.base_choice ?? a.evaluation.choice,
    items: scenario.indicators.map((indicator) => {
      const r = found?.indicators.find((x) => x.id === indicator.id) ?? null;
      const seen = observed.get(indicator.id);
      return {
        id: indicator.id,
        label: indicator.label,
        parameter: scenario.parameters[indicator.parameter]!.name,
        if_true: indicator.ifTrue,
        if_false: indicator.ifFalse,
        observed: seen === undefined ? null : seen ? 'seen' : 'not-seen',
        prior: r && seen === undefined ? r.prior : null,
        if_seen: r && seen === undefined ? { ...r.if_seen } : null,
        if_not_seen: r && seen === undefined ? { ...r.if_not_seen } : null,
        flips: r !== null && seen === undefined && r.flips,
        sentences:
          r && found && seen === undefined
            ? [
                indicatorSentence(scenario, found, r, true),
                indicatorSentence(scenario, found, r, false),
              ]
            : [],
        note: indicator.note,
        source: indicator.source,
      };
    }),
    problems: a.problems.indicators.map((d) => d.message),
  };
}

function reportPanel(a: Analysis, unread: readonly string[]): ReportPanel | null {
  if (!a.panel && a.problems.panel.length === 0 && unread.length === 0) return null;
  const p = a.panel;
  const probability = new Set(
    a.scenario.parameters.filter((x) => x.probability).map((x) => x.name),
  );
  return {
    pool: p?.pool ?? null,
    parameters: (p?.parameters ?? []).map((x) => ({
      ...x,
      values: { ...x.values },
      probability: probability.has(x.name),
    })),
    analysts: (p?.analysts ?? []).map((x) => ({ ...x })),
    pooled: p ? { ...p.pooled } : null,
    agreement: p?.agreement ?? null,
    problems: [...unread, ...a.problems.panel.map((d) => d.message)],
  };
}

/** True when a report shows the file's own assumptions, with nothing overridden. */
export function isBaseCase(data: ReportData): boolean {
  const c = data.changes;
  return (
    c.parameters.length + c.weights.length + c.probabilities.length + c.observations.length === 0
  );
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** ISO 8601 in UTC, without milliseconds when they are 0. */
export function isoDate(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
