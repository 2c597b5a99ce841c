import { effectiveOverrides, type ScenarioDocument } from '../document';
import {
  evaluate,
  evaluateTree,
  sensitivity,
  simulate,
  spider,
  twoWay,
  type CriterionValues,
  type Evaluation,
  type NodeResult,
  type Overrides,
  type Sensitivity,
  type Simulation,
  type Spider,
  type TwoWay,
} from '../engine';
import { analyseIndicators, type IndicatorsAnalysis } from '../engine/indicators';
import { poolPanel, type AnalystInput, type Panel, type PoolMethod } from '../engine/pool';
import type { Diagnostic, Result } from '../model/diagnostic';
import { bandOfPhrase } from '../model/phrases';
import type { Parameter, Quantity, Scenario } from '../model/types';
import { locateInFiles } from '../load';
import { bottomLine, type BottomLine } from '../present/bottom-line';
import { documentExpectations, type ExpectationResult } from './document-expectations';

/** What a view asks to be analysed, beyond the base evaluation. */
export interface AnalysisRequest {
  /** Changes on top of the document's own (a variant's): --set, --weight, --observe, the form. */
  readonly overrides?: Overrides;
  /** One-way sensitivity with break-evens (the bottom line's tipping point needs it). */
  readonly sensitivity?: boolean;
  readonly simulation?: { readonly iterations: number; readonly seed: number } | null;
  /** One-way curves (spider) of these inputs: parameter names, or `weight:<criterion>`. */
  readonly spiders?: readonly string[];
  /** A two-way grid of two inputs, `points` values of each (default 11). */
  readonly twoWay?: { readonly x: string; readonly y: string; readonly points?: number } | null;
  readonly expectations?: boolean;
  readonly indicators?: boolean;
  /** Analysts' assessments to pool (read by the caller: an analysis reads no files). */
  readonly panel?: { readonly analysts: readonly AnalystInput[]; readonly pool: PoolMethod } | null;
}

/** A branch probability written as a number in the file (after subtree expansion). */
export interface LiteralProbability {
  readonly path: string;
  readonly label: string;
  /** The label of the chance node it belongs to. */
  readonly parentLabel: string;
  /** The labels from the root's option down to this branch: which event this is. */
  readonly trail: readonly string[];
  /** The value used (after overrides) and the file's. */
  readonly value: number;
  readonly base: number;
  readonly note: string | null;
  readonly source: string | null;
}

/** An end state reached under the policy, with the way there in labels. */
export interface RoutedOutcome {
  readonly path: string;
  readonly label: string;
  readonly trail: readonly string[];
  readonly probability: number;
  /** The whole path's score, from the root to this end state. */
  readonly score: number;
  readonly payoff: CriterionValues;
}

/** What differs from the scenario file's own values: a variant's and the request's overrides. */
export interface AnalysisChanges {
  readonly parameters: readonly {
    name: string;
    label: string | null;
    unit: string | null;
    /** The file's value or expression, and what it evaluates to (null if the file's own values do not evaluate). */
    base: number | string;
    base_value: number | null;
    /** The override (a number, an expression or a phrase), and what it evaluates to. */
    used: number | string;
    used_value: number;
    /** A probability parameter: both values are shown with their phrase. */
    probability: boolean;
  }[];
  readonly weights: readonly {
    criterion: string;
    label: string;
    base: number;
    used: number;
    /** Normalised weights (shares of the total), before and after. */
    base_share: number;
    used_share: number;
  }[];
  readonly probabilities: readonly { path: string; label: string; base: number; used: number }[];
  /** Indicators looked for, in the order applied, with the probability each left behind. */
  readonly observations: readonly {
    id: string;
    label: string;
    seen: boolean;
    parameter: string;
    base: number | null;
    used: number;
  }[];
  /** Parameters not overridden whose value moved because they are computed from ones that were. */
  readonly knock_on: readonly {
    name: string;
    label: string | null;
    base: number | null;
    used: number;
  }[];
}

/**
 * Everything a front end shows about one document and one set of overrides, computed once:
 * the evaluation and its tree, the scenario file's own evaluation to compare with, what differs
 * from the file, and on request sensitivity, simulation, expectations, indicators and a panel,
 * with the bottom line drawn from them. The CLI, the reports and the web page are views of this
 * one object, so they cannot disagree.
 */
