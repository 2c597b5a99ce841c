import MarkdownIt from 'markdown-it';
import { escapeXml } from '../../draw/escape-xml';
import type { ReportData } from '../report-data';
import { directionText } from '../report-text';

/**
 * Descriptions and notes are Markdown written by whoever wrote the file: user content. Raw HTML
 * is off (it comes out escaped) and markdown-it refuses `javascript:` and similar links.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** Escapes user text for HTML content and attribute values. */
export const h = escapeXml;

/** A block of Markdown (a description) as HTML. */
export function block(text: string): string {
  return md.render(text).trim();
}

/** A note: inline Markdown as HTML; nothing for no note. */
export function inline(text: string | null): string {
  return text ? md.renderInline(text.trim()) : '';
}

/** "Label `name`", or just the name in code when there is no label. */
export function named(label: string | null, name: string): string {
  return label && label !== name
    ? `${h(label)} <code class="name">${h(name)}</code>`
    : `<code class="name">${h(name)}</code>`;
}

/** A criterion as a column heading: label, then unit and direction in small type. */
export function criterionHeader(c: ReportData['criteria'][number]): string {
  const details = [c.unit, directionText(c.direction)].filter((x) => x !== null).join(' · ');
  return `<th class="num wrap">${h(c.label)}<span class="dir">${h(details)}</span></th>`;
}

/** An outcome: its label, and below it the way the tree went to reach it. */
export function outcome(labels: readonly string[]): string {
  const route = labels.slice(0, -1);
  return `<strong>${h(labels[labels.length - 1] ?? '')}</strong>${route.length > 0 ? `<div class="route">${route.map(h).join('<span class="sep"> › </span>')}</div>` : ''}`;
}

/** The labels on the way to a node, the last one emphasised. */
export function trail(labels: readonly string[]): string {
  return labels
    .map((l, i) =>
      i === labels.length - 1 ? `<strong>${h(l)}</strong>` : `<span class="step">${h(l)}</span>`,
    )
    .join('<span class="sep"> › </span>');
}
