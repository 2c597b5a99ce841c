import type { ReportData } from '../report-data';
import { bottomLineWords, noBreakEven, noRecommendation } from '../report-text';
import { h } from './html-text';

/**
 * The verdict with its margin and tipping point, the policy at each decision, and what would change
 * it (HTML).
 */
export function bottomLineSection(data: ReportData): string[] {
  const r = data.recommendation;
  const out = ['<section class="bottom-line">', '<h2>Bottom line</h2>'];
  const words = bottomLineWords(data);
  if (!r || words.label === null) out.push(`<p class="verdict">${h(noRecommendation(data))}</p>`);
  else
    out.push(
      `<p class="verdict${data.bottom_line.verdict === 'too-close-to-call' ? ' close' : ''}">`,
      `<span class="verdict-label">${h(words.label)}</span>`,
      `<strong class="verdict-option">${h(words.headline!)}</strong>`,
      `<span class="verdict-score">expected score <strong>${h(words.score!)}</strong></span>`,
      '</p>',
      '<dl class="bottom-facts">',
      ...words.items.map((i) => `<div><dt>${h(i.label)}</dt><dd>${h(i.text)}</dd></div>`),
      '</dl>',
    );
  if (data.policy.length > 1)
    out.push(
      '<p>The recommended policy, at each decision:</p>',
      '<ul class="policy">',
      ...data.policy.map((p) => `<li>${h(p.label)} → <strong>${h(p.choice_label)}</strong></li>`),
      '</ul>',
    );
  out.push('<h3>What would change the recommendation</h3>');
  if (data.statements.length === 0) out.push(`<p>${h(noBreakEven(data))}</p>`);
  else
    out.push('<ul class="statements">', ...data.statements.map((s) => `<li>${h(s)}</li>`), '</ul>');
  out.push('</section>');
  return out;
}
