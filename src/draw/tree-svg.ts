import { escapeXml } from './escape-xml';
import { wrapText } from './text-width';
import type { SvgNode, SvgTree } from './tree-layout';

/**
 * The decision tree as SVG markup: one renderer for the web page (on the server, and in the
 * page's script when subtrees fold), the HTML report and the standalone `.svg` file, so they
 * always draw the same tree. Pure, like the layout.
 */

/**
 * Colours and type for a standalone file. The web page styles the same classes from its own
 * stylesheet (which forbids inline styles), so only standalone output carries this. Every text
 * colour is at least 4.5:1 against the white ground; rejected options are told by a hollow
 * marker, a dashed line and grey text, not by transparency.
 */
export const TREE_STYLE = `
  .tree { font-family: 'Source Sans 3', 'Segoe UI', system-ui, 'DejaVu Sans', Verdana, sans-serif; font-size: 12px; }
  .link { fill: none; stroke: #7d8b99; stroke-width: 1.2; }
  .link.policy { stroke: #1d6b3a; stroke-width: 3; }
  .link.rejected { stroke: #8a96a3; stroke-dasharray: 4 3; }
  .label-area { fill: none; }
  .node-label { fill: #1d2733; }
  .node.policy .node-label { font-weight: 700; }
  .node.rejected .node-label { fill: #4f5b67; }
  .node-meta { fill: #6b5200; font-size: 11px; }
  .node.rejected .node-meta { fill: #4f5b67; }
  .node rect.marker { fill: #1f4e79; }
  .node circle.marker { fill: #c99a00; }
  .node polygon.marker { fill: #1d6b3a; }
  .node.policy .marker { stroke: #1d2733; stroke-width: 2; }
  .node.rejected .marker { fill: #ffffff; stroke: #5b6875; stroke-width: 1.5; }
  .fold-ring { fill: none; stroke: #1f4e79; stroke-width: 1.5; stroke-dasharray: 3 2; }
  .caption-title { fill: #1d2733; font-size: 16px; font-weight: 700; }
  .caption-line { fill: #1d2733; font-size: 12px; }
`;

/** What a standalone file says above the tree: the scenario and the assumptions changed. */
export interface TreeCaption {
  title: string;
  /** One line per assumption that differs from the file, or a line saying none does. */
  lines: string[];
}

export interface TreeSvgOptions {
  /** A complete SVG document with its own styles (for `--format svg` and HTML reports). */
  standalone?: boolean;
  /** Make nodes keyboard-focusable, each read out whole (the web page without script). */
  focusable?: boolean;
  /** Nodes are buttons that fold their subtrees (the web page with its script). */
  interactive?: boolean;
  /** Title and changed assumptions above the tree (the standalone file). */
  caption?: TreeCaption;
}

const DESCRIPTION =
  'Decision tree: squares are decisions, circles chance events, triangles outcomes; the recommended policy is drawn in bold green, rejected options hollow and dashed';

/** Numbers in attributes: at most two decimals, so the markup stays small and stable. */
const n = (x: number) => String(Math.round(x * 100) / 100);

export function renderTreeSvg(tree: SvgTree, options: TreeSvgOptions = {}): string {
  const cls = (base: string, flags: Record<string, boolean>) =>
    [
      base,
      ...Object.entries(flags)
        .filter(([, on]) => on)
        .map(([name]) => name),
    ].join(' ');
  const caption = options.caption ? captionBlock(options.caption, tree.width) : null;
  const width = Math.max(tree.width, caption?.width ?? 0);
  const height = tree.height + (caption?.height ?? 0);
  const out: string[] = [];
  const namespace = options.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  const live = options.interactive || options.focusable;
  out.push(
    `<svg${namespace} class="tree" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="${live ? 'group' : 'img'}" aria-label="${escapeXml(caption ? `${caption.label} ${DESCRIPTION}` : DESCRIPTION)}">`,
  );
  if (options.standalone)
    out.push(`<style>${TREE_STYLE}</style>`, `<rect width="100%" height="100%" fill="#ffffff"/>`);
  if (caption) out.push(caption.markup, `<g transform="translate(0,${caption.height})">`);
  for (const l of tree.links) {
    out.push(
      `<path class="${cls('link', { policy: l.onPolicy, rejected: l.rejected })}" data-path="${escapeXml(l.path)}" d="${l.d}"></path>`,
    );
  }
  for (const node of tree.nodes) out.push(nodeMarkup(node, options, cls));
  if (caption) out.push('</g>');
  out.push('</svg>');
  return out.join('\n');
}

