import type { Analysis, AnalysisRequest } from '../analysis/analyse';
import type { Simulation, Spider, TwoWay, Variable } from '../engine';
import { formatNumber } from '../engine/format-number';
import { breakEvenText, probabilityText, scoreColumn, scoreText } from '../present';
import { escapeXml } from '../draw/escape-xml';

/**
 * The page's robustness panel: a Monte Carlo run (P(best), the spread of each option's expected
 * score, EVPI), a spider curve of one input and a two-way grid of two, each on request. The
 * request travels in the query string beside the form's fields (`simulate=1&iterations=&seed=`,
 * `spider=NAME`, `two_x=NAME&two_y=NAME`), so the panel works as a plain GET form, and the JSON
 * endpoint takes the same fields.
 */

/** Iterations of a run from the page unless the analyst asks for another number. */
export const DEFAULT_ITERATIONS = 10_000;
/** The most a run from the page may take: the page waits for it. */
export const MAX_PAGE_ITERATIONS = 200_000;
/** The robustness fields of the query string, besides the form's. */
export const ROBUSTNESS_FIELDS = ['simulate', 'iterations', 'seed', 'spider', 'two_x', 'two_y'];

export interface RobustnessInput {
  /** The analysis to ask for (nothing when the panel was not asked for). */
  request: Pick<AnalysisRequest, 'simulation' | 'spiders' | 'twoWay'>;
  /** What the analyst typed, to show back. */
  values: { iterations: string; seed: string; spider: string; x: string; y: string };
  errors: string[];
}

/** Reads the robustness fields from a query object or a JSON body; other fields are ignored. */
export function readRobustness(fields: Record<string, unknown>): RobustnessInput {
  const text = (k: string): string => {
    const v = fields[k];
    const last = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
    return typeof last === 'string' || typeof last === 'number' ? String(last).trim() : '';
  };
  const values = {
    iterations: text('iterations') || String(DEFAULT_ITERATIONS),
    seed: text('seed') || '1',
    spider: text('spider'),
    x: text('two_x'),
    y: text('two_y'),
  };
  const errors: string[] = [];
  let simulation: AnalysisRequest['simulation'] = null;
  if (text('simulate') !== '' && text('simulate') !== '0') {
    const iterations = Number(values.iterations.replace(/[,_\s]/g, ''));
    const seed = Number(values.seed);
    if (!Number.isInteger(iterations) || iterations < 100 || iterations > MAX_PAGE_ITERATIONS)
      errors.push(
        `Iterations: a whole number from 100 to ${MAX_PAGE_ITERATIONS.toLocaleString('en')}, not '${values.iterations}'.`,
      );
    else if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      errors.push(`Seed: a whole number from 0 to 4294967295, not '${values.seed}'.`);
    else simulation = { iterations, seed };
  }
  let twoWay: AnalysisRequest['twoWay'] = null;
  if (values.x !== '' || values.y !== '') {
    if (values.x === '' || values.y === '' || values.x === values.y)
      errors.push('Two-way view: choose two different inputs.');
    else twoWay = { x: values.x, y: values.y, points: 21 };
  }
  return {
    request: { simulation, spiders: values.spider === '' ? [] : [values.spider], twoWay },
    values,
    errors,
  };
}

/** Whether any robustness analysis was asked for. */
export function wantsRobustness(r: RobustnessInput): boolean {
  return (
    (r.request.simulation ?? null) !== null ||
    (r.request.spiders?.length ?? 0) > 0 ||
    (r.request.twoWay ?? null) !== null ||
    r.errors.length > 0
  );
}

export interface RobustnessView {
  /** The inputs a spider or two-way view can move, for the selects. */
  inputs: { name: string; label: string }[];
  values: RobustnessInput['values'];
  /** A run was asked for (keeps the Simulate box ticked in the no-script form). */
  simulate: boolean;
  errors: string[];
  simulation: {
    caption: string;
    options: {
      label: string;
      pBest: string;
      mean: string;
      p5: string;
      p50: string;
      p95: string;
      chosen: boolean;
    }[];
    evpi: string;
    evpiNote: string;
    plotSvg: string;
  } | null;
  spider: { title: string; sentence: string; svg: string } | null;
  twoWay: { title: string; sentence: string; svg: string } | null;
}

/**
 * The panel's view: the inputs to choose from (from the page's analysis, `page`; null when its
 * results are stale) and what the analysis that ran the request (`a`) found.
 */
