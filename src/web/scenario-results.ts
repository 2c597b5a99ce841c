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
 * The result panels of the scenario page, drawn from one `Analysis`: the first render and every
 * live update show this view, so the browser needs no second renderer.
 */

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
  const e = a.evaluation;
  const best = e.options.find((o) => o.id === e.choice);
  const scores = e.options.map((o) => o.score);
  const lo = Math.min(0, ...scores);
  const hi = Math.max(0, ...scores);
  const span = hi - lo || 1;
  const x = (v: number) => ((v - lo) / span) * (BAR_WIDTH - BAR_LABEL - BAR_VALUE);
  const tree = treeData(a.tree, treeScore(a.tree), a.scenario);
  const score = scoreColumn(scores);
  const pathScore = scoreColumn(e.outcomes.map((o) => o.score));
  return {
    recommendation: best?.label ?? null,
    score: scoreText(e.score, 'prose'),
    verdict: a.bottomLine.verdict,
    bottomLine: bottomLineText(a.bottomLine),
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
    outcomes: a.outcomes.slice(0, TOP_OUTCOMES).map((o) => ({
      probability: probabilityText(o.probability, 'table'),
      label: o.label,
      path: o.path,
      route: o.trail.join(' > '),
      score: pathScore(o.score),
    })),
    moreOutcomes: Math.max(0, a.outcomes.length - TOP_OUTCOMES),
    tornadoSvg: a.sensitivity ? tornado(a.sensitivity) : null,
    statements: a.sensitivity
      ? a.sensitivity.parameters
          .filter((p) => p.thresholds.length > 0)
          .map((p) => breakEvenStatement(p, a.sensitivity!))
      : [],
    expectations:
      a.expectations && a.expectations.length > 0
        ? a.expectations.map((x) => ({
            ok: x.ok,
            text: x.message.replace(/^holds: /, ''),
            line: x.line,
          }))
        : null,
    watch: watchList(a),
    tree,
    treeSvg: renderTreeFigure(tree),
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
      label: o.label.length > 30 ? `${o.label.slice(0, 29)}…` : o.label,
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
function watchList(a: Analysis): ResultsView['watch'] {
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
