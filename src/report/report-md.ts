import { displayDate, shortHash } from './format';
import { mdBlock, mdCode, mdInline, mdTable, mdText } from './markdown-text';
import { isBaseCase, type ReportData, type ReportNode } from './report-data';
import {
  PATH_SCORE_EXPLAINED,
  SCORE_EXPLAINED,
  SIMULATION_CAPTION,
  TORNADO_EXPLAINED,
  amount,
  bestAtEnds,
  bottomLineWords,
  breakEven,
  citationParts,
  criterionHeading,
  directionText,
  exact,
  inputLabel,
  isWebUrl,
  noBreakEven,
  noRecommendation,
  optionLabel,
  percent,
  probability,
  score,
  scoreColumn,
  short,
  withPhrase,
  withUnit,
  NO_EXPECTATIONS,
  expectationLine,
  indicatorsLead,
  observationLabel,
  observedText,
  panelLead,
} from './report-text';

/** Nodes of the tree outline at most; a larger tree is cut, with a note (the JSON has it all). */
export const MAX_OUTLINE_NODES = 400;
/** Rows of the outcomes and probabilities tables at most, likeliest or first ones kept. */
export const MAX_TABLE_ROWS = 100;

/**
 * The report as GitHub-flavoured Markdown, for pasting into a briefing or an issue: headings,
 * tables and lists only. User text is escaped (`markdown-text.ts`).
 */
export function renderMarkdown(data: ReportData): string {
  const out: string[] = [];
  const section = (...lines: string[]) => out.push(...lines, '');

  section(`# ${mdText(data.title)}`);
  section(
    `- **Scenario file:** ${mdCode(data.file.name)}, sha256 ${mdCode(shortHash(data.file.sha256))}`,
    ...(data.variant
      ? [
          `- **Variant file:** ${mdCode(data.variant.name)}, sha256 ${mdCode(shortHash(data.variant.sha256))}${data.variant.title ? `: ${mdText(data.variant.title)}` : ''}`,
        ]
      : []),
    `- **Generated:** ${displayDate(data.generated)}`,
    `- **Assumptions:** ${isBaseCase(data) ? 'as in the file (the base case)' : '**changed from the file**, see [Changed from the base scenario](#changed-from-the-base-scenario)'}`,
  );

  if (!isBaseCase(data)) section(...changedSection(data));
  if (data.description) section(mdBlock(data.description));
  section(...bottomLineSection(data));
  section(...optionsSection(data));
  section(...treeSection(data));
  section(...outcomesSection(data));
  section(...sensitivitySection(data));
  if (data.simulation) section(...simulationSection(data));
  section(...expectationsSection(data));
  if (data.indicators) section(...indicatorsSection(data));
  if (data.panel) section(...panelSection(data));
  section(...assumptionsSection(data));
  return `${out.join('\n').trimEnd()}\n`;
}

function changedSection(data: ReportData): string[] {
  const c = data.changes;
  const items = [
    ...c.parameters.map(
      (p) =>
        `- ${named(p.label, p.name)}: ${mdChange(p.base, p.base_value, p.probability)} → **${mdChange(p.used, p.used_value, p.probability)}**`,
    ),
    ...c.weights.map(
      (w) =>
        `- Weight of ${named(w.label, w.criterion)}: ${exact(w.base)} → **${exact(w.used)}** (share ${percent(w.base_share)} → ${percent(w.used_share)})`,
    ),
    ...c.probabilities.map(
      (p) =>
        `- Probability of ${named(p.label, p.path)}: ${exact(p.base, true)} → **${exact(p.used, true)}**`,
    ),
    ...c.observations.map(
      (o) => `- ${mdText(observationLabel(o))} ${exact(o.base, true)} → **${exact(o.used, true)}**`,
    ),
  ];
  const lines = [
    '## Changed from the base scenario',
    '',
    ...(data.variant?.description ? [mdBlock(data.variant.description), ''] : []),
    `**This report does not show the base case.** These assumptions differ from ${mdCode(data.file.name)} (file → used):`,
    '',
    ...items,
  ];
  if (c.knock_on.length > 0)
    lines.push(
      '',
      `Computed from these, so also changed: ${c.knock_on.map((k) => `${named(k.label, k.name)} ${exact(k.base)} → ${exact(k.used)}`).join('; ')}.`,
    );
  return lines;
}

