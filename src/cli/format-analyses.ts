import type { Sensitivity, Simulation, Spider, TwoWay } from '../engine';
import type { OutcomeSpread } from '../engine/outcome-spread';
import { phraseOf } from '../model/phrases';
import {
  amountText,
  bottomLine,
  type Ranking,
  bottomLineLines,
  breakEvenStatements,
  breakEvenText,
  probabilityNumber,
  scoreColumn,
  scoreText,
  shortInput,
  SIMULATION_CAPTION,
} from '../present';
import { table } from '../present/table';

/** Width, in characters, of each half of a text tornado bar. */
const HALF_BAR = 18;

const short = (x: number): string => shortInput(x);
/** A table cell of a score formatter, '-' where there is no score. */
const cell =
  (f: (x: number) => string) =>
  (x: number | null | undefined): string =>
    x === null || x === undefined ? '-' : f(x);

/**
 * `sensitivity` as text: the bottom line, the tornado table and bars, then the break-even
 * statements. A simulation, when one ran, adds the chance of being best to the bottom line.
 */
export function formatSensitivity(
  s: Sensitivity,
  ranking: Ranking = s,
  simulation: Simulation | null = null,
): string {
  const scores = [s.base, ...s.parameters.flatMap((p) => [p.score_low, p.score_high])];
  const num = cell(scoreColumn(scores));
  const lines = [
    ...(s.choice === null
      ? [`Base case: score ${num(s.base)}`]
      : bottomLineLines(bottomLine(ranking, s, simulation), ` (${s.choice})`)),
    '',
    ...sensitivityTable(s, num),
    ...tornadoLines(s, num),
    'Break-even:',
    ...breakEvenStatements(s).map((statement) => `  - ${statement}`),
  ];
  if (!s.parameters.some((p) => p.thresholds.length > 0))
    lines.push('  No input moves the recommendation within its range.');
  const problems = s.parameters.flatMap((p) => p.problems.map((m) => `  - ${p.name} ${m}`));
  if (problems.length > 0) lines.push('', 'Could not evaluate:', ...problems);
  return `${lines.join('\n')}\n`;
}

/** The one-way table: each input's range, the scores at its ends, its swing and break-even. */
function sensitivityTable(s: Sensitivity, num: (x: number | null) => string): string[] {
  const swing = cell(scoreColumn(s.parameters.map((p) => p.swing)));
  const rows = s.parameters.map((p) => [
    `  ${p.name}`,
    shortInput(p.low, p.probability),
    shortInput(p.base, p.probability),
    shortInput(p.high, p.probability),
    num(p.score_low),
    num(p.score_high),
    swing(p.swing),
    p.choice_low === p.choice_high
      ? (p.choice_low ?? '-')
      : `${p.choice_low ?? '-'} -> ${p.choice_high ?? '-'}`,
    p.threshold === null ? '-' : breakEvenText(p.threshold, p.probability),
  ]);
  return [
    'One-way sensitivity, largest swing first:',
    ...table(
      [
        [
          '  Input',
          'Low',
          'Base',
          'High',
          'Score low',
          'Score high',
          'Swing',
          'Best option (low -> high)',
          'Break-even',
        ],
        ...rows,
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'r'],
    ),
    '',
  ];
}

/** The tornado as text bars around the base score, each input on one scale. */
function tornadoLines(s: Sensitivity, num: (x: number | null) => string): string[] {
  const scale = Math.max(
    1e-12,
    ...s.parameters.flatMap((p) =>
      [p.score_low, p.score_high].filter((x) => x !== null).map((x) => Math.abs(x - s.base)),
    ),
  );
  const bar = (p: Sensitivity['parameters'][number]): string => {
    const lo = Math.min(p.score_low ?? s.base, p.score_high ?? s.base);
    const hi = Math.max(p.score_low ?? s.base, p.score_high ?? s.base);
    const left = Math.round(((s.base - lo) / scale) * HALF_BAR);
    const right = Math.round(((hi - s.base) / scale) * HALF_BAR);
    return `${' '.repeat(HALF_BAR - left)}${'█'.repeat(left)}|${'█'.repeat(right)}${' '.repeat(HALF_BAR - right)}`;
  };
  return [
    `Tornado (score from ${num(s.base - scale)} to ${num(s.base + scale)}, base ${num(s.base)} at |):`,
    ...table(
      s.parameters.map((p) => [`  ${p.name}`, bar(p)]),
      ['l', 'l'],
    ),
    '',
  ];
}

