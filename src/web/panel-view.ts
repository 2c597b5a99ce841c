import { analyseDocument, type ScenarioDocument } from '../document';
import { poolPanel, type Panel, type PoolMethod } from '../engine/pool';
import type { StoredScenario } from '../folder/scenario-folder';
import { formatDiagnostic } from '../load';
import { phraseOf } from '../model/phrases';
import { escapeXml } from '../draw/escape-xml';

/** What views/panel.ejs shows: FORMAT.md section 10 as a page. */
export interface PanelView {
  pool: PoolMethod;
  analysts: { id: string; analyst: string; choice: string; score: string; agrees: boolean }[];
  pooled: { choice: string; score: string } | null;
  /** "2 of 3 analysts (67%) recommend what the pooled judgement recommends." */
  agreement: string | null;
  parameters: {
    name: string;
    label: string;
    base: string;
    pooled: string;
    spread: string;
    /** Server-drawn dot plot, with its own title and description for screen readers. */
    svg: string;
    values: { analyst: string; value: string; rationale: string | null }[];
  }[];
  /** Assessment files that do not read or evaluate, with their problems. */
  invalid: { id: string; errors: string[] }[];
  errors: string[];
}

const n3 = (x: number): string => String(Number(x.toPrecision(3)));

/** Pools the valid assessments of a scenario and lays the result out for the page. */
export function panelView(
  doc: ScenarioDocument & { ok: true },
  assessments: readonly StoredScenario[],
  pool: PoolMethod,
): PanelView {
  const valid = assessments.filter(
    (a): a is StoredScenario & { doc: { ok: true } } => a.doc.ok && a.doc.variant !== null,
  );
  const invalid = assessments
    .filter((a) => !a.doc.ok)
    .map((a) => ({
      id: a.id,
      errors: a.doc.ok ? [] : a.doc.errors.map((e) => formatDiagnostic(e)),
    }));
  const empty = { pool, analysts: [], pooled: null, agreement: null, parameters: [], invalid };
  if (valid.length === 0) return { ...empty, errors: [] };
  const inputs = valid.map((a) => ({
    analyst: a.doc.variant!.analyst ?? a.id,
    set: a.doc.variant!.overrides.set ?? {},
    weight: a.doc.variant!.overrides.weight ?? {},
  }));
  const result = analyseDocument(doc, {}, (s, o) => poolPanel(s, inputs, pool, o));
  if (!result.ok) return { ...empty, errors: result.errors.map((e) => formatDiagnostic(e)) };
  return { ...layout(doc, valid, result.value), invalid };
}

function layout(
  doc: ScenarioDocument & { ok: true },
  valid: readonly (StoredScenario & { doc: { ok: true } })[],
  panel: Panel,
): PanelView {
  const label = (id: string | null) =>
    id === null ? 'no decision' : (doc.base.options.find((o) => o.id === id)?.label ?? id);
  const parameters = new Map(doc.scenario.parameters.map((p) => [p.name, p]));
  const agreeing = panel.analysts.filter((a) => a.choice === panel.pooled.choice).length;
  return {
    pool: panel.pool,
    analysts: panel.analysts.map((a, i) => ({
      id: valid[i]!.id,
      analyst: a.analyst,
      choice: label(a.choice),
      score: n3(a.score),
      agrees: a.choice === panel.pooled.choice,
    })),
    pooled: { choice: label(panel.pooled.choice), score: n3(panel.pooled.score) },
    agreement: `${agreeing} of ${panel.analysts.length} analyst${panel.analysts.length === 1 ? '' : 's'} (${Math.round(panel.agreement * 100)}%) recommend what the pooled judgement recommends.`,
    parameters: panel.parameters.map((p) => {
      const info = parameters.get(p.name);
      const probability = info?.probability === true;
      const shown = (x: number) => (probability ? `${n3(x)} (${phraseOf(x)})` : n3(x));
      return {
        name: p.name,
        label: info?.label ?? p.name,
        base: shown(p.base),
        pooled: shown(p.pooled),
        spread: n3(p.spread),
        svg: dotPlot(p, probability, info?.label ?? p.name),
        values: valid.map((a) => {
          const analyst = a.doc.variant!.analyst ?? a.id;
          return {
            analyst,
            value: shown(p.values[analyst] ?? p.base),
            rationale: a.doc.variant!.rationale[p.name] ?? null,
          };
        }),
      };
    }),
    invalid: [],
    errors: [],
  };
}

const WIDTH = 420;
const HEIGHT = 56;
const PAD = 14;

/**
 * One parameter's values as a dot plot: a dot per analyst (stacked where they coincide), the
 * file's value as a dashed line and the pooled value as a diamond, on an axis from 0 to 1 for a
 * probability and around the values otherwise. The title and description say it all in words.
 */
export function dotPlot(
  p: Panel['parameters'][number],
  probability: boolean,
  label: string,
): string {
  const values = Object.entries(p.values);
  const all = [...values.map(([, v]) => v), p.base, p.pooled];
  let lo = probability ? 0 : Math.min(...all);
  let hi = probability ? 1 : Math.max(...all);
  if (hi - lo < 1e-12) {
    lo -= 1;
    hi += 1;
  } else if (!probability) {
    const pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
  }
  const x = (v: number) => PAD + ((v - lo) / (hi - lo)) * (WIDTH - 2 * PAD);
  const axis = HEIGHT - 16;
  const used: number[] = [];
  const dots = values.map(([analyst, v]) => {
    const cx = x(v);
    const stack = used.filter((u) => Math.abs(u - cx) < 9).length;
    used.push(cx);
    const cy = axis - 8 - stack * 9;
    return `<circle class="dot" cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="4.5"><title>${escapeXml(`${analyst}: ${n3(v)}`)}</title></circle>`;
  });
  const px = x(p.pooled);
  const bx = x(p.base);
  const id = `dp-${p.name.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const desc = `${values.map(([a, v]) => `${a} ${n3(v)}`).join('; ')}; pooled ${n3(p.pooled)}; file ${n3(p.base)}; spread ${n3(p.spread)}.`;
  return [
    `<svg class="dot-plot" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-t ${id}-d">`,
    `<title id="${id}-t">${escapeXml(`${label}: values by analyst`)}</title>`,
    `<desc id="${id}-d">${escapeXml(desc)}</desc>`,
    `<line class="axis" x1="${PAD}" y1="${axis}" x2="${WIDTH - PAD}" y2="${axis}"/>`,
    `<text class="tick" x="${PAD}" y="${HEIGHT - 3}">${escapeXml(n3(lo))}</text>`,
    `<text class="tick end" x="${WIDTH - PAD}" y="${HEIGHT - 3}" text-anchor="end">${escapeXml(n3(hi))}</text>`,
    `<line class="base" x1="${bx.toFixed(1)}" y1="6" x2="${bx.toFixed(1)}" y2="${axis}"><title>file ${escapeXml(n3(p.base))}</title></line>`,
    ...dots,
    `<path class="pooled" d="M${px.toFixed(1)},${axis - 15} l6,7 l-6,7 l-6,-7 z"><title>pooled ${escapeXml(n3(p.pooled))}</title></path>`,
    '</svg>',
  ].join('');
}
