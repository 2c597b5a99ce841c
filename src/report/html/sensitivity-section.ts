import type { ReportData } from '../report-data';
import { breakEvenRows, tornadoColumns } from '../report-rows';
import {
  bestAtEnds,
  breakEven,
  inputLabel,
  noBreakEven,
  optionLabel,
  score,
  short,
  TORNADO_EXPLAINED,
} from '../report-text';
import { renderTornadoSvg } from '../../draw/tornado-svg';
import { phraseOf } from '../../model/phrases';
import { h, named } from './html-text';

/**
 * An input's value in a numeric cell: a probability's phrase goes under the number, in small
 * type, so that three columns of them ("0.503 (roughly even chance)") fit the report's width.
 */
function valueCell(text: string, x: number, probability: boolean): string {
  return probability ? `${h(text)} <span class="phrase">${h(phraseOf(x))}</span>` : h(text);
}

/**
 * The break-even values, then the one-way (tornado) analysis of every ranged input and weight
 * (HTML).
 */
export function sensitivitySection(data: ReportData): string[] {
  const s = data.sensitivity;
  const thresholds = breakEvenRows(data);
  const tornado = renderTornadoSvg(s);
  const out = [
    '<section class="sensitivity">',
    '<h2>Sensitivity</h2>',
    '<h3>Break-even values</h3>',
  ];
  if (thresholds.length === 0) out.push(`<p>${h(noBreakEven(data))}</p>`);
  else
    out.push(
      '<p class="lede">Where an input, moved on its own across its range, changes the recommended option.</p>',
      '<table>',
      '<thead><tr><th>Input</th><th class="num">Base</th><th class="num">Break-even</th><th>Best below</th><th>Best above</th></tr></thead>',
      '<tbody>',
      ...thresholds.map(
        ({ e, t }) =>
          `<tr><td>${named(inputLabel(e), e.name)}</td><td class="num">${valueCell(short(e.base), e.base, e.probability)}</td><td class="num"><strong>${valueCell(breakEven(t.value), t.value, e.probability)}</strong></td><td>${h(optionLabel(data, t.below))}</td><td>${h(optionLabel(data, t.above))}</td></tr>`,
      ),
      '</tbody>',
      '</table>',
    );
  out.push(
    '<h3>One-way sensitivity (tornado)</h3>',
    `<p class="lede">${h(TORNADO_EXPLAINED)} Inputs in bold can change the recommendation. Base score ${score(s.base)}.</p>`,
  );
  if (tornado) out.push('<figure class="tornado-figure">', tornado, '</figure>');
  const { score: column, swing } = tornadoColumns(data);
  out.push(
    '<table class="compact long">',
    `<thead><tr><th>Input</th><th class="num">Low</th><th class="num">Base</th><th class="num">High</th><th class="num">Score at low</th><th class="num">Score at high</th><th class="num">Swing</th><th class="wrap">Best option (low → high)</th></tr></thead>`,
    '<tbody>',
    ...s.entries.map(
      (e) =>
        `<tr><td>${named(inputLabel(e), e.name)}</td><td class="num">${valueCell(short(e.low), e.low, e.probability)}</td><td class="num">${valueCell(short(e.base), e.base, e.probability)}</td><td class="num">${valueCell(short(e.high), e.high, e.probability)}</td><td class="num">${e.score_low === null ? '–' : column(e.score_low)}</td><td class="num">${e.score_high === null ? '–' : column(e.score_high)}</td><td class="num">${swing(e.swing)}</td><td>${h(bestAtEnds(data, e))}</td></tr>`,
    ),
    '</tbody>',
    '</table>',
  );
  const problems = s.entries.flatMap((e) =>
    e.problems.map((p) => `<li><code>${h(e.name)}</code> ${h(p)}</li>`),
  );
  if (problems.length > 0) out.push('<p>Could not evaluate:</p>', '<ul>', ...problems, '</ul>');
  out.push('</section>');
  return out;
}
