import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';
import { inputText, probabilityText } from '../present/numbers';
import { textWidth, wrapText } from './text-width';

/**
 * The decision tree laid out for SVG, root on the left and leaves on the right, as analysts know
 * it from TreeAge and SilverDecisions. Every label is wrapped to its column, never cut: a node's
 * label stands above the line into it, its probability and score below, and the layout makes
 * each node as tall as its text. Pure (no Node.js), so the page's script lays out a tree with
 * subtrees collapsed by the very code that drew the server's.
 */

/** Marker radius, label column width, and the distance between tree levels, in px. */
const R = 9;
export const LABEL_WIDTH = 176;
/** Parent marker to elbow (R + 14), elbow to label (8), label to the child's marker (17). */
const COLUMN = LABEL_WIDTH + 48;
const ROOT_WIDTH = 190;
const MARGIN = 16;
/** Vertical room between neighbouring nodes' text. */
const GAP = 8;
/** Font sizes and line heights of labels and of the probability-and-score line under them. */
export const LABEL_SIZE = 12;
const LABEL_LINE = 15;
export const META_SIZE = 11;
const META_LINE = 14;

/** One node as every view draws it: formatted text only, so it can travel to the browser as JSON. */
export interface TreeDatum {
  path: string;
  type: 'decision' | 'chance' | 'outcome';
  label: string;
  /** The branch's probability given its parent, with its phrase; null for the root and options. */
  probability: string | null;
  /** The chance of reaching this node under the recommended policy, with its phrase. */
  reach: string;
  /** The same, as a number (the page's script unfolds the likeliest subtrees first). */
  reachValue: number;
  /** Expected score from this node on. */
  score: string;
  /** Reached under the recommended policy. */
  onPolicy: boolean;
  /** The option its parent decision takes. */
  chosen: boolean;
  /** An option its parent decision rejects, or anything under one. */
  rejected: boolean;
  /** This node's own payoffs, by criterion label (zero entries left out). */
  payoffs: { label: string; amount: string }[];
  note: string | null;
  source: TreeSource | null;
  children: TreeDatum[];
}

export interface TreeSource {
  id: string;
  title: string;
  /** Author, publisher and date, as far as the scenario gives them. */
  detail: string | null;
  url: string | null;
}

/** What `treeData` reads of an engine result (`NodeResult` has this shape). */
export interface ResultLike {
  node: {
    type: TreeDatum['type'];
    label: string;
    note: string | null;
    source: string | null;
  };
  path: string;
  probability: number | null;
  reach: number;
  score: number;
  chosen: boolean;
  payoff?: Readonly<Record<string, number>>;
  children: readonly ResultLike[];
}

/** The scenario's names for what a node refers to by id. */
export interface TreeContext {
  sources?: readonly {
    id: string;
    title: string;
    author?: string | undefined;
    publisher?: string | undefined;
    date?: string | number | undefined;
    url?: string | undefined;
  }[];
  criteria?: readonly { id: string; label: string; unit: string | null }[];
}

/** An engine result as plain, formatted data: scores by `formatScore`, probabilities with phrases. */
export function treeData(
  root: ResultLike,
  formatScore: (x: number) => string,
  context: TreeContext = {},
): TreeDatum {
  const sources = new Map((context.sources ?? []).map((s) => [s.id, s]));
  const source = (id: string | null): TreeSource | null => {
    if (id === null) return null;
    const s = sources.get(id);
    if (!s) return { id, title: id, detail: null, url: null };
    const detail = [s.author, s.publisher, s.date === undefined ? undefined : String(s.date)]
      .filter((x): x is string => x !== undefined && x !== '')
      .join(', ');
    return { id, title: s.title, detail: detail || null, url: s.url ?? null };
  };
  const payoffs = payoffFormatter(context);
  const walk = (r: ResultLike, parentDecision: boolean, underRejected: boolean): TreeDatum => {
    const numbers = nodeNumbers(r, parentDecision, underRejected, formatScore, payoffs);
    return {
      path: r.path,
      type: r.node.type,
      label: r.node.label,
      ...numbers,
      note: r.node.note,
      source: source(r.node.source),
      children: r.children.map((c) => walk(c, r.node.type === 'decision', numbers.rejected)),
    };
  };
  return walk(root, false, false);
}