export function robustnessView(
  page: Analysis | null,
  a: Analysis | null,
  input: RobustnessInput,
  errors: string[],
): RobustnessView {
  const inputs = (page?.sensitivity?.parameters ?? []).map((p) => ({
    name: p.name,
    label: p.kind === 'weight' ? `Weight of ${p.label}` : p.label,
  }));
  return {
    inputs,
    values: input.values,
    simulate: (input.request.simulation ?? null) !== null,
    errors,
    simulation: a?.simulation ? simulationView(a, a.simulation) : null,
    spider: a && a.spiders[0] ? spiderView(a, a.spiders[0]) : null,
    twoWay: a?.twoWay ? twoWayView(a, a.twoWay) : null,
  };
}

function simulationView(a: Analysis, s: Simulation): NonNullable<RobustnessView['simulation']> {
  const score = scoreColumn(s.options.flatMap((o) => [o.mean, o.p5, o.p50, o.p95]));
  const sampled = s.sampled.length;
  return {
    caption: `${s.iterations.toLocaleString('en')} draws, seed ${s.seed}; ${sampled} uncertain input${sampled === 1 ? '' : 's'} sampled.`,
    options: s.options.map((o) => ({
      label: o.label,
      pBest: probabilityText(o.p_best, 'table'),
      mean: score(o.mean),
      p5: score(o.p5),
      p50: score(o.p50),
      p95: score(o.p95),
      chosen: o.id === a.evaluation.choice,
    })),
    evpi: scoreText(s.evpi, 'prose'),
    evpiNote:
      'Expected value of perfect information: what knowing every sampled value before deciding would add to the expected score.',
    plotSvg: spreadSvg(s, a.evaluation.choice),
  };
}

const WIDTH = 560;
const LABEL = 200;
const ROW = 34;
const TICK_FONT = 11;

/** A shared axis: the value's x position between `left` and `right`. */
function axis(lo: number, hi: number, left: number, right: number): (v: number) => number {
  const span = hi - lo || 1;
  return (v) => left + ((v - lo) / span) * (right - left);
}

function short(label: string, max = 30): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Tick values: five, evenly spaced over [lo, hi], in 3 significant figures. */
function ticks(lo: number, hi: number): number[] {
  return [0, 0.25, 0.5, 0.75, 1].map((f) => Number((lo + (hi - lo) * f).toPrecision(3)));
}

/**
 * One row per option: the middle 90% of its expected score over the draws (p5 to p95) as a bar,
 * the median as a tick and the mean as a dot, on one axis so the options compare at a glance.
 */
function spreadSvg(s: Simulation, choice: string | null): string {
  const lo = Math.min(...s.options.map((o) => o.p5));
  const hi = Math.max(...s.options.map((o) => o.p95));
  const height = s.options.length * ROW + 40;
  const x = axis(lo, hi, LABEL, WIDTH - 20);
  const rows = s.options.map((o, i) => {
    const y = 10 + i * ROW;
    const cls = o.id === choice ? 'spread chosen' : 'spread';
    return (
      `<g class="${cls}"><title>${escapeXml(o.label)}: p5 ${formatNumber(o.p5)}, median ${formatNumber(o.p50)}, mean ${formatNumber(o.mean)}, p95 ${formatNumber(o.p95)}; best in ${probabilityText(o.p_best, 'table')} of the draws</title>` +
      `<text class="plot-label" x="${LABEL - 8}" y="${y + 16}" text-anchor="end">${escapeXml(short(o.label))}</text>` +
      `<rect x="${x(o.p5).toFixed(1)}" y="${y + 6}" width="${Math.max(1, x(o.p95) - x(o.p5)).toFixed(1)}" height="14" rx="3"></rect>` +
      `<line class="median" x1="${x(o.p50).toFixed(1)}" x2="${x(o.p50).toFixed(1)}" y1="${y + 3}" y2="${y + 23}"></line>` +
      `<circle class="mean" cx="${x(o.mean).toFixed(1)}" cy="${y + 13}" r="4"></circle></g>`
    );
  });
  const axisY = s.options.length * ROW + 14;
  const tickMarks = ticks(lo, hi).map(
    (t) =>
      `<text class="tick" x="${x(t).toFixed(1)}" y="${axisY + 14}" text-anchor="middle">${formatNumber(t)}</text>`,
  );
  return (
    `<svg class="plot spread-plot" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Spread of each option's expected score over the draws: p5 to p95 as a bar, the median as a line, the mean as a dot" font-size="${TICK_FONT}">` +
    rows.join('') +
    `<line class="axis" x1="${LABEL}" x2="${WIDTH - 20}" y1="${axisY}" y2="${axisY}"></line>` +
    tickMarks.join('') +
    '</svg>'
  );
}

