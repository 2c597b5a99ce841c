import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openScenario, readScenario } from '../../src/document';
import { buildReport } from '../../src/report/data/build-report';
import { isBaseCase } from '../../src/report/data/is-base-case';
import { DATE, SMALL, reportOf, reportOfText } from './golden';
import { HOSTILE } from './hostile';

describe('buildReport', () => {
  it('names the file by its base name and its content by the sha256 of its text', async () => {
    const data = await reportOf();
    expect(data.file).toEqual({
      name: 'report-small.yaml',
      sha256: createHash('sha256').update(readFileSync(SMALL, 'utf8')).digest('hex'),
    });
    expect(data.generated).toBe('2026-11-25T00:00:00Z');
    expect(data.variant).toBeNull();
    expect(isBaseCase(data)).toBe(true);
  });

  it('puts the recommendation, the runner-up and the break-even statements first', async () => {
    const data = await reportOf();
    expect(data.recommendation).toEqual({
      id: 'walk-with-an-umbrella',
      label: 'Walk with an umbrella',
      score: expect.closeTo(3.4, 9),
      runner_up: {
        id: 'walk-without',
        label: 'Walk without',
        score: expect.closeTo(2.2667, 3),
        margin: expect.closeTo(1.1333, 3),
      },
    });
    expect(data.statements).toEqual([
      'Walk with an umbrella stays best unless Chance of rain (p_rain) falls below 0.269 (base 0.4), still unlikely; below it, Walk without is best.',
    ]);
    // Inputs that cannot change the recommendation have no statement.
    expect(data.sensitivity.entries.map((e) => [e.name, e.statement !== ''])).toEqual([
      ['weight:cost', false],
      ['weight:comfort', false],
      ['p_rain', true],
    ]);
  });

  it('lists the outcomes under the policy likeliest first, with the way to each', async () => {
    const data = await reportOf();
    expect(data.outcomes.map((o) => [o.trail, o.probability])).toEqual([
      [['Walk with an umbrella', 'Dry'], expect.closeTo(0.6, 12)],
      [['Walk with an umbrella', 'Rain'], expect.closeTo(0.4, 12)],
    ]);
  });

  it('gathers criteria with weights as given and normalised, and every assumption', async () => {
    const data = await reportOf();
    expect(data.criteria.map((c) => [c.id, c.direction, c.weight, c.normalized_weight])).toEqual([
      ['comfort', 'max', 2, 2 / 3],
      ['cost', 'min', 1, 1 / 3],
    ]);
    expect(data.parameters[0]).toEqual({
      name: 'p_rain',
      label: 'Chance of rain',
      unit: 'probability',
      value: 0.4,
      expression: null,
      base_value: 0.4,
      changed: false,
      range: [0.1, 0.8],
      distribution: 'beta(4, 6)',
      source: 'met',
      note: 'The forecast says 40%; verification finds such forecasts well calibrated.',
      probability: true,
      phrase: null,
      confidence: null,
    });
    expect(data.probabilities).toEqual([
      expect.objectContaining({
        path: 'how-to-get-to-the-offsite/take-a-taxi/taxi-arrives',
        trail: ['Take a taxi', 'Taxi arrives'],
        value: 0.9,
        source: 'met',
      }),
    ]);
    expect(data.sources).toEqual([
      {
        id: 'met',
        title: 'Verification of regional precipitation forecasts, 2025',
        author: 'J. Forecaster',
        publisher: 'National Met Service',
        date: '2025-06-01',
        url: 'https://example.org/verification-2025',
        note: 'Share of "40% chance of rain" days on which it rained.',
      },
    ]);
  });

  it('records every override as a change from the file, and what follows from it', () => {
    const data = reportOfText(HOSTILE, {
      set: { p: 0.7 },
      weight: { value: 2 },
      probability: { 'script-alert-1-script/safe-option/risk': 0.5 },
    });
    expect(isBaseCase(data)).toBe(false);
    expect(data.changes.parameters).toEqual([
      expect.objectContaining({
        name: 'p',
        base: 0.5,
        base_value: 0.5,
        used: 0.7,
        used_value: 0.7,
      }),
    ]);
    expect(data.changes.weights).toEqual([
      { criterion: 'value', label: 'Value', base: 1, used: 2, base_share: 1, used_share: 1 },
    ]);
    expect(data.changes.probabilities).toEqual([
      { path: 'script-alert-1-script/safe-option/risk', label: '@risk', base: 0.25, used: 0.5 },
    ]);
    expect(data.changes.knock_on).toEqual([
      { name: 'q', label: null, base: 0.5, used: expect.closeTo(0.3, 12) },
    ]);
    expect(data.parameters.find((p) => p.name === 'q')).toMatchObject({
      expression: '1 - p',
      changed: false,
    });
  });

  it('does not count an override equal to the file value as a change', async () => {
    const data = await reportOf({ set: { p_rain: 0.4 }, weight: { cost: 1 } });
    expect(isBaseCase(data)).toBe(true);
  });

  it('keeps an expression override as written, with its value', async () => {
    const data = await reportOf({ set: { umbrella_cost: 'p_rain * 10' } });
    expect(data.changes.parameters).toEqual([
      {
        name: 'umbrella_cost',
        label: null,
        unit: null,
        base: 3,
        base_value: 3,
        used: 'p_rain * 10',
        used_value: 4,
        probability: false,
      },
    ]);
  });

  it('reports a variant file with its own hash, and its overrides as changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-variant-'));
    writeFileSync(join(dir, 'small.yaml'), readFileSync(SMALL, 'utf8'));
    const variant = 'extends: small.yaml\ntitle: Wet week\nset:\n  p_rain: 0.7\n';
    writeFileSync(join(dir, 'wet.yaml'), variant);
    const built = buildReport(await readScenario(join(dir, 'wet.yaml')), {}, { date: DATE });
    if (!built.ok) throw new Error(built.errors[0]!.message);
    const data = built.value;
    expect(data.file.name).toBe('small.yaml');
    expect(data.variant).toEqual({
      name: 'wet.yaml',
      sha256: createHash('sha256').update(variant).digest('hex'),
      title: 'Wet week',
      description: null,
    });
    expect(data.changes.parameters).toEqual([
      expect.objectContaining({ name: 'p_rain', base: 0.4, used: 0.7 }),
    ]);
    expect(data.parameters[0]).toMatchObject({ value: 0.7, base_value: 0.4, changed: true });
  });

  it('adds a Monte Carlo summary when asked, the same for the same seed', async () => {
    const a = await reportOf({}, { simulate: { iterations: 2000, seed: 7 } });
    const b = await reportOf({}, { simulate: { iterations: 2000, seed: 7 } });
    expect(a.simulation).toEqual(b.simulation);
    expect(a.simulation).toMatchObject({ iterations: 2000, seed: 7, sampled: ['p_rain'] });
    expect(a.simulation!.options.map((o) => o.id)).toEqual([
      'walk-with-an-umbrella',
      'walk-without',
      'take-a-taxi',
    ]);
    expect((await reportOf()).simulation).toBeNull();
  });

  it('returns the problems of an invalid scenario or override, located in the file', async () => {
    const invalid = buildReport(
      openScenario('title: T\nroot: {type: outcome}\n', 'bad.yaml'),
      {},
      { date: DATE },
    );
    expect(invalid.ok).toBe(false);
    const unknown = buildReport(await readScenario(SMALL), { set: { nope: 1 } }, { date: DATE });
    expect(!unknown.ok && unknown.errors.map((e) => e.code)).toEqual(['UNKNOWN_PARAMETER']);
  });

  it('draws the tree with the web app renderer, as a standalone SVG', async () => {
    const data = await reportOf();
    expect(data.tree_svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="tree"')).toBe(
      true,
    );
    expect(data.tree_svg).toContain('data-path="how-to-get-to-the-offsite/walk-with-an-umbrella"');
  });
});

describe('the bottom line of a report', () => {
  it('comes with the margin, the nearest tipping point and, with a simulation, P(best)', async () => {
    const data = await reportOf({}, { simulate: { iterations: 500, seed: 1 } });
    const b = data.bottom_line;
    expect(b.verdict).toBe('recommended');
    expect(b.best?.id).toBe('walk-with-an-umbrella');
    expect(b.runner_up?.id).toBe('walk-without');
    expect(b.margin).toBeCloseTo(1.1333, 3);
    expect(b.tipping_point).toMatchObject({
      name: 'p_rain',
      direction: 'below',
      probability: true,
    });
    expect(b.searched).toBe(true);
    expect(b.tipping_point!.value).toBeCloseTo(0.2692, 3);
    expect(b.p_best).toBe(data.simulation!.options.find((o) => o.id === b.best!.id)!.p_best);
  });
});
