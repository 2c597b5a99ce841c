import type { AnalysisChanges } from '../analysis/analyse';
import type { CriterionValues } from '../engine';
import type { AnalystInput, PoolMethod } from '../engine/pool';
import type { Confidence } from '../model/phrases';
import type { Direction, NodeType } from '../model/types';
import type { BottomLine } from '../present';
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
  knock_on: AnalysisChanges['knock_on'][number][];
}

/**
 * A parameter the request or a variant overrides: the file's definition and value, and the one
 * used.
 */
export type ReportParameterChange = AnalysisChanges['parameters'][number];
/** A criterion weight changed, with the shares of the total before and after. */
export type ReportWeightChange = AnalysisChanges['weights'][number];
/** A branch probability written in the file and changed. */
export type ReportProbabilityChange = AnalysisChanges['probabilities'][number];
/** An indicator looked for, with the probability it left behind. */
export type ReportObservation = AnalysisChanges['observations'][number];

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
  /**
   * The probability parameter it updates, and how likely it is seen if the event happens or not.
   */
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
  /**
   * The value the file gives (null if the file's own values do not evaluate), and whether an
   * override changed it.
   */
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
