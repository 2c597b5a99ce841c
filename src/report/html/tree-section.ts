import type { ReportData } from '../report-data';
import { TREE_EXPLAINED } from '../report-text';
import { h } from './html-text';

/** The decision tree, every node with its branch probability and its score from here (HTML). */
export function treeSection(data: ReportData): string[] {
  // A tree much wider than tall prints on a landscape page; others fill a portrait one.
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(data.tree_svg);
  const landscape = box !== null && Number(box[1]) > 1.45 * Number(box[2]);
  return [
    `<section class="tree-section${landscape ? ' landscape' : ''}">`,
    '<h2>Decision tree</h2>',
    `<p class="lede">${h(TREE_EXPLAINED)}</p>`,
    '<figure class="tree-figure">',
    data.tree_svg,
    '</figure>',
    '</section>',
  ];
}
