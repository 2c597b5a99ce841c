import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';
import { inputText, probabilityText, scoreColumn } from '../present/numbers';
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

/** One node's numbers, as a result or a `TreeShown` holds them. */
interface NodeValues {
  probability: number | null;
  reach: number;
  score: number;
  chosen: boolean;
  payoff?: Readonly<Record<string, number>> | undefined;
}

function nodeNumbers(
  r: NodeValues,
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
 * A rollback's tree as the live page shows it, kept to compare a later rollback with: each
 * node's numbers in file order (depth first), without the tree, which every rollback of one
 * document shares (the values differ, never the shape). Typed arrays, not a tree of objects:
 * the page keeps hundreds of these, and the garbage collector walks none of them.
 */
export interface TreeShown {
  /** Probability given the parent; NaN where there is none (the root, a decision's options). */
  readonly probability: Float64Array;
  readonly reach: Float64Array;
  readonly score: Float64Array;
  /** 1 for the option its parent decision takes. */
  readonly chosen: Uint8Array;
  readonly payoff: readonly (Readonly<Record<string, number>> | undefined)[];
  /** The score format: one scale for the whole tree, its largest magnitude. */
  readonly formatScore: (x: number) => string;
}

/** The numbers of `root`'s tree, to compare with. */
export function treeShown(root: ResultLike): TreeShown {
  let size = 0;
  const count = (n: ResultLike): void => {
    size++;
    for (const c of n.children) count(c);
  };
  count(root);
  const probability = new Float64Array(size);
  const reach = new Float64Array(size);
  const score = new Float64Array(size);
  const chosen = new Uint8Array(size);
  const payoff: (Readonly<Record<string, number>> | undefined)[] = new Array<
    Readonly<Record<string, number>> | undefined
  >(size);
  let i = 0;
  const fill = (n: ResultLike): void => {
    probability[i] = n.probability ?? NaN;
    reach[i] = n.reach;
    score[i] = n.score;
    chosen[i] = n.chosen ? 1 : 0;
    payoff[i] = n.payoff;
    i++;
    for (const c of n.children) fill(c);
  };
  fill(root);
  return { probability, reach, score, chosen, payoff, formatScore: scoreColumn(score) };
}

/** Node `i` of `t`. */
function valuesAt(t: TreeShown, i: number): NodeValues {
  const p = t.probability[i]!;
  return {
    probability: Number.isNaN(p) ? null : p,
    reach: t.reach[i]!,
    score: t.score[i]!,
    chosen: t.chosen[i] === 1,
    payoff: t.payoff[i],
  };
}

/**
 * What differs of the nodes of `next` from those of `shown`, by path: of each node whose
 * numbers changed, the `TreeNumbers` that changed, written as `treeData` writes them; the
 * page's script merges them into the tree it shows. Both are of `tree`'s shape, whose paths and
 * node types they take. Raw numbers are compared first, and formatted only when they differ
 * or when the score column's scale did.
 */
export function treeChanges(
  tree: ResultLike,
  next: TreeShown,
  shown: TreeShown,
  context: TreeContext = {},
): Record<string, Partial<TreeNumbers>> {
  const payoffs = payoffFormatter(context);
  const out: Record<string, Partial<TreeNumbers>> = {};
  const rescaled = next.formatScore(1) !== shown.formatScore(1);
  let i = 0;
  // Called for every node of every live page update: an object only for a node that changed.
  const walk = (n: ResultLike, parentDecision: boolean, underN: boolean, underS: boolean) => {
    const at = i++;
    const chosen = next.chosen[at] === 1;
    const chosenShown = shown.chosen[at] === 1;
    const rejected = underN || (parentDecision && !chosen);
    const rejectedShown = underS || (parentDecision && !chosenShown);
    let change: Partial<TreeNumbers> | null = null;
    const p = next.probability[at]!;
    const q = shown.probability[at]!;
    // NaN (no probability) on both sides is no change.
    if (p !== q && !(Number.isNaN(p) && Number.isNaN(q)))
      (change ??= {}).probability = Number.isNaN(p) ? null : probabilityText(p, 'table');
    const reach = next.reach[at]!;
    const reachShown = shown.reach[at]!;
    if (reach !== reachShown) {
      change ??= {};
      change.reach = probabilityText(reach, 'table');
      change.reachValue = reach;
      if (reach > 0 !== reachShown > 0) change.onPolicy = reach > 0;
    }
    if (next.score[at] !== shown.score[at] || rescaled) {
      const score = next.formatScore(next.score[at]!);
      if (score !== shown.formatScore(shown.score[at]!)) (change ??= {}).score = score;
    }
    if (chosen !== chosenShown) (change ??= {}).chosen = parentDecision && chosen;
    if (rejected !== rejectedShown) (change ??= {}).rejected = rejected;
    if (!samePayoff(next.payoff[at], shown.payoff[at]))
      (change ??= {}).payoffs = payoffs(next.payoff[at]);
    if (change) out[n.path] = change;
    const decision = n.node.type === 'decision';
    for (const c of n.children) walk(c, decision, rejected, rejectedShown);
  };
  walk(tree, false, false, false);
  return out;
}

/** The same payoffs: the same criteria with the same amounts (none is the same as empty). */
function samePayoff(
  a: ResultLike['payoff'] = NO_PAYOFF,
  b: ResultLike['payoff'] = NO_PAYOFF,
): boolean {
  if (a === b) return true;
  let count = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

const NO_PAYOFF: Readonly<Record<string, number>> = {};

/** All of the numbers of every node of `next` (of `tree`'s shape), by path: when nothing is known of what is shown. */
export function treeNumbers(
  tree: ResultLike,
  next: TreeShown,
  context: TreeContext = {},
): Record<string, TreeNumbers> {
  const payoffs = payoffFormatter(context);
  const out: Record<string, TreeNumbers> = {};
  let i = 0;
  const walk = (n: ResultLike, parentDecision: boolean, under: boolean) => {
    const numbers = nodeNumbers(
      valuesAt(next, i++),
      parentDecision,
      under,
      next.formatScore,
      payoffs,
    );
    out[n.path] = numbers;
    for (const c of n.children) walk(c, n.node.type === 'decision', numbers.rejected);
  };
  walk(tree, false, false);
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
