import MarkdownIt from 'markdown-it';
import { escapeXml } from './escape';
import { displayDate, shortHash } from './format';
import { isBaseCase, type ReportData } from './report-data';
import {
  PATH_SCORE_EXPLAINED,
  SCORE_EXPLAINED,
  SIMULATION_CAPTION,
  TORNADO_EXPLAINED,
  TREE_EXPLAINED,
  amount,
  barWidth,
  bestAtEnds,
  bottomLineWords,
  breakEven,
  citationParts,
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
  NO_EXPECTATIONS,
  expectationLine,
  indicatorsLead,
  observationLabel,
  observedText,
  panelLead,
} from './report-text';
import { renderTornadoSvg } from './tornado-svg';

/** Rows of the outcomes and probabilities tables at most. */
const MAX_TABLE_ROWS = 100;

/**
 * Descriptions and notes are Markdown written by whoever wrote the file: user content. Raw HTML
 * is off (it comes out escaped) and markdown-it refuses `javascript:` and similar links.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const h = escapeXml;

/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched
 * (a Content-Security-Policy forbids it even if a scenario tried), laid out for the screen and
 * for print.
 */
export function renderHtml(data: ReportData): string {
  const base = isBaseCase(data);
  const body = [
    '<main class="report">',
    '<header class="masthead">',
    '<p class="kicker">Scenario report</p>',
    `<h1>${h(data.title)}</h1>`,
    '<dl class="meta">',
    `<div><dt>Scenario file</dt><dd><code>${h(data.file.name)}</code></dd></div>`,
    `<div><dt>Content hash</dt><dd><code title="sha256 ${h(data.file.sha256)}">sha256 ${h(shortHash(data.file.sha256))}</code></dd></div>`,
    ...(data.variant
      ? [
          `<div><dt>Variant file</dt><dd><code>${h(data.variant.name)}</code>, <code title="sha256 ${h(data.variant.sha256)}">sha256 ${h(shortHash(data.variant.sha256))}</code>${data.variant.title ? ` ${h(data.variant.title)}` : ''}</dd></div>`,
        ]
      : []),
    `<div><dt>Generated</dt><dd><time datetime="${h(data.generated)}">${h(displayDate(data.generated))}</time></dd></div>`,
    `<div><dt>Assumptions</dt><dd>${base ? 'As in the file (base case)' : '<strong class="warn">Changed from the file</strong>'}</dd></div>`,
    '</dl>',
    '</header>',
    ...(base ? [] : changedSection(data)),
    ...(data.description
      ? ['<section class="description">', md.render(data.description).trim(), '</section>']
      : []),
    ...bottomLineSection(data),
    ...optionsSection(data),
    ...treeSection(data),
    ...outcomesSection(data),
    ...sensitivitySection(data),
    ...(data.simulation ? simulationSection(data) : []),
    ...expectationsSection(data),
    ...(data.indicators ? indicatorsSection(data) : []),
    ...(data.panel ? panelSection(data) : []),
    ...assumptionsSection(data),
    '<footer class="colophon">',
    `<p>Made with branchpoint from <code>${h(data.file.name)}</code> (sha256 <code>${h(data.file.sha256)}</code>). The same file and assumptions give the same report.</p>`,
    '</footer>',
    '</main>',
  ];
  return htmlDocument({
    title: `${data.title} · scenario report`,
    style: STYLE,
    policy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    head: ['<meta name="generator" content="branchpoint">'],
    body,
  });
}

