import { layoutTreeData, type TreeDatum } from './tree-layout';
import { renderTreeSvg } from './tree-svg';

/**
 * The tree as the scenario page embeds it: the whole tree drawn (so it shows without script),
 * followed by its data as JSON, from which the page's script (client/tree.ts) redraws it with
 * subtrees folded, by the same layout and renderer. The JSON is inert under the page's CSP and
 * escaped so no label can close the element.
 */
export function renderTreeFigure(data: TreeDatum): string {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `${renderTreeSvg(layoutTreeData(data), { focusable: true })}\n<script type="application/json" class="tree-data">${json}</script>`;
}