/** What of a node changes with the values: its numbers, flags and payoffs, formatted. */
export type TreeNumbers = Pick<
  TreeDatum,
  'probability' | 'reach' | 'reachValue' | 'score' | 'onPolicy' | 'chosen' | 'rejected' | 'payoffs'
>;

type PayoffFormatter = (
  payoff: Readonly<Record<string, number>> | undefined,
) => TreeDatum['payoffs'];

function payoffFormatter(context: TreeContext): PayoffFormatter {
  const criteria = new Map((context.criteria ?? []).map((c) => [c.id, c]));
  return (payoff) =>
    Object.entries(payoff ?? {})
      .filter(([, v]) => v !== 0)
      .map(([id, v]) => {
        const c = criteria.get(id);
        const amount = inputText(v);
        return { label: c?.label ?? id, amount: c?.unit ? `${amount} ${c.unit}` : amount };
      });
}

function nodeNumbers(
  r: ResultLike,
  parentDecision: boolean,
  underRejected: boolean,
  formatScore: (x: number) => string,
  payoffs: PayoffFormatter,
): TreeNumbers {
  return {
    probability: r.probability === null ? null : probabilityText(r.probability, 'table'),
    reach: probabilityText(r.reach, 'table'),
    reachValue: r.reach,
    score: formatScore(r.score),
    onPolicy: r.reach > 0,
    chosen: parentDecision && r.chosen,
    rejected: underRejected || (parentDecision && !r.chosen),
    payoffs: payoffs(r.payoff),
  };
}

/**
 * What differs of the nodes of `next` from those of `shown`, by path: of each node whose
 * numbers changed, the `TreeNumbers` that changed, written as `treeData` writes them; the
 * page's script merges them into the tree it shows. Both are results of one tree (the values
 * differ, never the shape). Raw numbers are compared first, and formatted only when they differ
 * or when the score column's scale did.
 */
export function treeChanges(
  next: ResultLike,
  shown: ResultLike,
  formatNext: (x: number) => string,
  formatShown: (x: number) => string,
  context: TreeContext = {},
): Record<string, Partial<TreeNumbers>> {
  const payoffs = payoffFormatter(context);
  const out: Record<string, Partial<TreeNumbers>> = {};
  const rescaled = formatNext(1) !== formatShown(1);
  const samePayoff = (a: ResultLike['payoff'], b: ResultLike['payoff']) => {
    if (a === b) return true;
    const ka = Object.keys(a ?? {});
    if (ka.length !== Object.keys(b ?? {}).length) return false;
    return ka.every((k) => a![k] === b?.[k]);
  };
  const walk = (
    n: ResultLike,
    s: ResultLike,
    parentDecision: boolean,
    underN: boolean,
    underS: boolean,
  ) => {
    const rejected = underN || (parentDecision && !n.chosen);
    const change: Partial<TreeNumbers> = {};
    if (n.probability !== s.probability)
      change.probability = n.probability === null ? null : probabilityText(n.probability, 'table');
    if (n.reach !== s.reach) {
      change.reach = probabilityText(n.reach, 'table');
      change.reachValue = n.reach;
      if (n.reach > 0 !== s.reach > 0) change.onPolicy = n.reach > 0;
    }
    if (n.score !== s.score || rescaled) {
      const score = formatNext(n.score);
      if (score !== formatShown(s.score)) change.score = score;
    }
    if (n.chosen !== s.chosen) change.chosen = parentDecision && n.chosen;
    if (rejected !== (underS || (parentDecision && !s.chosen))) change.rejected = rejected;
    if (!samePayoff(n.payoff, s.payoff)) change.payoffs = payoffs(n.payoff);
    if (Object.keys(change).length > 0) out[n.path] = change;
    const decision = n.node.type === 'decision';
    n.children.forEach((c, k) => {
      const t = s.children[k];
      if (t) walk(c, t, decision, rejected, underS || (parentDecision && !s.chosen));
    });
  };
  walk(next, shown, false, false, false);
  return out;
}