function changedSection(data: ReportData): string[] {
  const c = data.changes;
  const rows = [
    ...c.parameters.map((p) =>
      changeRow(
        named(p.label, p.name),
        changeHtml(p.base, p.base_value, p.probability),
        changeHtml(p.used, p.used_value, p.probability),
      ),
    ),
    ...c.weights.map((w) =>
      changeRow(
        `Weight of ${named(w.label, w.criterion)}`,
        `${exact(w.base)} <span class="was">${percent(w.base_share)}</span>`,
        `${exact(w.used)} <span class="was">${percent(w.used_share)}</span>`,
      ),
    ),
    ...c.probabilities.map((p) =>
      changeRow(
        `Probability of ${named(p.label, p.path)}`,
        h(exact(p.base, true)),
        h(exact(p.used, true)),
      ),
    ),
    ...c.observations.map((o) =>
      changeRow(h(observationLabel(o)), h(exact(o.base, true)), h(exact(o.used, true))),
    ),
  ];
  return [
    '<section class="changed" id="changed">',
    '<h2>Changed from the base scenario</h2>',
    ...(data.variant?.description ? [md.render(data.variant.description).trim()] : []),
    `<p><strong>This report does not show the base case.</strong> These assumptions differ from <code>${h(data.file.name)}</code>:</p>`,
    '<table class="compact">',
    '<thead><tr><th>Assumption</th><th class="num">In the file</th><th></th><th class="num">Used here</th></tr></thead>',
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    ...(c.knock_on.length > 0
      ? [
          `<p>Computed from these, so also changed: ${c.knock_on.map((k) => `${named(k.label, k.name)} ${h(exact(k.base))} → ${h(exact(k.used))}`).join('; ')}.</p>`,
        ]
      : []),
    '</section>',
  ];
}

/** A row of the changes table; the cells are HTML already. */
function changeRow(what: string, base: string, used: string): string {
  return `<tr><td>${what}</td><td class="num">${base}</td><td class="arrow">→</td><td class="num"><strong>${used}</strong></td></tr>`;
}

/** A parameter's definition: a number, or an expression and its value. */
function changeHtml(
  definition: number | string,
  value: number | null,
  probability = false,
): string {
  return typeof definition === 'number'
    ? h(exact(definition, probability))
    : `<code>${h(definition)}</code> = ${h(exact(value, probability))}`;
}