/** A one-way curve as a table: one row per value, one column per root option. */
export function formatSpider(s: Spider): string {
  const head = ['  Value', ...s.options.map((o) => o.id), 'Best'];
  const num = cell(scoreColumn(s.options.flatMap((o) => o.scores)));
  const rows = s.values.map((x, i) => [
    `  ${shortInput(x, s.variable.probability)}`,
    ...s.options.map((o) => num(o.scores[i] ?? null)),
    s.choice[i] ?? '-',
  ]);
  return `Scores of each option as ${s.variable.name} moves from ${short(s.variable.low)} to ${short(s.variable.high)}:\n${table([head, ...rows], ['r', ...s.options.map(() => 'r' as const), 'l']).join('\n')}\n`;
}

/** A two-way grid as a map of which option wins where (letters keyed below the grid). */
export function formatTwoWay(t: TwoWay): string {
  const ids = [...new Set(t.choice.flat().filter((c): c is string => c !== null))];
  const key = new Map(ids.map((id, i) => [id, String.fromCharCode(65 + (i % 26))]));
  const rows = [...t.yValues.keys()]
    .reverse()
    .map((j) => [
      `  ${short(t.yValues[j]!)}`,
      ...t.xValues.map((_, i) => key.get(t.choice[j]![i] ?? '') ?? '.'),
    ]);
  const lines = [
    `Best option by ${t.y.name} (rows) and ${t.x.name} (columns):`,
    ...table([...rows, ['', ...t.xValues.map(short)]], ['r', ...t.xValues.map(() => 'r' as const)]),
    '',
    ...ids.map((id) => `  ${key.get(id)!} = ${id}`),
  ];
  if (t.choice.flat().includes(null)) lines.push('  . = the tree is invalid there');
  return `${lines.join('\n')}\n`;
}

/** `simulate` as text: spread and chance of being best per option, then the value of information. */
export function formatSimulation(s: Simulation): string {
  const lines = [
    `Monte Carlo: ${s.iterations} iterations, seed ${s.seed}; sampled: ${s.sampled.join(', ') || 'nothing (no parameter has a distribution)'}`,
    '',
  ];
  const num = scoreColumn(s.options.flatMap((o) => [o.mean, o.p5, o.p50, o.p95]));
  lines.push(
    ...table(
      [
        ['  Option', 'Mean', 'p5', 'p50', 'p95', 'P(best)', ''],
        ...s.options.map((o) => [
          `${o.id === s.best_in_expectation ? '*' : ' '} ${o.label}`,
          num(o.mean),
          num(o.p5),
          num(o.p50),
          num(o.p95),
          probabilityNumber(o.p_best, 'table'),
          `(${phraseOf(o.p_best)})`,
        ]),
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    ...wrap(SIMULATION_CAPTION, 96).map((line) => `  ${line}`),
    '',
    `Expected value of perfect information (EVPI): ${scoreText(s.evpi, 'prose')} score units.`,
    '  What knowing every sampled value before deciding would add to the expected score.',
  );
  if (s.evppi) {
    const ranked = Object.entries(s.evppi).sort((a, b) => b[1] - a[1]);
    const evppi = scoreColumn(ranked.map(([, v]) => v));
    lines.push(
      '',
      'Partial EVPI per parameter (what knowing it alone would add):',
      ...table(
        ranked.map(([name, v]) => [`  ${name}`, evppi(v)]),
        ['l', 'r'],
      ),
    );
  }
  for (const o of s.options) {
    lines.push('', `${o.label}: expected value per criterion (mean [p5, p95])`);
    lines.push(
      ...table(
        Object.entries(o.criteria).map(([id, c]) => [
          `  ${id}`,
          amountText(c.mean),
          `[${amountText(c.p5)}, ${amountText(c.p95)}]`,
        ]),
        ['l', 'r', 'l'],
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Words into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/**
 * The spread of what could happen under each option (whole-path scores of its end states,
 * weighted by their chances at the base case), shown apart from the simulation's spread of
 * expected scores, which it is easily mistaken for.
 */
export function formatOutcomeSpread(spreads: readonly OutcomeSpread[]): string {
  if (spreads.length === 0) return '';
  const num = scoreColumn(spreads.flatMap((o) => [o.worst, o.p5, o.p50, o.p95, o.best]));
  return `${[
    '',
    'Outcome spread per option at the base case (whole-path scores of the end states it leads to, weighted by their chances):',
    ...table(
      [
        ['  Option', 'Worst', 'p5', 'p50', 'p95', 'Best'],
        ...spreads.map((o) => [
          `  ${o.label}`,
          num(o.worst),
          num(o.p5),
          num(o.p50),
          num(o.p95),
          num(o.best),
        ]),
      ],
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
  ].join('\n')}\n`;
}