/** All of the numbers of every node of `next`, by path: when nothing is known of what is shown. */
export function treeNumbers(
  next: ResultLike,
  formatScore: (x: number) => string,
  context: TreeContext = {},
): Record<string, TreeNumbers> {
  const payoffs = payoffFormatter(context);
  const out: Record<string, TreeNumbers> = {};
  const walk = (n: ResultLike, parentDecision: boolean, under: boolean) => {
    const numbers = nodeNumbers(n, parentDecision, under, formatScore, payoffs);
    out[n.path] = numbers;
    n.children.forEach((c) => walk(c, n.node.type === 'decision', numbers.rejected));
  };
  walk(next, false, false);
  return out;
}

/** `data` with the numbers of `changes` merged in, by path (the page's script applies them so). */
export function withTreeChanges(
  data: TreeDatum,
  changes: Readonly<Record<string, Partial<TreeNumbers>>>,
): TreeDatum {
  const walk = (d: TreeDatum): TreeDatum => ({
    ...d,
    ...(changes[d.path] ?? {}),
    children: d.children.map(walk),
  });
  return walk(data);
}

/** A rectangle in SVG user units. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SvgNode {
  path: string;
  /** The parent's path; null at the root. */
  parent: string | null;
  type: TreeDatum['type'];
  depth: number;
  /** The marker's centre; everything else of the node is drawn relative to it. */
  x: number;
  y: number;
  /** The label's lines, and the baseline of the first, relative to the marker. */
  lines: string[];
  /** The probability-and-score lines under the label, and the first one's baseline. */
  meta: string[];
  textX: number;
  labelY: number;
  metaY: number;
  /** Where the node's text may go, relative to the marker: no text is drawn outside it. */
  area: Box;
  onPolicy: boolean;
  rejected: boolean;
  /** Has children, drawn or not. */
  branches: boolean;
  /** Its children are hidden; `hidden` counts the nodes under it that are not drawn. */
  collapsed: boolean;
  hidden: number;
  /** Tooltip and accessible description: label, probability, score, note and source. */
  title: string;
}

export interface SvgLink {
  path: string;
  /** SVG path data: an elbow from the parent to the child. */
  d: string;
  onPolicy: boolean;
  rejected: boolean;
}

export interface SvgTree {
  width: number;
  height: number;
  nodes: SvgNode[];
  links: SvgLink[];
}

export interface LayoutOptions {
  /** Paths of nodes whose subtrees are not drawn. */
  collapsed?: ReadonlySet<string>;
}

/** An engine result laid out whole (reports, the editor's preview, the page without script). */
export function layoutTree(
  root: ResultLike,
  formatScore: (x: number) => string,
  context: TreeContext = {},
): SvgTree {
  return layoutTreeData(treeData(root, formatScore, context));
}

interface Sized {
  datum: TreeDatum;
  lines: string[];
  meta: string[];
  /** Room taken above and below the marker's centre line. */
  above: number;
  below: number;
  order: number;
  hidden: number;
}

function count(d: TreeDatum): number {
  return d.children.reduce((n, c) => n + 1 + count(c), 0);
}