function bottomLineSection(data: ReportData): string[] {
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

function optionsSection(data: ReportData): string[] {
  const out = [
    '<section class="options">',
    '<h2>Options</h2>',
    `<p class="lede">${h(SCORE_EXPLAINED)}</p>`,
  ];
  if (data.options.length > 0) {
    const optionScore = scoreColumn(data.options.map((o) => o.score));
    out.push(
      '<table>',
      `<thead><tr><th>Option</th><th class="num">Score</th>${data.criteria.map(criterionHeader).join('')}</tr></thead>`,
      '<tbody>',
      ...data.options.map(
        (o) =>
          `<tr${o.chosen ? ' class="chosen"' : ''}><td>${h(o.label)}${o.chosen ? ' <span class="badge">recommended</span>' : ''}</td><td class="num score">${optionScore(o.score)}</td>${data.criteria.map((c) => `<td class="num">${amount(o.expected[c.id]!)}</td>`).join('')}</tr>`,
      ),
      '</tbody>',
      '</table>',
      '<p class="caption">Criterion columns are expected values under each option’s best continuation.</p>',
    );
  }
  const notes = data.criteria.some((c) => c.note);
  out.push(
    '<h3>Criteria and weights</h3>',
    '<table>',
    `<thead><tr><th>Criterion</th><th>Better</th><th>Unit</th><th class="num">Weight</th><th class="num">Share</th>${notes ? '<th>Note</th>' : ''}</tr></thead>`,
    '<tbody>',
    ...data.criteria.map(
      (c) =>
        `<tr><td>${named(c.label, c.id)}</td><td class="nowrap">${h(directionText(c.direction))}</td><td>${h(c.unit ?? '')}</td><td class="num">${c.weight === c.base_weight ? exact(c.weight) : `<strong>${exact(c.weight)}</strong> <span class="was">file: ${exact(c.base_weight)}</span>`}</td><td class="num">${percent(c.normalized_weight)}</td>${notes ? `<td class="note">${inline(c.note)}</td>` : ''}</tr>`,
    ),
    '</tbody>',
    '</table>',
    '<p class="caption">Weights are normalised to shares that sum to 100%.</p>',
    '</section>',
  );
  return out;
}

function treeSection(data: ReportData): string[] {
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

function outcomesSection(data: ReportData): string[] {
  const rows = data.outcomes.slice(0, MAX_TABLE_ROWS);
  const rest = data.outcomes.slice(rows.length);
  const pathScore = scoreColumn(data.outcomes.map((o) => o.score));
  return [
    '<section class="outcomes">',
    '<h2>Outcomes under the recommended policy</h2>',
    `<p class="lede">${h(PATH_SCORE_EXPLAINED)}</p>`,
    '<table class="long">',
    `<thead><tr><th class="num">Probability</th><th>Outcome</th><th class="num">Path score</th>${data.criteria.map(criterionHeader).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map(
      (o) =>
        `<tr><td class="num">${h(probability(o.probability))}<span class="track"><span class="fill" style="width:${barWidth(o.probability)}"></span></span></td><td>${outcome(o.trail)}</td><td class="num">${pathScore(o.score)}</td>${data.criteria.map((c) => `<td class="num">${amount(o.payoff[c.id]!)}</td>`).join('')}</tr>`,
    ),
    '</tbody>',
    '</table>',
    ...(rest.length > 0
      ? [
          `<p class="caption">${rest.length} less likely outcomes (${h(
            probability(
              rest.reduce((a, o) => a + o.probability, 0),
              'prose',
            ),
          )} together) are in the JSON and CSV reports.</p>`,
        ]
      : []),
    '</section>',
  ];
}

function sensitivitySection(data: ReportData): string[] {
  const s = data.sensitivity;
  const thresholds = s.entries.flatMap((e) => e.thresholds.map((t) => ({ e, t })));
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
          `<tr><td>${named(inputLabel(e), e.name)}</td><td class="num">${h(short(e.base, e.probability))}</td><td class="num"><strong>${h(breakEven(t.value, e.probability))}</strong></td><td>${h(optionLabel(data, t.below))}</td><td>${h(optionLabel(data, t.above))}</td></tr>`,
      ),
      '</tbody>',
      '</table>',
    );
  out.push(
    '<h3>One-way sensitivity (tornado)</h3>',
    `<p class="lede">${h(TORNADO_EXPLAINED)} Inputs in bold can change the recommendation. Base score ${score(s.base)}.</p>`,
  );
  if (tornado) out.push('<figure class="tornado-figure">', tornado, '</figure>');
  const column = scoreColumn([s.base, ...s.entries.flatMap((e) => [e.score_low, e.score_high])]);
  const swing = scoreColumn(s.entries.map((e) => e.swing));
  out.push(
    '<table class="compact long">',
    `<thead><tr><th>Input</th><th class="num">Low</th><th class="num">Base</th><th class="num">High</th><th class="num">Score at low</th><th class="num">Score at high</th><th class="num">Swing</th><th>Best option (low → high)</th></tr></thead>`,
    '<tbody>',
    ...s.entries.map(
      (e) =>
        `<tr><td>${named(inputLabel(e), e.name)}</td><td class="num">${h(short(e.low, e.probability))}</td><td class="num">${h(short(e.base, e.probability))}</td><td class="num">${h(short(e.high, e.probability))}</td><td class="num">${e.score_low === null ? '–' : column(e.score_low)}</td><td class="num">${e.score_high === null ? '–' : column(e.score_high)}</td><td class="num">${swing(e.swing)}</td><td>${h(bestAtEnds(data, e))}</td></tr>`,
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

function simulationSection(data: ReportData): string[] {
  const m = data.simulation!;
  const column = scoreColumn(m.options.flatMap((o) => [o.mean, o.p5, o.p50, o.p95]));
  return [
    '<section class="simulation">',
    '<h2>Monte Carlo simulation</h2>',
    `<p class="lede">${m.iterations.toLocaleString('en-US')} iterations, seed ${m.seed}. Sampled: ${m.sampled.length > 0 ? m.sampled.map((n) => `<code>${h(n)}</code>`).join(', ') : 'nothing (no parameter has a distribution)'}.</p>`,
    '<table>',
    `<caption>${h(SIMULATION_CAPTION)}</caption>`,
    '<thead><tr><th>Option</th><th class="num">Mean</th><th class="num">5th percentile</th><th class="num">Median</th><th class="num">95th percentile</th><th class="num">Chance of being best</th></tr></thead>',
    '<tbody>',
    ...m.options.map(
      (o) =>
        `<tr${o.id === m.best_in_expectation ? ' class="chosen"' : ''}><td>${h(o.label)}</td><td class="num">${column(o.mean)}</td><td class="num">${column(o.p5)}</td><td class="num">${column(o.p50)}</td><td class="num">${column(o.p95)}</td><td class="num">${h(probability(o.p_best))}</td></tr>`,
    ),
    '</tbody>',
    '</table>',
    `<p>Expected value of perfect information (EVPI): <strong>${score(m.evpi)}</strong> score units, what knowing every sampled value before deciding would add to the expected score.</p>`,
    '</section>',
  ];
}

function expectationsSection(data: ReportData): string[] {
  const out = ['<section class="expectations">', '<h2>Expectations</h2>'];
  if (data.expectations.length === 0) return [...out, `<p>${h(NO_EXPECTATIONS)}</p>`, '</section>'];
  const failed = data.expectations.filter((x) => !x.ok).length;
  out.push(
    failed === 0
      ? '<p>Every expectation the file states holds at these values.</p>'
      : `<p><strong class="warn">${failed} of ${data.expectations.length} expectations fail</strong> at these values.</p>`,
    '<ul class="expectations">',
    ...data.expectations.map(
      (x) =>
        `<li class="${x.ok ? 'holds' : 'fails'}">${x.ok ? '✓' : '✗'} ${h(expectationLine(x))}</li>`,
    ),
    '</ul>',
    '</section>',
  );
  return out;
}

function indicatorsSection(data: ReportData): string[] {
  const ind = data.indicators!;
  const said = ind.items.filter((i) => i.sentences.length > 0);
  return [
    '<section class="indicators">',
    '<h2>Indicators</h2>',
    `<p class="lede">${h(indicatorsLead(data))}</p>`,
    '<table>',
    '<thead><tr><th>Indicator</th><th>Updates</th><th class="num">Seen if it happens</th><th class="num">Seen if not</th><th>Now</th><th>Watch</th></tr></thead>',
    '<tbody>',
    ...ind.items.map(
      (i) =>
        `<tr${i.flips ? ' class="chosen"' : ''}><td>${h(i.label)} <code>${h(i.id)}</code></td><td><code>${h(i.parameter)}</code></td><td class="num">${h(exact(i.if_true))}</td><td class="num">${h(exact(i.if_false))}</td><td>${i.observed === null ? 'not yet looked for' : h(observedText(i))}</td><td>${i.flips ? '<strong>watch</strong>' : ''}</td></tr>`,
    ),
    '</tbody>',
    '</table>',
    ...(said.length > 0
      ? ['<ul>', ...said.flatMap((i) => i.sentences.map((t) => `<li>${h(t)}</li>`)), '</ul>']
      : []),
    ...(ind.problems.length > 0
      ? [
          '<p>Could not analyse:</p>',
          '<ul>',
          ...ind.problems.map((p) => `<li>${h(p)}</li>`),
          '</ul>',
        ]
      : []),
    '</section>',
  ];
}

function panelSection(data: ReportData): string[] {
  const p = data.panel!;
  const analysts = p.analysts.map((a) => a.analyst);
  return [
    '<section class="panel">',
    '<h2>Analyst panel</h2>',
    `<p class="lede">${h(panelLead(data))}</p>`,
    ...(p.parameters.length > 0
      ? [
          '<table>',
          `<thead><tr><th>Parameter</th><th class="num">File</th>${analysts.map((a) => `<th class="num">${h(a)}</th>`).join('')}<th class="num">Pooled</th><th class="num">Spread</th></tr></thead>`,
          '<tbody>',
          ...p.parameters.map(
            (x) =>
              `<tr><td><code>${h(x.name)}</code></td><td class="num">${h(exact(x.base, x.probability))}</td>${analysts.map((a) => `<td class="num">${h(exact(x.values[a] ?? null, x.probability))}</td>`).join('')}<td class="num">${h(exact(x.pooled, x.probability))}</td><td class="num">${h(exact(x.spread))}</td></tr>`,
          ),
          '</tbody>',
          '</table>',
        ]
      : []),
    ...(p.analysts.length > 0
      ? [
          '<table class="compact">',
          '<thead><tr><th>Analyst</th><th>Recommends</th><th class="num">Score</th></tr></thead>',
          '<tbody>',
          ...p.analysts.map(
            (a) =>
              `<tr><td>${h(a.analyst)}</td><td>${h(optionLabel(data, a.choice))}</td><td class="num">${score(a.score)}</td></tr>`,
          ),
          '</tbody>',
          '</table>',
        ]
      : []),
    ...(p.problems.length > 0
      ? ['<p>Could not pool:</p>', '<ul>', ...p.problems.map((x) => `<li>${h(x)}</li>`), '</ul>']
      : []),
    '</section>',
  ];
}

function assumptionsSection(data: ReportData): string[] {
  const sourceLink = (id: string | null) => (id ? `<a href="#source-${h(id)}">${h(id)}</a>` : '');
  const out = ['<section class="assumptions">', '<h2>Assumptions</h2>', '<h3>Parameters</h3>'];
  // The column shows when any parameter states how sure its author is.
  const confidence = data.parameters.some((p) => p.confidence !== null);
  if (data.parameters.length === 0) out.push('<p>The scenario has no parameters.</p>');
  else
    out.push(
      '<table class="assumption-table long">',
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
  out.push('<h3>Branch probabilities written in the file</h3>');
  if (data.probabilities.length === 0)
    out.push(
      '<p>Every branch probability comes from a parameter or is the rest of its siblings.</p>',
    );
  else {
    const rows = data.probabilities.slice(0, MAX_TABLE_ROWS);
    out.push(
      '<table class="assumption-table long">',
      '<thead><tr><th>Branch</th><th class="num">Probability</th><th>Source</th><th>Note</th></tr></thead>',
      '<tbody>',
      ...rows.map(
        (p) =>
          `<tr><td>${trail(p.trail)}</td><td class="num">${p.changed ? `<strong>${h(exact(p.value, true))}</strong> <span class="was">file: ${h(exact(p.base_value, true))}</span>` : h(exact(p.value, true))}</td><td>${sourceLink(p.source)}</td><td class="note">${inline(p.note)}</td></tr>`,
      ),
      '</tbody>',
      '</table>',
    );
    if (data.probabilities.length > rows.length)
      out.push(
        `<p class="caption">${data.probabilities.length - rows.length} more are in the JSON and CSV reports.</p>`,
      );
  }
  out.push('<h3>Sources</h3>');
  if (data.sources.length === 0) out.push('<p>The scenario cites no sources.</p>');
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
  out.push('</section>');
  return out;
}

/** "Label `name`", or just the name in code when there is no label. */
function named(label: string | null, name: string): string {
  return label && label !== name
    ? `${h(label)} <code class="name">${h(name)}</code>`
    : `<code class="name">${h(name)}</code>`;
}

/** A criterion as a column heading: label, then unit and direction in small type. */
function criterionHeader(c: ReportData['criteria'][number]): string {
  const details = [c.unit, directionText(c.direction)].filter((x) => x !== null).join(' · ');
  return `<th class="num wrap">${h(c.label)}<span class="dir">${h(details)}</span></th>`;
}

/** An outcome: its label, and below it the way the tree went to reach it. */
function outcome(labels: readonly string[]): string {
  const route = labels.slice(0, -1);
  return `<strong>${h(labels[labels.length - 1] ?? '')}</strong>${route.length > 0 ? `<div class="route">${route.map(h).join('<span class="sep"> › </span>')}</div>` : ''}`;
}

/** The labels on the way to a node, the last one emphasised. */
function trail(labels: readonly string[]): string {
  return labels
    .map((l, i) =>
      i === labels.length - 1 ? `<strong>${h(l)}</strong>` : `<span class="step">${h(l)}</span>`,
    )
    .join('<span class="sep"> › </span>');
}

function inline(text: string | null): string {
  return text ? md.renderInline(text.trim()) : '';
}

const STYLE = `
:root {
  --ink: #1d2733; --muted: #5b6875; --soft: #3b4652; --rule: #dde3e9; --wash: #f4f6f8;
  --accent: #1f4e79; --good: #1d6b3a; --good-wash: #edf6f0; --warn: #7a4f00; --warn-wash: #fdf6e3;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.55 'Source Sans 3', 'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', sans-serif;
  font-variant-numeric: tabular-nums;
}
.report { max-width: 1000px; margin: 0 auto; padding: 48px 40px 32px; }
h1, h2, h3 { line-height: 1.25; color: var(--ink); }
h1 { font-size: 32px; margin: 6px 0 20px; letter-spacing: -0.015em; }
h2 {
  font-size: 22px; margin: 48px 0 14px; padding-bottom: 7px; border-bottom: 2px solid var(--accent);
  color: var(--accent);
}
h3 { font-size: 16.5px; margin: 28px 0 8px; }
p { margin: 0 0 10px; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.84em; }
code.name { color: var(--muted); background: var(--wash); padding: 1px 5px; border-radius: 3px; white-space: nowrap; }
a { color: var(--accent); }
.masthead { border-bottom: 1px solid var(--rule); padding-bottom: 14px; }
.kicker { text-transform: uppercase; letter-spacing: 0.14em; font-size: 12px; font-weight: 700; color: var(--accent); margin: 0; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 30px; margin: 0; font-size: 13.5px; }
.meta div { display: flex; gap: 6px; }
.meta dt { color: var(--muted); }
.meta dt::after { content: ':'; }
.meta dd { margin: 0; }
.warn { color: var(--warn); }
ul.expectations { list-style: none; padding-left: 0; }
ul.expectations li.fails { color: var(--warn); font-weight: 600; }
.description { margin-top: 26px; font-size: 15.5px; color: var(--soft); }
.description p, .lede, .caption { max-width: 80ch; }
.lede { color: var(--muted); }
.caption { color: var(--muted); font-size: 13px; margin-top: 6px; }
.changed { margin-top: 28px; padding: 6px 24px 16px; background: var(--warn-wash); border-left: 4px solid #d49a1a; }
.changed h2 { color: var(--warn); border-bottom: none; margin: 12px 0 6px; }
.changed table { width: auto; min-width: 60%; }
.changed tbody tr:nth-child(even) { background: none; }
.arrow { color: var(--muted); text-align: center; width: 2em; }
.bottom-line { margin-top: 32px; padding: 6px 28px 18px; background: var(--good-wash); border-left: 4px solid var(--good); }
.bottom-line h2 { color: var(--good); border-bottom: none; margin: 14px 0 4px; font-size: 14px; text-transform: uppercase; letter-spacing: 0.12em; }
.bottom-line h3 { margin: 18px 0 6px; font-size: 15px; }
.verdict { margin: 4px 0 6px; }
.verdict-label { display: block; font-size: 13px; color: var(--good); font-weight: 700; }
.verdict-option { display: block; font-size: 24px; line-height: 1.25; letter-spacing: -0.01em; }
.verdict-score { display: block; margin-top: 2px; color: var(--muted); }
.verdict-score strong { color: var(--ink); font-size: 18px; }
.verdict.close .verdict-label { color: var(--warn, #9a5b00); }
.bottom-facts { margin: 8px 0; }
.bottom-facts div { margin: 4px 0; max-width: 88ch; }
.bottom-facts dt { display: inline; font-weight: 700; }
.bottom-facts dt::after { content: ": "; }
.bottom-facts dd { display: inline; margin: 0; }
caption { caption-side: bottom; text-align: left; font-size: 13px; color: var(--muted); padding-top: 6px; }
.statements, .policy { margin: 4px 0 8px; padding-left: 22px; }
.statements li, .policy li { margin: 5px 0; max-width: 88ch; }
table { width: 100%; border-collapse: collapse; margin: 10px 0 6px; font-size: 14px; }
th, td { padding: 7px 10px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
thead th {
  font-size: 12.5px; font-weight: 700; color: var(--muted); border-bottom: 2px solid #b9c3cd;
  vertical-align: bottom; white-space: nowrap;
}
thead th.wrap { white-space: normal; min-width: 90px; }
tbody tr:nth-child(even) { background: #fafbfc; }
.num { text-align: right; white-space: nowrap; }
.dir { display: block; font-weight: 400; font-size: 11.5px; }
tr.chosen td { background: var(--good-wash); font-weight: 600; }
.badge {
  display: inline-block; margin-left: 6px; padding: 0 8px; border-radius: 9px; background: var(--good);
  color: #fff; font-size: 11px; font-weight: 700; letter-spacing: 0.03em; vertical-align: 1px; white-space: nowrap;
}
table.compact { width: auto; min-width: 60%; }
.note { color: var(--soft); font-size: 13px; }
.was { color: var(--muted); font-size: 12px; font-weight: 400; white-space: nowrap; }
.value { min-width: 90px; max-width: 200px; }
.unit { color: var(--muted); font-size: 12px; line-height: 1.35; margin-top: 2px; }
.nowrap { white-space: nowrap; }
.sep { color: var(--muted); }
.route { color: var(--muted); font-size: 12.5px; line-height: 1.4; margin-top: 2px; }
.track { display: block; width: 64px; height: 4px; margin: 5px 0 0 auto; background: var(--wash); border-radius: 2px; overflow: hidden; }
.fill { display: block; height: 100%; background: var(--accent); }
figure { margin: 14px 0; }
.tree-figure {
  position: relative; left: 50%; transform: translateX(-50%);
  width: max-content; min-width: 100%; max-width: calc(100vw - 48px);
  padding: 8px; border: 1px solid var(--rule); border-radius: 4px; background: #fff;
}
.tree-figure svg, .tornado-figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.tornado-figure { margin: 18px 0 10px; }
.assumption-table td:first-child { min-width: 190px; }
.assumption-table .note { min-width: 280px; }
.sources { padding-left: 22px; }
.sources li { margin: 10px 0; }
.source-id {
  font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12px; background: var(--wash);
  padding: 1px 6px; border-radius: 3px; margin-right: 4px;
}
.sources .url { overflow-wrap: anywhere; }
.sources .note { margin-top: 3px; }
.colophon { margin-top: 48px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
.colophon code { overflow-wrap: anywhere; }
@media (max-width: 720px) {
  .report { padding: 24px 16px; }
}
@page { size: A4; margin: 14mm 12mm 16mm; }
@page wide { size: A4 landscape; margin: 12mm; }
@media print {
  body { font-size: 10pt; }
  .report { max-width: none; padding: 0; }
  h2 { margin-top: 28px; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, figure, section.bottom-line, section.changed, .masthead, .sources li { break-inside: avoid; page-break-inside: avoid; }
  table.long { break-inside: auto; page-break-inside: auto; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .tree-section { break-before: page; page-break-before: always; }
  .tree-section.landscape { page: wide; }
  .tree-figure { position: static; transform: none; width: auto; min-width: 0; max-width: 100%; border: none; padding: 0; }
  .tree-figure svg, .tornado-figure svg { width: 100%; max-width: 100%; height: auto; }
  .tree-figure svg { max-height: 225mm; }
  .landscape .tree-figure svg { max-height: 140mm; }
  .lede { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  tbody tr:nth-child(even) { background: none; }
  table { font-size: 9pt; }
  th, td { padding: 4px 6px; }
  .assumption-table td:first-child, .assumption-table .note { min-width: 0; }
  .assumption-table .nowrap { white-space: normal; }
  .bottom-line, .changed, tr.chosen td, .badge, .fill { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * A self-contained HTML page: its own styles, and a Content-Security-Policy that forbids every
 * outside request and every script, so opening a report can never reach the network.
 */
export function htmlDocument(page: {
  title: string;
  style: string;
  policy: string;
  head?: string[];
  body: string[];
}): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${page.policy}">`,
    ...(page.head ?? []),
    `<title>${h(page.title)}</title>`,
    `<style>${page.style}</style>`,
    '</head>',
    '<body>',
    ...page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
