import { hierarchy, tree } from 'd3-hierarchy';
import type { NodeResult } from '../engine';
import { probabilityText } from '../present';

/**
 * The decision tree laid out for SVG on the server, so it draws without JavaScript: root on the
 * left, leaves on the right, as analysts know it from TreeAge and SilverDecisions.
 */

/** Horizontal distance between tree levels and vertical distance between leaves, in px. */
const COLUMN = 270;
const ROW = 46;
const MARGIN = { top: 24, right: 150, bottom: 24, left: 24 };
/** Longest label drawn in full; longer ones are cut and shown whole in the tooltip. */
const LABEL_CHARS = 36;

export interface SvgNode {
  path: string;
  type: 'decision' | 'chance' | 'outcome';
  x: number;
  y: number;
  label: string;
  fullLabel: string;
  /** Branch probability shown under the line into the node, if any. */
  probability: string | null;
  score: string;
  onPolicy: boolean;
  rejected: boolean;
  /** Tooltip: label, score from here, note and source. */
  title: string;
}

export interface SvgLink {
  path: string;
  /** SVG path data: an elbow from the parent to the child. */
  d: string;
  onPolicy: boolean;
  rejected: boolean;
  /** The child's label above the line and its probability below, from `labelX`, `labelY`. */
  label: string;
  probability: string | null;
  labelX: number;
  labelY: number;
}

export interface SvgTree {
  width: number;
  height: number;
  nodes: SvgNode[];
  links: SvgLink[];
}

export function layoutTree(root: NodeResult, formatScore: (x: number) => string): SvgTree {
  const h = hierarchy(root, (n) => n.children);
  const laid = tree<NodeResult>().nodeSize([ROW, COLUMN])(h);
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = 0;
  laid.each((n) => {
    minX = Math.min(minX, n.x);
    maxX = Math.max(maxX, n.x);
    maxY = Math.max(maxY, n.y);
  });
  // d3 lays trees out top-down (x across, y down); turn it so depth runs left to right.
  const px = (n: { y: number }) => n.y + MARGIN.left + 10;
  const py = (n: { x: number }) => n.x - minX + MARGIN.top + 18;
  const nodes: SvgNode[] = [];
  const links: SvgLink[] = [];
  laid.each((n) => {
    const r = n.data;
    const parentIsDecision = n.parent?.data.node.type === 'decision';
    const rejected = parentIsDecision && !r.chosen;
    const onPolicy = r.reach > 0;
    const label =
      r.node.label.length > LABEL_CHARS
        ? `${r.node.label.slice(0, LABEL_CHARS - 1)}…`
        : r.node.label;
    const x = px(n);
    const y = py(n);
    const probability = r.probability === null ? null : probabilityText(r.probability, 'table');
    const details = [
      r.node.label,
      `score from here ${formatScore(r.score)} (payoffs on the way to this node not counted)`,
      r.node.note,
      r.node.source ? `source: ${r.node.source}` : null,
    ];
    nodes.push({
      path: r.path,
      type: r.node.type,
      x,
      y,
      label,
      fullLabel: r.node.label,
      probability,
      score: formatScore(r.score),
      onPolicy,
      rejected,
      title: details.filter((d) => d !== null).join('\n'),
    });
    if (n.parent) {
      const x0 = px(n.parent) + 12;
      const y0 = py(n.parent);
      const elbow = x0 + 24;
      links.push({
        path: r.path,
        d: `M${x0},${y0}H${elbow}V${y}H${x - 12}`,
        onPolicy,
        rejected,
        label,
        probability,
        labelX: elbow + 8,
        labelY: y,
      });
    }
  });
  return {
    width: maxY + MARGIN.left + MARGIN.right + 20,
    height: maxX - minX + MARGIN.top + MARGIN.bottom + 36,
    nodes,
    links,
  };
}