/** The probability-and-score parts of a node, greedily packed into lines of `width`. */
function metaLines(parts: string[], width: number): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} · ${part}`, META_SIZE) <= width)
      lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(...wrapText(part, width, META_SIZE));
  }
  return lines;
}

/** Lays out `data`, leaving out the subtrees of `options.collapsed`. */
export function layoutTreeData(data: TreeDatum, options: LayoutOptions = {}): SvgTree {
  const collapsed = options.collapsed ?? new Set<string>();
  let order = 0;
  const sized = (d: TreeDatum, depth: number): Sized => {
    const shut = collapsed.has(d.path) && d.children.length > 0;
    const hidden = shut ? count(d) : 0;
    const width = depth === 0 ? ROOT_WIDTH : LABEL_WIDTH;
    const lines = wrapText(d.label, width, LABEL_SIZE, d.onPolicy);
    const meta = metaLines(
      [
        ...(d.probability === null ? [] : [d.probability]),
        `score ${d.score}`,
        ...(hidden > 0 ? [`${hidden} more ${hidden === 1 ? 'node' : 'nodes'} folded`] : []),
      ],
      width,
    );
    return {
      datum: d,
      lines,
      meta,
      above: lines.length * LABEL_LINE + 5,
      below: Math.max(R + 2, meta.length * META_LINE + 8),
      order: 0,
      hidden,
    };
  };
  const h = hierarchy<Sized>(sized(data, 0), (s) => {
    const d = s.datum;
    if (collapsed.has(d.path)) return null;
    const depth = d.path.split('/').length;
    return d.children.map((c) => sized(c, depth));
  });
  // Pre-order: of two nodes at one depth, the earlier is drawn above the later.
  h.eachBefore((n) => (n.data.order = order++));
  const laid = tree<Sized>()
    .nodeSize([1, COLUMN])
    .separation((a, b) => {
      const [top, bottom] = a.data.order < b.data.order ? [a, b] : [b, a];
      return top.data.below + bottom.data.above + GAP;
    })(h);

  let top = Infinity;
  let bottom = -Infinity;
  let depth = 0;
  laid.each((n) => {
    top = Math.min(top, n.x - n.data.above);
    bottom = Math.max(bottom, n.x + n.data.below);
    depth = Math.max(depth, n.depth);
  });
  const rootX = MARGIN + ROOT_WIDTH + 8 + R;
  const px = (n: HierarchyPointNode<Sized>) => rootX + n.depth * COLUMN;
  const py = (n: HierarchyPointNode<Sized>) => n.x - top + MARGIN;

  const nodes: SvgNode[] = [];
  const links: SvgLink[] = [];
  laid.each((n) => {
    const s = n.data;
    const d = s.datum;
    const x = px(n);
    const y = py(n);
    const width = n.depth === 0 ? ROOT_WIDTH : LABEL_WIDTH;
    const textX = n.depth === 0 ? MARGIN - x : -(LABEL_WIDTH + 17);
    const details = [
      d.label,
      d.probability === null ? null : `probability ${d.probability}`,
      `expected score from here ${d.score}`,
      d.note,
      d.source ? `source: ${d.source.title}` : null,
    ];
    nodes.push({
      path: d.path,
      parent: n.parent ? n.parent.data.datum.path : null,
      type: d.type,
      depth: n.depth,
      x,
      y,
      lines: s.lines,
      meta: s.meta,
      textX,
      labelY: -6 - (s.lines.length - 1) * LABEL_LINE,
      metaY: 17,
      area: { x: textX - 2, y: -s.above, width: width + 4, height: s.above + s.below },
      onPolicy: d.onPolicy,
      rejected: d.rejected,
      branches: d.children.length > 0,
      collapsed: s.hidden > 0,
      hidden: s.hidden,
      title: details.filter((t) => t !== null).join('\n'),
    });
    if (n.parent) {
      const x0 = px(n.parent) + R + 2;
      const y0 = py(n.parent);
      const elbow = px(n.parent) + R + 14;
      links.push({
        path: d.path,
        d: `M${x0},${y0}H${elbow}V${y}H${x - R - 3}`,
        onPolicy: d.onPolicy,
        rejected: d.rejected,
      });
    }
  });
  return {
    width: Math.ceil(rootX + depth * COLUMN + R + MARGIN),
    height: Math.ceil(bottom - top + 2 * MARGIN),
    nodes,
    links,
  };
}
