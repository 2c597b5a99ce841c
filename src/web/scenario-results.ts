import type { Analysis } from '../analysis/analyse';
import type { Evaluation, Sensitivity } from '../engine';
import { indicatorSentence } from '../present/indicator-text';
import {
  amountText,
  bottomLineText,
  breakEvenStatement,
  probabilityText,
  scoreColumn,
  scoreText,
  shareText,
  type BottomLineText,
  type Verdict,
} from '../present';
import { treeScore } from '../draw/tree-score';
import { renderTreeFigure } from '../draw/tree-html';
import { treeData, type TreeDatum } from '../draw/tree-layout';
import { renderTornadoSvg } from '../draw/tornado-svg';

/**
 * The result panels of the scenario page, drawn from one `Analysis`: the first render shows
 * this view, and every live update the same parts of it (src/web/live-view.ts), drawn in the
 * browser by the same partials, so the browser needs no second renderer.
 */

export interface BarView {
  /** The label as far as it fits. */
  label: string;
  /**
   * The label was cut: the template writes the ellipsis. Not in `label`, so that the live page's
   * answers stay ASCII for ASCII scenarios (a string with one character beyond Latin-1 is held
   * at two bytes a character, and takes six times as long to send).
   */
  clipped: boolean;
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
  outcomes: { probability: string; label: string; path: string; route: string; score: string }[];
  moreOutcomes: number;
  /** The same tornado chart as the reports draw, or null when no input moves the score. */
  tornadoSvg: string | null;
  statements: string[];
  /** The file's expectations at these values; null when it states none. */
  expectations: { ok: boolean; text: string; line: number | null }[] | null;
  /** Indicators whose answer would change the recommendation, in words; null without indicators. */
  watch: { label: string; sentences: string[] }[] | null;
  /** The tree as data: labels, formatted numbers, notes and sources by title. */
  tree: TreeDatum;
  /** The tree as SVG markup, escaped by the renderer, and its data for the page's script. */
  treeSvg: string;
}

const BAR_WIDTH = 560;
/** Room for option labels left of the bars, and for the value right of the longest bar. */
const BAR_LABEL = 230;
const BAR_VALUE = 70;
const BAR_ROW = 30;
const TOP_OUTCOMES = 12;
const TORNADO_ROWS = 10;

export function resultsView(a: Analysis): ResultsView {
  const tree = treeData(a.tree, treeScore(a.tree), a.scenario);
  return {
    ...verdictPart(a),
    ...optionsPart(a),
    ...outcomesPart(a),
    ...sensitivityPart(a),
    ...expectationsPart(a),
    watch: watchList(a),
    tree,
    treeSvg: renderTreeFigure(tree),
  };
}

/*
 * The parts of the results, each what one partial of views/partials/results shows. The live
 * page asks for them apart (POST .../explore): those of a rollback at once, those that need
 * the sensitivity, expectations and indicators in a second answer (src/web/live-view.ts).
 */

/** The bottom line: partials/verdict. */
export function verdictPart(
  a: Analysis,
): Pick<ResultsView, 'recommendation' | 'score' | 'verdict' | 'bottomLine'> {
  const e = a.evaluation;
  return {
    recommendation: e.options.find((o) => o.id === e.choice)?.label ?? null,
    score: scoreText(e.score, 'prose'),
    verdict: a.bottomLine.verdict,
    bottomLine: bottomLineText(a.bottomLine),
  };
}

/** The options table and its bars: partials/results-options. */
export function optionsPart(a: Analysis): Pick<ResultsView, 'criteria' | 'options' | 'bars'> {
  const e = a.evaluation;
  const scores = e.options.map((o) => o.score);
  const lo = Math.min(0, ...scores);
  const hi = Math.max(0, ...scores);
  const span = hi - lo || 1;
  const x = (v: number) => ((v - lo) / span) * (BAR_WIDTH - BAR_LABEL - BAR_VALUE);
  const score = scoreColumn(scores);
  return {
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
    bars: bars(e, x, score),
  };
}

/** The outcomes under the policy: partials/results-outcomes. */
export function outcomesPart(a: Analysis): Pick<ResultsView, 'outcomes' | 'moreOutcomes'> {
  const pathScore = scoreColumn(a.evaluation.outcomes.map((o) => o.score));
  return {
    outcomes: a.outcomes.slice(0, TOP_OUTCOMES).map((o) => ({
      probability: probabilityText(o.probability, 'table'),
      label: o.label,
      path: o.path,
      route: o.trail.join(' > '),
      score: pathScore(o.score),
    })),
    moreOutcomes: Math.max(0, a.outcomes.length - TOP_OUTCOMES),
  };
}

/** What would change the answer (break-evens, tornado): partials/results-sensitivity. */
export function sensitivityPart(a: Analysis): Pick<ResultsView, 'tornadoSvg' | 'statements'> {
  return {
    tornadoSvg: a.sensitivity ? tornado(a.sensitivity) : null,
    statements: a.sensitivity
      ? a.sensitivity.parameters
          .filter((p) => p.thresholds.length > 0)
          .map((p) => breakEvenStatement(p, a.sensitivity!))
      : [],
  };
}

/** The file's expectations at these values: partials/results-expectations. */
export function expectationsPart(a: Analysis): Pick<ResultsView, 'expectations'> {
  return {
    expectations:
      a.expectations && a.expectations.length > 0
        ? a.expectations.map((x) => ({
            ok: x.ok,
            text: x.message.replace(/^holds: /, ''),
            line: x.line,
          }))
        : null,
  };
}

function bars(
  e: Evaluation,
  x: (v: number) => number,
  score: (v: number) => string,
): ResultsView['bars'] {
  return {
    width: BAR_WIDTH,
    height: e.options.length * BAR_ROW + 10,
    zero: BAR_LABEL + x(0),
    labelX: BAR_LABEL - 10,
    items: e.options.map((o, i) => ({
      label: o.label.length > 30 ? o.label.slice(0, 29) : o.label,
      clipped: o.label.length > 30,
      title: o.label,
      value: score(o.score),
      x: BAR_LABEL + Math.min(x(0), x(o.score)),
      y: i * BAR_ROW + 5,
      width: Math.max(1, Math.abs(x(o.score) - x(0))),
      chosen: o.id === e.choice,
    })),
  };
}

function tornado(s: Sensitivity): string | null {
  return renderTornadoSvg(
    {
      base: s.base,
      entries: s.parameters.map((p) => ({
        ...p,
        statement: p.thresholds.length > 0 ? breakEvenStatement(p, s) : '',
      })),
    },
    { rows: TORNADO_ROWS },
  );
}

/** The indicators not yet looked for whose answer would change the recommendation. */
export function watchList(a: Analysis): ResultsView['watch'] {
  if (a.scenario.indicators.length === 0) return null;
  const found = a.indicators;
  if (!found) return [];
  const observed = new Set((a.overrides.observe ?? []).map((o) => o.id));
  return found.indicators
    .filter((i) => i.flips && !observed.has(i.id))
    .map((i) => ({
      label: i.indicator.label,
      sentences: [true, false]
        .filter((seen) => (seen ? i.if_seen : i.if_not_seen).choice !== found.base_choice)
        .map((seen) => indicatorSentence(a.scenario, found, i, seen)),
    }));
}
