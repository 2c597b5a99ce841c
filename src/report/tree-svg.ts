import { escapeXml } from './escape';
import type { SvgTree } from './tree-layout';

/**
 * The decision tree as SVG markup: one renderer for the web page, the HTML report and the
 * standalone `.svg` file, so they always draw the same tree.
 */

/**
 * Colours and type for a standalone file. The web page styles the same classes from its own
 * stylesheet (which forbids inline styles), so only standalone output carries this.
 */
export const TREE_STYLE = `
  .tree { font-family: 'Source Sans 3', 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 12px; }
  .link { fill: none; stroke: #aeb8c2; stroke-width: 1.2; }
  .link.policy { stroke: #1d6b3a; stroke-width: 3; }
  .rejected { opacity: 0.4; }
  .branch-label, .root-label { fill: #1d2733; }
  .root-label { font-weight: 700; }
  .branch-prob { fill: #7a5c00; font-size: 11px; }
  .node rect { fill: #1f4e79; }
  .node circle { fill: #c99a00; }
  .node polygon { fill: #1d6b3a; }
  .node.policy rect, .node.policy circle, .node.policy polygon { stroke: #1d2733; stroke-width: 2; }
  .node-score { fill: #5b6875; font-size: 11px; }
`;

export interface TreeSvgOptions {
  /** A complete SVG document with its own styles (for `--format svg` and HTML reports). */
  standalone?: boolean;
  /** Make nodes keyboard-focusable (the web page). */
  focusable?: boolean;
}

export function renderTreeSvg(tree: SvgTree, options: TreeSvgOptions = {}): string {
  const cls = (base: string, flags: Record<string, boolean>) =>
    [
      base,
      ...Object.entries(flags)
        .filter(([, on]) => on)
        .map(([name]) => name),
    ].join(' ');
  const out: string[] = [];
  const namespace = options.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  out.push(
    `<svg${namespace} class="tree" viewBox="0 0 ${tree.width} ${tree.height}" width="${tree.width}" height="${tree.height}" role="img" aria-label="Decision tree: squares are decisions, circles chance events, triangles outcomes; the recommended policy is highlighted">`,
  );
  if (options.standalone)
    out.push(`<style>${TREE_STYLE}</style>`, `<rect width="100%" height="100%" fill="#ffffff"/>`);
  for (const l of tree.links) {
    out.push(
      `<path class="${cls('link', { policy: l.onPolicy, rejected: l.rejected })}" data-path="${escapeXml(l.path)}" d="${l.d}"></path>`,
    );
  }
  for (const l of tree.links) {
    out.push(
      `<text class="${cls('branch-label', { rejected: l.rejected })}" x="${l.labelX}" y="${l.labelY - 6}">${escapeXml(l.label)}</text>`,
    );
    if (l.probability)
      out.push(
        `<text class="branch-prob" x="${l.labelX}" y="${l.labelY + 14}">${escapeXml(l.probability)}</text>`,
      );
  }
  for (const n of tree.nodes) {
    const shape =
      n.type === 'decision'
        ? '<rect x="-9" y="-9" width="18" height="18"></rect>'
        : n.type === 'chance'
          ? '<circle r="9"></circle>'
          : '<polygon points="-9,0 7,-9 7,9"></polygon>';
    // The root's label heads the drawing, clear of the branches that leave the root.
    const root = n.path.includes('/')
      ? ''
      : `<text class="root-label" x="-4" y="${14 - n.y}">${escapeXml(n.label)}</text>`;
    out.push(
      `<g class="${cls(`node ${n.type}`, { policy: n.onPolicy, rejected: n.rejected })}" data-path="${escapeXml(n.path)}"${options.focusable ? ' tabindex="0"' : ''} transform="translate(${n.x},${n.y})">` +
        `<title>${escapeXml(n.title)}</title>${shape}${root}<text class="node-score" x="-12" y="24">${escapeXml(n.score)}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