/** Lines per option, in the order of the options; dashes tell them apart without colour. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2'];

function spiderView(a: Analysis, sp: Spider): NonNullable<RobustnessView['spider']> {
  const v = sp.variable;
  const all = sp.options.flatMap((o) => o.scores.filter((x): x is number => x !== null));
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const height = 260;
  const legend = sp.options.length * 18 + 10;
  const x = axis(v.low, v.high, 50, WIDTH - 20);
  const yOf = axis(lo, hi, height - 40, 15);
  const lines = sp.options.map((o, k) => {
    const points = o.scores
      .map((s, i) => (s === null ? null : `${x(sp.values[i]!).toFixed(1)},${yOf(s).toFixed(1)}`))
      .filter((p): p is string => p !== null);
    const dash = DASHES[k % DASHES.length]!;
    const chosen = o.id === a.evaluation.choice ? ' chosen' : '';
    return `<polyline class="series s${k % 5}${chosen}" points="${points.join(' ')}"${dash ? ` stroke-dasharray="${dash}"` : ''}><title>${escapeXml(o.label)}</title></polyline>`;
  });
  const keys = sp.options.map((o, k) => {
    const y = height + 8 + k * 18;
    const dash = DASHES[k % DASHES.length]!;
    return `<line class="series s${k % 5}" x1="50" x2="80" y1="${y}" y2="${y}"${dash ? ` stroke-dasharray="${dash}"` : ''}></line><text class="plot-label" x="88" y="${y + 4}">${escapeXml(short(o.label, 70))}</text>`;
  });
  const base = x(v.base);
  const ticksX = ticks(v.low, v.high).map(
    (t) =>
      `<text class="tick" x="${x(t).toFixed(1)}" y="${height - 22}" text-anchor="middle">${formatNumber(t)}</text>`,
  );
  const ticksY = ticks(lo, hi).map(
    (t) =>
      `<text class="tick" x="44" y="${(yOf(t) + 4).toFixed(1)}" text-anchor="end">${formatNumber(t)}</text>`,
  );
  const svg =
    `<svg class="plot spider-plot" viewBox="0 0 ${WIDTH} ${height + legend}" role="img" aria-label="Expected score of each option as ${escapeXml(v.label)} moves from ${formatNumber(v.low)} to ${formatNumber(v.high)}" font-size="${TICK_FONT}">` +
    `<line class="axis" x1="50" x2="${WIDTH - 20}" y1="${height - 40}" y2="${height - 40}"></line>` +
    `<line class="axis" x1="50" x2="50" y1="15" y2="${height - 40}"></line>` +
    `<line class="zero" x1="${base.toFixed(1)}" x2="${base.toFixed(1)}" y1="15" y2="${height - 40}"><title>now: ${formatNumber(v.base)}</title></line>` +
    ticksX.join('') +
    ticksY.join('') +
    `<text class="tick" x="${WIDTH - 20}" y="${height - 6}" text-anchor="end">${escapeXml(short(v.label, 70))}</text>` +
    lines.join('') +
    keys.join('') +
    '</svg>';
  return {
    title: `Spider: ${v.label}`,
    sentence: spiderSentence(sp, v),
    svg,
  };
}

/** Which option is best where, along the input's range, in words. */
function spiderSentence(sp: Spider, v: Variable): string {
  const label = (id: string | null) => sp.options.find((o) => o.id === id)?.label ?? 'no option';
  const runs: { id: string | null; from: number; to: number }[] = [];
  sp.choice.forEach((c, i) => {
    const last = runs[runs.length - 1];
    if (last && last.id === c) last.to = sp.values[i]!;
    else runs.push({ id: c, from: sp.values[i]!, to: sp.values[i]! });
  });
  const show = (x: number) => breakEvenText(x, v.probability);
  if (runs.length === 1)
    return `${label(runs[0]!.id)} is best across the whole range of ${v.label}, ${show(v.low)} to ${show(v.high)} (now ${show(v.base)}).`;
  return `As ${v.label} moves from ${show(v.low)} to ${show(v.high)} (now ${show(v.base)}): ${runs
    .map((r) => `${label(r.id)} is best from ${show(r.from)} to ${show(r.to)}`)
    .join('; ')}.`;
}

