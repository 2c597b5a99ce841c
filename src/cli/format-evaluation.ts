import type { Evaluation } from '../engine';
import { table } from './table';

/** How many outcomes the text summary lists. */
const TOP_OUTCOMES = 10;

/** The text summary of `evaluate`: recommendation, options, policy and the likeliest outcomes. */
export function formatEvaluation(e: Evaluation): string {
  const lines: string[] = [e.title, ''];
  const best = e.options.find((o) => o.id === e.choice);
  lines.push(
    best
      ? `Recommended: ${best.label} (${best.id}), score ${score(best.score)}`
      : `Expected score: ${score(e.score)}`,
  );
  lines.push('');

  lines.push(
    'Criteria:',
    ...table(
      [
        ['  Id', 'Criterion', 'Better', 'Weight', 'Share'],
        ...e.criteria.map((c) => [
          `  ${c.id}`,
          `${c.label}${c.unit ? ` (${c.unit})` : ''}`,
          c.direction === 'min' ? 'lower' : 'higher',
          fixed(c.weight, 3),
          `${(c.normalized_weight * 100).toFixed(1)}%`,
        ]),
      ],
      ['l', 'l', 'l', 'r', 'r'],
    ),
    '',
  );

  if (e.options.length > 0) {
    const rows = e.options.map((o) => [
      `${o.id === e.choice ? '*' : ' '} ${o.label}`,
      score(o.score),
      ...e.criteria.map((c) => fixed(o.expected[c.id]!, 2)),
    ]);
    lines.push(
      ...table(
        [['  Option', 'Score', ...e.criteria.map((c) => c.id)], ...rows],
        ['l', 'r', ...e.criteria.map(() => 'r' as const)],
      ),
      '',
    );
  }

  if (e.policy.length > 0) {
    lines.push('Policy (chosen option at each decision):');
    for (const p of e.policy) lines.push(`  ${p.path} -> ${p.choice}`);
    lines.push('');
  }

  const top = [...e.outcomes].sort((a, b) => b.probability - a.probability).slice(0, TOP_OUTCOMES);
  const more = e.outcomes.length - top.length;
  lines.push(
    `Outcomes under this policy${more > 0 ? ` (likeliest ${top.length} of ${e.outcomes.length})` : ''}:`,
  );
  lines.push(
    ...table(
      [
        ['  Probability', 'Score', 'Outcome'],
        ...top.map((o) => [`  ${(o.probability * 100).toFixed(1)}%`, score(o.score), o.path]),
      ],
      ['r', 'r', 'l'],
    ),
  );
  return `${lines.join('\n')}\n`;
}

function score(x: number): string {
  return fixed(x, 3);
}

function fixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