function bottomLineSection(data: ReportData): string[] {
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

function optionsSection(data: ReportData): string[] {
  const lines = ['## Options', '', mdText(SCORE_EXPLAINED), ''];
  if (data.options.length > 0) {
    const column = scoreColumn(data.options.map((o) => o.score));
    lines.push(
      ...mdTable(
        ['Option', 'Score', ...data.criteria.map((c) => mdText(criterionHeading(c)))],
        ['l', 'r', ...data.criteria.map(() => 'r' as const)],
        data.options.map((o) => [
          o.chosen ? `**${mdText(o.label)}** ✓` : mdText(o.label),
          o.chosen ? `**${column(o.score)}**` : column(o.score),
          ...data.criteria.map((c) => amount(o.expected[c.id]!)),
        ]),
      ),
      '',
      '✓ the recommended option. Criterion columns are expected values.',
      '',
    );
  }
  const notes = data.criteria.some((c) => c.note);
  lines.push(
    '### Criteria',
    '',
    ...mdTable(
      ['Criterion', 'Better', 'Unit', 'Weight', 'Share', ...(notes ? ['Note'] : [])],
      ['l', 'l', 'l', 'r', 'r', ...(notes ? ['l' as const] : [])],
      data.criteria.map((c) => [
        named(c.label, c.id),
        directionText(c.direction),
        mdText(c.unit ?? ''),
        c.weight === c.base_weight
          ? exact(c.weight)
          : `**${exact(c.weight)}** (file: ${exact(c.base_weight)})`,
        percent(c.normalized_weight),
        ...(notes ? [mdInline(c.note ?? '')] : []),
      ]),
    ),
    '',
    'Weights are normalised to shares that sum to 100%.',
  );
  return lines;
}

function treeSection(data: ReportData): string[] {
  const lines = [
    '## Decision tree',
    '',
    'Each line is a node: its branch probability, its label, the kind of node and its score from here: the expected score from that node on, payoffs collected on the way to it not included (the outcome table’s path scores count the whole path). **→ … ✓ chosen** marks the option taken at each decision.',
    '',
  ];
  const all: number[] = [];
  const collect = (n: ReportNode) => {
    all.push(n.score);
    n.children.forEach(collect);
  };
  collect(data.tree);
  const nodeScore = scoreColumn(all);
  let shown = 0;
  let total = 0;
  const visit = (n: ReportNode, depth: number) => {
    total++;
    if (shown >= MAX_OUTLINE_NODES) {
      n.children.forEach((c) => visit(c, depth + 1));
      return;
    }
    shown++;
    const p = n.probability === null ? '' : `${probability(n.probability)} · `;
    const label =
      depth === 0
        ? `**${mdText(n.label)}**`
        : n.chosen
          ? `**→ ${mdText(n.label)}** ✓ chosen`
          : mdText(n.label);
    lines.push(
      `${'  '.repeat(depth)}- ${p}${label} (${n.type}, score from here ${nodeScore(n.score)})`,
    );
    n.children.forEach((c) => visit(c, depth + 1));
  };
  visit(data.tree, 0);
  if (total > shown)
    lines.push(
      '',
      `The first ${shown} of ${total} nodes are shown; the JSON report has the whole tree.`,
    );
  return lines;
}

function outcomesSection(data: ReportData): string[] {
  const rows = data.outcomes.slice(0, MAX_TABLE_ROWS);
  const pathScore = scoreColumn(data.outcomes.map((o) => o.score));
  const lines = [
    '## Outcomes under the recommended policy',
    '',
    PATH_SCORE_EXPLAINED,
    '',
    ...mdTable(
      [
        'Probability',
        'Outcome',
        'Path score',
        ...data.criteria.map((c) => mdText(criterionHeading(c))),
      ],
      ['r', 'l', 'r', ...data.criteria.map(() => 'r' as const)],
      rows.map((o) => [
        probability(o.probability),
        o.trail.map(mdText).join(' › '),
        pathScore(o.score),
        ...data.criteria.map((c) => amount(o.payoff[c.id]!)),
      ]),
    ),
  ];
  if (data.outcomes.length > rows.length) {
    const rest = data.outcomes.slice(rows.length).reduce((a, o) => a + o.probability, 0);
    lines.push(
      '',
      `${data.outcomes.length - rows.length} less likely outcomes (${probability(rest, 'prose')} together) are in the JSON and CSV reports.`,
    );
  }
  return lines;
}

function sensitivitySection(data: ReportData): string[] {
  const s = data.sensitivity;
  const lines = ['## Sensitivity', ''];
  const thresholds = s.entries.flatMap((e) => e.thresholds.map((t) => ({ e, t })));
  lines.push('### Break-even values', '');
  if (thresholds.length === 0) lines.push(mdText(noBreakEven(data)));
  else
    lines.push(
      'Where an input, moved on its own across its range, changes the recommended option.',
      '',
      ...mdTable(
        ['Input', 'Base', 'Break-even', 'Best below', 'Best above'],
        ['l', 'r', 'r', 'l', 'l'],
        thresholds.map(({ e, t }) => [
          named(inputLabel(e), e.name),
          short(e.base, e.probability),
          `**${breakEven(t.value, e.probability)}**`,
          mdText(optionLabel(data, t.below)),
          mdText(optionLabel(data, t.above)),
        ]),
      ),
    );
  const column = scoreColumn([s.base, ...s.entries.flatMap((e) => [e.score_low, e.score_high])]);
  const swing = scoreColumn(s.entries.map((e) => e.swing));
  lines.push(
    '',
    '### One-way sensitivity (tornado)',
    '',
    `${mdText(TORNADO_EXPLAINED)} Base score ${score(s.base)}.`,
    '',
    ...mdTable(
      [
        'Input',
        'Low',
        'Base',
        'High',
        'Score at low',
        'Score at high',
        'Swing',
        'Best option (low → high)',
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
      s.entries.map((e) => [
        named(inputLabel(e), e.name),
        short(e.low, e.probability),
        short(e.base, e.probability),
        short(e.high, e.probability),
        e.score_low === null ? '–' : column(e.score_low),
        e.score_high === null ? '–' : column(e.score_high),
        swing(e.swing),
        mdText(bestAtEnds(data, e)),
      ]),
    ),
  );
  const problems = s.entries.flatMap((e) =>
    e.problems.map((p) => `- ${mdCode(e.name)} ${mdText(p)}`),
  );
  if (problems.length > 0) lines.push('', 'Could not evaluate:', '', ...problems);
  return lines;
}

function simulationSection(data: ReportData): string[] {
  const m = data.simulation!;
  const column = scoreColumn(m.options.flatMap((o) => [o.mean, o.p5, o.p50, o.p95]));
  return [
    '## Monte Carlo simulation',
    '',
    `${m.iterations.toLocaleString('en-US')} iterations, seed ${m.seed}. Sampled: ${m.sampled.length > 0 ? m.sampled.map((n) => mdCode(n)).join(', ') : 'nothing (no parameter has a distribution)'}.`,
    '',
    ...mdTable(
      ['Option', 'Mean', '5th percentile', 'Median', '95th percentile', 'Chance of being best'],
      ['l', 'r', 'r', 'r', 'r', 'r'],
      m.options.map((o) => [
        o.id === m.best_in_expectation ? `**${mdText(o.label)}**` : mdText(o.label),
        column(o.mean),
        column(o.p5),
        column(o.p50),
        column(o.p95),
        probability(o.p_best),
      ]),
    ),
    '',
    mdText(SIMULATION_CAPTION),
    '',
    `Expected value of perfect information (EVPI): **${score(m.evpi)}** score units, what knowing every sampled value before deciding would add to the expected score.`,
  ];
}

function expectationsSection(data: ReportData): string[] {
  const lines = ['## Expectations', ''];
  if (data.expectations.length === 0) return [...lines, mdText(NO_EXPECTATIONS)];
  const failed = data.expectations.filter((x) => !x.ok).length;
  lines.push(
    failed === 0
      ? 'Every expectation the file states holds at these values.'
      : `**${failed} of ${data.expectations.length} expectations fail** at these values.`,
    '',
  );
  for (const x of data.expectations)
    lines.push(`- ${x.ok ? '' : '**'}${mdText(expectationLine(x))}${x.ok ? '' : '**'}`);
  return lines;
}

function indicatorsSection(data: ReportData): string[] {
  const ind = data.indicators!;
  const lines = ['## Indicators', '', mdText(indicatorsLead(data)), ''];
  lines.push(
    ...mdTable(
      ['Indicator', 'Updates', 'Seen if it happens', 'Seen if not', 'Now', 'Watch'],
      ['l', 'l', 'r', 'r', 'l', 'l'],
      ind.items.map((i) => [
        `${mdText(i.label)} (${mdCode(i.id)})`,
        mdCode(i.parameter),
        exact(i.if_true),
        exact(i.if_false),
        i.observed === null ? 'not yet looked for' : observedText(i),
        i.flips ? '**yes**' : '',
      ]),
    ),
  );
  const said = ind.items.filter((i) => i.sentences.length > 0);
  if (said.length > 0) lines.push('');
  for (const i of said) lines.push(...i.sentences.map((t) => `- ${mdText(t)}`));
  if (ind.problems.length > 0)
    lines.push('', 'Could not analyse:', '', ...ind.problems.map((p) => `- ${mdText(p)}`));
  return lines;
}

function panelSection(data: ReportData): string[] {
  const p = data.panel!;
  const analysts = p.analysts.map((a) => a.analyst);
  const lines = ['## Analyst panel', '', mdText(panelLead(data))];
  if (p.parameters.length > 0)
    lines.push(
      '',
      ...mdTable(
        ['Parameter', 'File', ...analysts.map(mdText), 'Pooled', 'Spread'],
        ['l', 'r', ...analysts.map(() => 'r' as const), 'r', 'r'],
        p.parameters.map((x) => [
          mdCode(x.name),
          exact(x.base, x.probability),
          ...analysts.map((a) => exact(x.values[a] ?? null, x.probability)),
          exact(x.pooled, x.probability),
          exact(x.spread),
        ]),
      ),
    );
  if (p.analysts.length > 0)
    lines.push(
      '',
      ...mdTable(
        ['Analyst', 'Recommends', 'Score'],
        ['l', 'l', 'r'],
        p.analysts.map((a) => [
          mdText(a.analyst),
          mdText(optionLabel(data, a.choice)),
          score(a.score),
        ]),
      ),
    );
  if (p.problems.length > 0)
    lines.push('', 'Could not pool:', '', ...p.problems.map((x) => `- ${mdText(x)}`));
  return lines;
}

function assumptionsSection(data: ReportData): string[] {
  const lines = ['## Assumptions', '', '### Parameters', ''];
  // The column shows when any parameter states how sure its author is.
  const confidence = data.parameters.some((p) => p.confidence !== null);
  if (data.parameters.length === 0) lines.push('The scenario has no parameters.');
  else
    lines.push(
      ...mdTable(
        [
          'Parameter',
          'Value',
          ...(confidence ? ['Confidence'] : []),
          'Range',
          'Distribution',
          'Source',
          'Note',
        ],
        ['l', 'r', ...(confidence ? ['l' as const] : []), 'l', 'l', 'l', 'l'],
        data.parameters.map((p) => {
          const value = withPhrase(withUnit(exact(p.value), p.unit), p.value, p.probability);
          const shown =
            p.expression === null ? mdText(value) : `${mdText(value)} = ${mdCode(p.expression)}`;
          return [
            named(p.label, p.name),
            p.changed ? `**${shown}** (file: ${exact(p.base_value, p.probability)})` : shown,
            ...(confidence ? [p.confidence ?? ''] : []),
            p.range ? `${exact(p.range[0])} to ${exact(p.range[1])}` : '',
            p.distribution ? mdCode(p.distribution) : '',
            p.source ? mdText(p.source) : '',
            mdInline(p.note ?? ''),
          ];
        }),
      ),
    );
  lines.push('', '### Branch probabilities written in the file', '');
  if (data.probabilities.length === 0)
    lines.push('Every branch probability comes from a parameter or is the rest of its siblings.');
  else {
    const rows = data.probabilities.slice(0, MAX_TABLE_ROWS);
    lines.push(
      ...mdTable(
        ['Branch', 'Probability', 'Source', 'Note'],
        ['l', 'r', 'l', 'l'],
        rows.map((p) => [
          p.trail.map(mdText).join(' › '),
          p.changed
            ? `**${exact(p.value, true)}** (file: ${exact(p.base_value, true)})`
            : exact(p.value, true),
          p.source ? mdText(p.source) : '',
          mdInline(p.note ?? ''),
        ]),
      ),
    );
    if (data.probabilities.length > rows.length)
      lines.push(
        '',
        `${data.probabilities.length - rows.length} more are in the JSON and CSV reports.`,
      );
  }
  lines.push('', '### Sources', '');
  if (data.sources.length === 0) lines.push('The scenario cites no sources.');
  for (const s of data.sources) {
    const { author, rest } = citationParts(s);
    const parts = [
      ...(author ? [mdText(author)] : []),
      `*${mdText(s.title)}*`,
      ...rest.map(mdText),
    ];
    const url = s.url
      ? isWebUrl(s.url)
        ? `<${s.url.replace(/[<>]/g, encodeURIComponent)}>`
        : mdCode(s.url)
      : '';
    lines.push(
      `- **${mdText(s.id)}**: ${parts.join(', ')}.${url ? ` ${url}` : ''}${s.note ? ` ${mdInline(s.note)}` : ''}`,
    );
  }
  return lines;
}

/** A parameter's definition: a number, or an expression in code and its value. */
function mdChange(definition: number | string, value: number | null, probability = false): string {
  return typeof definition === 'number'
    ? exact(definition, probability)
    : `${mdCode(definition)} = ${exact(value, probability)}`;
}

/** "Label (`name`)", or just the name in code when there is no label. */
function named(label: string | null, name: string): string {
  return label && label !== name ? `${mdText(label)} (${mdCode(name)})` : mdCode(name);
}