function nodeMarkup(
  node: SvgNode,
  options: TreeSvgOptions,
  cls: (base: string, flags: Record<string, boolean>) => string,
): string {
  const shape =
    node.type === 'decision'
      ? '<rect class="marker" x="-9" y="-9" width="18" height="18"></rect>'
      : node.type === 'chance'
        ? '<circle class="marker" r="9"></circle>'
        : '<polygon class="marker" points="-9,0 7,-9 7,9"></polygon>';
  const tspans = (lines: string[], y: number, step: number) =>
    lines
      .map(
        (line, i) =>
          `<tspan x="${n(node.textX)}" y="${n(y + i * step)}">${escapeXml(line)}</tspan>`,
      )
      .join('');
  const a = node.area;
  let attributes = '';
  if (options.interactive) {
    // Named by its <title> (label, probability, score, note, source), which also shows on hover.
    attributes = ` tabindex="-1" role="button"`;
    if (node.branches) attributes += ` aria-expanded="${node.collapsed ? 'false' : 'true'}"`;
  } else if (options.focusable) {
    attributes = ` tabindex="0" role="img" aria-label="${escapeXml(node.title.replace(/\n/g, '. '))}"`;
  }
  // A button is named by its title (the whole description); its drawn lines repeat part of it,
  // so they are hidden from assistive technology rather than read twice.
  const hidden = options.interactive ? ' aria-hidden="true"' : '';
  return (
    `<g class="${cls(`node ${node.type}`, { policy: node.onPolicy, rejected: node.rejected, collapsed: node.collapsed })}" data-path="${escapeXml(node.path)}"${attributes} transform="translate(${n(node.x)},${n(node.y)})">` +
    `<title>${escapeXml(node.title)}</title>` +
    `<rect class="label-area" x="${n(a.x)}" y="${n(a.y)}" width="${n(a.width)}" height="${n(a.height)}"></rect>` +
    `<text class="node-label"${hidden}>${tspans(node.lines, node.labelY, 15)}</text>` +
    `<text class="node-meta"${hidden}>${tspans(node.meta, node.metaY, 14)}</text>` +
    (node.collapsed ? '<circle class="fold-ring" r="13"></circle>' : '') +
    `${shape}</g>`
  );
}

/** The caption's markup, its size, and a one-line form for the accessible name. */
function captionBlock(
  caption: TreeCaption,
  treeWidth: number,
): { markup: string; width: number; height: number; label: string } {
  const width = Math.max(treeWidth, 560);
  const inner = width - 32;
  const title = wrapText(caption.title, inner, 16, true);
  const lines = caption.lines.flatMap((l) => wrapText(l, inner, 12));
  let y = 16;
  const out: string[] = ['<g class="tree-caption">'];
  out.push(
    `<text class="caption-title">${title.map((t) => `<tspan x="16" y="${(y += 20)}">${escapeXml(t)}</tspan>`).join('')}</text>`,
  );
  y += 6;
  out.push(
    `<text class="caption-line">${lines.map((t) => `<tspan x="16" y="${(y += 16)}">${escapeXml(t)}</tspan>`).join('')}</text>`,
  );
  out.push('</g>');
  return {
    markup: out.join(''),
    width,
    height: y + 12,
    label: [caption.title, ...caption.lines]
      .map((t) => (/[.:;!?]$/.test(t) ? t : `${t}.`))
      .join(' '),
  };
}

/**
 * A standalone tree (from `renderTreeSvg(…, { standalone: true })`) with `caption` above it, as
 * one standalone document: the tree is nested unchanged below the caption.
 */
export function captionTreeSvg(treeSvg: string, caption: TreeCaption): string {
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(treeSvg);
  if (!box || !treeSvg.startsWith('<svg ')) throw new Error('not a tree drawn by renderTreeSvg');
  const treeWidth = Number(box[1]);
  const treeHeight = Number(box[2]);
  const block = captionBlock(caption, treeWidth);
  const width = Math.max(treeWidth, block.width);
  const height = treeHeight + block.height;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="tree" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(`${block.label} ${DESCRIPTION}`)}">`,
    `<style>${TREE_STYLE}</style>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    block.markup,
    `<svg x="0" y="${block.height}"${treeSvg.slice(4)}`,
    '</svg>',
  ].join('\n');
}