export interface Analysis {
  readonly scenario: Scenario;
  readonly overrides: Overrides;
  readonly evaluation: Evaluation;
  readonly tree: NodeResult;
  /** The scenario file's own evaluation (no variant, no overrides); null when it does not evaluate. */
  readonly file: Evaluation | null;
  readonly changes: AnalysisChanges;
  readonly literals: readonly LiteralProbability[];
  /** Outcomes under the policy, likeliest first (file order among equals). */
  readonly outcomes: readonly RoutedOutcome[];
  readonly sensitivity: Sensitivity | null;
  readonly simulation: Simulation | null;
  /** The spider curves asked for, in the order asked. */
  readonly spiders: readonly Spider[];
  readonly twoWay: TwoWay | null;
  readonly expectations: readonly ExpectationResult[] | null;
  /** Null when not asked for, or when it cannot be computed (see `problems`). */
  readonly indicators: IndicatorsAnalysis | null;
  readonly panel: Panel | null;
  /**
   * Why an analysis asked for is missing. Indicators and panels do not hold the rest back: an
   * indicator that cannot be observed at these values, or a bad assessment, is told beside it.
   */
  readonly problems: { readonly indicators: Diagnostic[]; readonly panel: Diagnostic[] };
  readonly bottomLine: BottomLine;
}

/** Analyses a valid document; problems (of overrides, say) are located in its files. */
export function analyse(doc: ScenarioDocument, request: AnalysisRequest = {}): Result<Analysis> {
  if (!doc.ok) return { ok: false, errors: doc.errors };
  const overrides = effectiveOverrides(doc, request.overrides);
  const locate = (errors: Diagnostic[]) => locateInFiles(doc.text, doc.file, doc.texts, errors);
  const fail = (errors: Diagnostic[]): Result<Analysis> => ({ ok: false, errors: locate(errors) });
  const scenario = doc.scenario;
  const evaluated = evaluateTree(scenario, overrides);
  if (!evaluated.ok) return fail(evaluated.errors);
  let s: Sensitivity | null = null;
  if (request.sensitivity) {
    const r = sensitivity(scenario, overrides);
    if (!r.ok) return fail(r.errors);
    s = r.value;
  }
  let sim: Simulation | null = null;
  if (request.simulation) {
    const r = simulate(scenario, request.simulation, overrides);
    if (!r.ok) return fail(r.errors);
    sim = r.value;
  }
  const spiders: Spider[] = [];
  for (const name of request.spiders ?? []) {
    const r = spider(scenario, name, 21, overrides);
    if (!r.ok) return fail(r.errors);
    spiders.push(r.value);
  }
  let grid: TwoWay | null = null;
  if (request.twoWay) {
    const { x, y, points = 11 } = request.twoWay;
    const r = twoWay(scenario, x, y, points, overrides);
    if (!r.ok) return fail(r.errors);
    grid = r.value;
  }
  const problems = { indicators: [] as Diagnostic[], panel: [] as Diagnostic[] };
  let indicators: IndicatorsAnalysis | null = null;
  if (request.indicators && scenario.indicators.length > 0) {
    const r = analyseIndicators(scenario, overrides);
    if (r.ok) indicators = r.value;
    else problems.indicators = locate(r.errors);
  }
  let panel: Panel | null = null;
  if (request.panel && request.panel.analysts.length > 0) {
    const r = poolPanel(scenario, request.panel.analysts, request.panel.pool, overrides);
    if (r.ok) panel = r.value;
    else problems.panel = locate(r.errors);
  }
  // The document's base case is the file's own unless a variant's values are in it.
  const own = doc.variant ? evaluate(scenario) : { ok: true as const, value: doc.base };
  const file = own.ok ? own.value : null;
  const { evaluation, tree } = evaluated.value;
  const trails = trailsOf(scenario, tree);
  const literals = literalsOf(tree, trails);
  return {
    ok: true,
    value: {
      scenario,
      overrides,
      evaluation,
      tree,
      file,
      changes: changesFromFile(scenario, overrides, evaluation, file, literals),
      literals,
      outcomes: routedOutcomes(evaluation, trails),
      sensitivity: s,
      simulation: sim,
      spiders,
      twoWay: grid,
      expectations: request.expectations ? documentExpectations(doc, request.overrides) : null,
      indicators,
      panel,
      problems,
      bottomLine: bottomLine(evaluation, s, sim),
    },
  };
}

/** The trail of a node by its path: the labels of the nodes on the way to it, the root left out. */
type Trails = (path: string) => readonly string[];

/**
 * The trails of `scenario`'s nodes, worked out as they are asked for and kept with the scenario:
 * they depend on its labels alone, and the live page analyses one scenario thousands of times.
 */
