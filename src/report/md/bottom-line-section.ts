import { mdText } from '../markdown-text';
import type { ReportData } from '../report-data';
import { bottomLineWords, noBreakEven, noRecommendation } from '../report-text';

/**
 * `## Bottom line`: the verdict in bold, its facts as a list, the policy and the break-even
 * sentences.
 */
export function bottomLineSection(data: ReportData): string[] {
  const r = data.recommendation;
  const lines = ['## Bottom line', ''];
  const words = bottomLineWords(data);
  if (!r || words.label === null) lines.push(mdText(noRecommendation(data)));
  else
    lines.push(
      `**${words.label}: ${mdText(words.headline!)}**, with an expected score of **${words.score}**.`,
      '',
      ...words.items.map((i) => `- **${i.label}:** ${mdText(i.text)}`),
    );
  if (data.policy.length > 1) {
    lines.push('', 'The recommended policy, at each decision:', '');
    for (const p of data.policy) lines.push(`- ${mdText(p.label)} → **${mdText(p.choice_label)}**`);
  }
  lines.push('', '**What would change the recommendation:**', '');
  if (data.statements.length === 0) lines.push(mdText(noBreakEven(data)));
  else for (const s of data.statements) lines.push(`- ${mdText(s)}`);
  return lines;
}
