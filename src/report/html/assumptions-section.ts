import type { ReportData } from '../report-data';
import { firstRows, hasConfidence } from '../report-rows';
import {
  citationParts,
  exact,
  isWebUrl,
  NO_LITERAL_PROBABILITIES,
  NO_PARAMETERS,
  NO_SOURCES,
} from '../report-text';
import { h, inline, named, trail } from './html-text';

/** The assumptions: every parameter, the branch probabilities written as numbers, the sources. */
export function assumptionsSection(data: ReportData): string[] {
  return [
    '<section class="assumptions">',
    '<h2>Assumptions</h2>',
    '<h3>Parameters</h3>',
    ...parametersTable(data),
    '<h3>Branch probabilities written in the file</h3>',
    ...probabilitiesTable(data),
    '<h3>Sources</h3>',
    ...sourcesList(data),
    '</section>',
  ];
}

/** A link to a source in the list of sources. */
function sourceLink(id: string | null): string {
  return id ? `<a href="#source-${h(id)}">${h(id)}</a>` : '';
}

function parametersTable(data: ReportData): string[] {
  const out: string[] = [];
  const confidence = hasConfidence(data);
  if (data.parameters.length === 0) out.push(`<p>${NO_PARAMETERS}</p>`);
  else
    out.push(
      '<table class="assumption-table long wide">',
      `<thead><tr><th>Parameter</th><th>Value</th>${confidence ? '<th>Confidence</th>' : ''}<th>Range</th><th>Distribution</th><th>Source</th><th>Note</th></tr></thead>`,
      '<tbody>',
      ...data.parameters.map((p) => {
        const value = p.changed
          ? `<strong>${h(exact(p.value, p.probability))}</strong> <span class="was">file: ${h(exact(p.base_value, p.probability))}</span>`
          : h(exact(p.value, p.probability));
        const details = [
          ...(p.unit ? [`<div class="unit">${h(p.unit)}</div>`] : []),
          ...(p.expression === null ? [] : [`<div><code>= ${h(p.expression)}</code></div>`]),
        ].join('');
        return `<tr><td>${named(p.label, p.name)}</td><td class="value">${value}${details}</td>${confidence ? `<td>${h(p.confidence ?? '')}</td>` : ''}<td class="nowrap">${p.range ? `${exact(p.range[0])} – ${exact(p.range[1])}` : ''}</td><td class="nowrap">${p.distribution ? `<code>${h(p.distribution)}</code>` : ''}</td><td>${sourceLink(p.source)}</td><td class="note">${inline(p.note)}</td></tr>`;
      }),
      '</tbody>',
      '</table>',
    );
  return out;
}

function probabilitiesTable(data: ReportData): string[] {
  const out: string[] = [];
  if (data.probabilities.length === 0) out.push(`<p>${NO_LITERAL_PROBABILITIES}</p>`);
  else {
    const { rows, more } = firstRows(data.probabilities);
    out.push(
      '<table class="assumption-table long wide">',
      '<thead><tr><th>Branch</th><th class="num">Probability</th><th>Source</th><th>Note</th></tr></thead>',
      '<tbody>',
      ...rows.map(
        (p) =>
          `<tr><td>${trail(p.trail)}</td><td class="num">${p.changed ? `<strong>${h(exact(p.value, true))}</strong> <span class="was">file: ${h(exact(p.base_value, true))}</span>` : h(exact(p.value, true))}</td><td>${sourceLink(p.source)}</td><td class="note">${inline(p.note)}</td></tr>`,
      ),
      '</tbody>',
      '</table>',
    );
    if (more > 0) out.push(`<p class="caption">${more} more are in the JSON and CSV reports.</p>`);
  }
  return out;
}

function sourcesList(data: ReportData): string[] {
  const out: string[] = [];
  if (data.sources.length === 0) out.push(`<p>${NO_SOURCES}</p>`);
  else {
    out.push('<ol class="sources">');
    for (const s of data.sources) {
      const { author, rest } = citationParts(s);
      const parts = [...(author ? [h(author)] : []), `<cite>${h(s.title)}</cite>`, ...rest.map(h)];
      const url = s.url
        ? isWebUrl(s.url)
          ? ` <a class="url" href="${h(s.url)}">${h(s.url)}</a>`
          : ` <span class="url">${h(s.url)}</span>`
        : '';
      out.push(
        `<li id="source-${h(s.id)}"><span class="source-id">${h(s.id)}</span> ${parts.join(', ')}.${url}${s.note ? `<div class="note">${inline(s.note)}</div>` : ''}</li>`,
      );
    }
    out.push('</ol>');
  }
  return out;
}