/** Fill classes of the grid's cells, by option order; the legend names them. */
function twoWayView(a: Analysis, t: TwoWay): NonNullable<RobustnessView['twoWay']> {
  const options = a.evaluation.options;
  const index = new Map(options.map((o, k) => [o.id, k]));
  const cols = t.xValues.length;
  const rows = t.yValues.length;
  const cell = Math.min(18, Math.floor((WIDTH - 110) / cols));
  const left = 60;
  const top = 10;
  const gridH = rows * cell;
  const cells: string[] = [];
  t.yValues.forEach((yv, j) => {
    t.xValues.forEach((xv, i) => {
      const c = t.choice[j]![i] ?? null;
      const k = c === null ? -1 : (index.get(c) ?? -1);
      const label = c === null ? 'invalid here' : (options[k]?.label ?? c);
      // Rows run upwards: the largest y at the top, as on any chart.
      cells.push(
        `<rect class="cell ${k < 0 ? 'none' : `o${k % 5}`}" x="${left + i * cell}" y="${top + (rows - 1 - j) * cell}" width="${cell}" height="${cell}"><title>${escapeXml(t.x.label)} ${formatNumber(xv)}, ${escapeXml(t.y.label)} ${formatNumber(yv)}: ${escapeXml(label)}</title></rect>`,
      );
    });
  });
  const mark =
    `<circle class="now" cx="${(left + ((t.x.base - t.x.low) / (t.x.high - t.x.low || 1)) * cols * cell).toFixed(1)}" ` +
    `cy="${(top + gridH - ((t.y.base - t.y.low) / (t.y.high - t.y.low || 1)) * rows * cell).toFixed(1)}" r="5"><title>now</title></circle>`;
  const axisText =
    `<text class="tick" x="${left}" y="${top + gridH + 14}">${formatNumber(t.x.low)}</text>` +
    `<text class="tick" x="${left + cols * cell}" y="${top + gridH + 14}" text-anchor="end">${formatNumber(t.x.high)}</text>` +
    `<text class="tick" x="${left + (cols * cell) / 2}" y="${top + gridH + 30}" text-anchor="middle">${escapeXml(short(t.x.label, 60))} →</text>` +
    `<text class="tick" x="${left - 6}" y="${top + gridH}" text-anchor="end">${formatNumber(t.y.low)}</text>` +
    `<text class="tick" x="${left - 6}" y="${top + 10}" text-anchor="end">${formatNumber(t.y.high)}</text>`;
  const used = [...new Set(t.choice.flat())];
  const keys = used.map((c, n) => {
    const k = c === null ? -1 : (index.get(c) ?? -1);
    const y = top + gridH + 48 + n * 20;
    const label = c === null ? 'invalid here' : (options[k]?.label ?? c);
    return `<rect class="cell ${k < 0 ? 'none' : `o${k % 5}`}" x="${left}" y="${y - 11}" width="14" height="14"></rect><text class="plot-label" x="${left + 20}" y="${y}">${escapeXml(short(label, 70))}</text>`;
  });
  const height = top + gridH + 48 + used.length * 20;
  const svg =
    `<svg class="plot two-way-plot" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Best option over a grid of ${escapeXml(t.x.label)} (across) and ${escapeXml(t.y.label)} (up)" font-size="${TICK_FONT}">` +
    cells.join('') +
    mark +
    axisText +
    keys.join('') +
    '</svg>';
  const share = (id: string | null) =>
    t.choice.flat().filter((c) => c === id).length / (cols * rows);
  const best = a.evaluation.choice;
  const bestLabel = options.find((o) => o.id === best)?.label ?? 'no option';
  return {
    title: `Two-way: ${t.x.label} and ${t.y.label}`,
    sentence: `Across ${t.x.label} (${formatNumber(t.x.low)} to ${formatNumber(t.x.high)}) and ${t.y.label} (${formatNumber(t.y.low)} to ${formatNumber(t.y.high)}), ${bestLabel} is best in ${Math.round(share(best) * 100)}% of the grid; the ring marks the values now (y runs upwards).`,
    svg,
  };
}