function trailsOf(scenario: Scenario, tree: NodeResult): Trails {
  let trails = trails$.get(scenario);
  if (!trails) {
    const labels = new Map<string, string>();
    const walk = (n: NodeResult) => {
      labels.set(n.path, n.node.label);
      n.children.forEach(walk);
    };
    walk(tree);
    const kept = new Map<string, readonly string[]>();
    const trail = (path: string): readonly string[] => {
      let found = kept.get(path);
      if (found) return found;
      const cut = path.lastIndexOf('/');
      found =
        cut < 0 ? [] : [...trail(path.slice(0, cut)), labels.get(path) ?? path.slice(cut + 1)];
      kept.set(path, found);
      return found;
    };
    trails$.set(scenario, (trails = trail));
  }
  return trails;
}

const trails$ = new WeakMap<Scenario, Trails>();

/** Branches whose probability is a number in the file, in tree order: what the form can change. */
function literalsOf(tree: NodeResult, trails: Trails): LiteralProbability[] {
  const out: LiteralProbability[] = [];
  const walk = (n: NodeResult) => {
    for (const c of n.children) {
      const p = c.node.probability;
      if (p?.kind === 'number')
        out.push({
          path: c.path,
          label: c.node.label,
          parentLabel: n.node.label,
          trail: trails(c.path),
          value: c.probability!,
          base: p.value,
          note: c.node.note,
          source: c.node.source,
        });
      walk(c);
    }
  };
  walk(tree);
  return out;
}

function routedOutcomes(e: Evaluation, trails: Trails): RoutedOutcome[] {
  return e.outcomes
    .map((o, i) => ({ o, i }))
    .sort((a, b) => b.o.probability - a.o.probability || a.i - b.i)
    .map(({ o }) => ({
      path: o.path,
      label: o.label,
      trail: trails(o.path),
      probability: o.probability,
      score: o.score,
      payoff: o.payoff,
    }));
}

/** A quantity as the file writes it: a number, or an expression's text. */
export function quantityText(q: Quantity): number | string {
  return q.kind === 'number' ? q.value : q.expression.text;
}

/**
 * Whether an override says what the file says: the same number or expression, or a phrase of
 * the band the file's phrase or number is the value of (`probable` for a file's `likely`).
 */
export function sameAsFile(p: Parameter, override: number | string): boolean {
  const written = quantityText(p.value);
  if (override === written) return true;
  const band = typeof override === 'string' ? bandOfPhrase(override) : undefined;
  return band !== undefined && p.value.kind === 'number' && band.value === p.value.value;
}

function changesFromFile(
  scenario: Scenario,
  overrides: Overrides,
  e: Evaluation,
  file: Evaluation | null,
  literals: readonly LiteralProbability[],
): AnalysisChanges {
  const set = overrides.set ?? {};
  const fileValue = (name: string): number | null => file?.parameters[name] ?? null;
  const observed = new Set(
    (overrides.observe ?? []).map((o) => scenario.indicators.find((i) => i.id === o.id)?.parameter),
  );
  const baseTotal = scenario.criteria.reduce((a, c) => a + c.weight, 0);
  return {
    parameters: scenario.parameters
      .filter((p) => set[p.name] !== undefined && !sameAsFile(p, set[p.name]!))
      .map((p) => ({
        name: p.name,
        label: p.label,
        unit: p.unit,
        base: quantityText(p.value),
        base_value: fileValue(p.name),
        used: set[p.name]!,
        used_value: e.parameters[p.name]!,
        probability: p.probability === true,
      })),
    weights: scenario.criteria
      .map((c, k) => ({ c, used: e.criteria[k]! }))
      .filter(({ c, used }) => used.weight !== c.weight)
      .map(({ c, used }) => ({
        criterion: c.id,
        label: c.label,
        base: c.weight,
        used: used.weight,
        base_share: baseTotal > 0 ? c.weight / baseTotal : 0,
        used_share: used.normalized_weight,
      })),
    probabilities: literals
      .filter((l) => l.value !== l.base)
      .map((l) => ({ path: l.path, label: l.label, base: l.base, used: l.value })),
    observations: (overrides.observe ?? []).flatMap((o) => {
      const indicator = scenario.indicators.find((i) => i.id === o.id);
      if (!indicator) return [];
      const name = scenario.parameters[indicator.parameter]!.name;
      return [
        {
          id: o.id,
          label: indicator.label,
          seen: o.seen,
          parameter: name,
          base: fileValue(name),
          used: e.parameters[name]!,
        },
      ];
    }),
    knock_on: scenario.parameters
      .filter(
        (p) =>
          set[p.name] === undefined &&
          !observed.has(p.index) &&
          e.parameters[p.name] !== fileValue(p.name),
      )
      .map((p) => ({
        name: p.name,
        label: p.label,
        base: fileValue(p.name),
        used: e.parameters[p.name]!,
      })),
  };
}
