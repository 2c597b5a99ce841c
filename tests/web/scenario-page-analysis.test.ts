import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import * as evaluateModule from '../../src/engine/evaluate';
import * as expectationsModule from '../../src/engine/expectations';
import * as indicatorsModule from '../../src/engine/indicators';
import * as poolModule from '../../src/engine/pool';
import * as sensitivityModule from '../../src/engine/sensitivity';
import * as simulateModule from '../../src/engine/simulate';
import { createApp } from '../../src/web/create-app';

/**
 * One scenario-page request is one analysis: every engine analysis the page shows (the
 * evaluation and its tree, sensitivity, indicators, expectations, the file's own base case)
 * runs at most once, and nothing evaluates outside them. The spies wrap the engine modules'
 * exports; an analysis's own inner evaluations are not counted as separate calls.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');
let dir: string;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-page-analysis-'));
  copyFileSync(join(FIXTURES, 'watch-sky.yaml'), join(dir, 'watch-sky.yaml'));
  cpSync(join(FIXTURES, 'watch-sky.assessments'), join(dir, 'watch-sky.assessments'), {
    recursive: true,
  });
  app = createApp({ dir, history: null });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

/** Counts calls of each engine analysis; `evaluate` only when called outside an analysis. */
function countEngineCalls(): Record<string, number> {
  const counts: Record<string, number> = {};
  let depth = 0;
  const wrap = <M extends object>(module: M, name: keyof M & string, counted = name) => {
    const original = module[name] as unknown as (...args: unknown[]) => unknown;
    jest.spyOn(module, name as never).mockImplementation(((...args: unknown[]) => {
      if (depth === 0 || counted !== 'evaluate') counts[counted] = (counts[counted] ?? 0) + 1;
      depth++;
      try {
        return original(...args);
      } finally {
        depth--;
      }
    }) as never);
  };
  wrap(evaluateModule, 'evaluate');
  wrap(evaluateModule, 'evaluateTree');
  wrap(sensitivityModule, 'sensitivity');
  wrap(simulateModule, 'simulate');
  wrap(indicatorsModule, 'analyseIndicators');
  wrap(expectationsModule, 'checkExpectations');
  wrap(poolModule, 'poolPanel');
  return counts;
}

describe('one scenario-page request', () => {
  it('runs each engine analysis at most once (page, and the JSON the live page uses)', async () => {
    // The first request reads the folder; count the requests after it.
    await request(app).get('/scenarios/watch-sky').expect(200);
    const counts = countEngineCalls();
    await request(app)
      .get('/scenarios/watch-sky?p.p_rain=0.35&w.cost=1.5&observe.radar_band=seen')
      .expect(200);
    expect(counts).toEqual({
      evaluateTree: 1,
      sensitivity: 1,
      analyseIndicators: 1,
      checkExpectations: 1,
    });
    // The live page: the document's own values once (what the fields are drawn against)...
    await request(app).post('/api/scenarios/watch-sky/explore').send({}).expect(200);
    for (const k of Object.keys(counts)) delete counts[k];
    // ...then a change is one rollback, and the robustness answer the rest, each once.
    const live = await request(app)
      .post('/api/scenarios/watch-sky/explore')
      .send({ 'p.p_rain': '0.35', 'observe.clear_dawn': 'seen' })
      .expect(200);
    expect(live.body.numbers.choice).toBe('walk-without');
    expect(counts).toEqual({ evaluateTree: 1 });
    for (const k of Object.keys(counts)) delete counts[k];
    const robust = await request(app)
      .post('/api/scenarios/watch-sky/explore?part=robustness')
      .send({ 'p.p_rain': '0.35', 'observe.clear_dawn': 'seen' })
      .expect(200);
    expect(robust.body.numbers.choice).toBe('walk-without');
    expect(counts).toEqual({
      evaluateTree: 1,
      sensitivity: 1,
      analyseIndicators: 1,
      checkExpectations: 1,
    });
  });

  it('runs the file’s own evaluation once more for a variant, to compare with', async () => {
    const res = await request(app)
      .post('/api/scenarios/watch-sky/variants')
      .send({ name: 'Wet week', set: { p_rain: 'likely' } });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await request(app).get(`/scenarios/${id}`).expect(200);
    const counts = countEngineCalls();
    const page = await request(app).get(`/scenarios/${id}?w.cost=2`).expect(200);
    expect(counts).toEqual({
      evaluate: 1,
      evaluateTree: 1,
      sensitivity: 1,
      analyseIndicators: 1,
      checkExpectations: 1,
    });
    // The variant's phrase is in the form, chosen in the select beside the number.
    expect(page.text).toMatch(/name="p.p_rain" value="likely"/);
    expect(page.text).toMatch(/<option value="" data-phrase="likely"[^>]*selected>/);
  });
});

describe('the page with indicators, phrases and expectations', () => {
  it('marks the indicator that would flip the recommendation, and says what it would do', async () => {
    const res = await request(app).get('/scenarios/watch-sky').expect(200);
    expect(res.text).toContain('data-indicator="clear_dawn"');
    expect(res.text).toMatch(/class="indicator watch"[^>]*data-indicator="clear_dawn"/);
    expect(res.text).toMatch(/class="indicator"[^>]*data-indicator="radar_band"/);
    expect(res.text).toContain('Indicators to watch');
    expect(res.text).toContain(
      'If “a clear sky at dawn” is seen, Chance of rain falls from 0.40 (unlikely) to 0.16 (very unlikely) and the recommendation changes to Walk without (walk-without).',
    );
    // Expectations: one holds, one fails with its break-even.
    expect(res.text).toContain('Holds:</strong> best is walk-with-an-umbrella');
    expect(res.text).toMatch(
      /Fails:<\/strong> best is walk-with-an-umbrella while p_rain in \[0.1, 0.8\]: fails below p_rain = 0.269/,
    );
    // Confidence beside the parameter, phrases beside a probability.
    expect(res.text).toContain('moderate confidence');
    expect(res.text).toMatch(/<select class="phrase" name="phrase.p_taxi"/);
  });

  it('applies an observation from the URL, in the order the scenario lists them', async () => {
    const res = await request(app)
      .get('/scenarios/watch-sky?observe.radar_band=not&observe.clear_dawn=seen')
      .expect(200);
    expect(res.text).toContain('Walk without');
    expect(res.text).toMatch(/value="seen" checked/);
    expect(res.text).toContain('a clear sky at dawn: seen, so p_rain');
    const live = await request(app)
      .post('/api/scenarios/watch-sky/explore')
      .send({ 'observe.radar_band': 'not', 'observe.clear_dawn': 'seen' })
      .expect(200);
    expect(live.body.query).toBe('observe.clear_dawn=seen&observe.radar_band=not');
    const indicators = (live.body as { indicators: { state: string }[] }).indicators;
    expect(indicators.map((i) => i.state)).toEqual(['seen', 'not']);
  });

  it('takes a phrase picked in the select over the number beside it, and keeps it in the URL', async () => {
    const res = await request(app)
      .get('/scenarios/watch-sky?p.p_rain=0.4&phrase.p_rain=very+unlikely')
      .expect(200);
    expect(res.text).toMatch(/name="p.p_rain" value="very unlikely"/);
    expect(res.text).toContain('Walk without');
    const live = await request(app)
      .post('/api/scenarios/watch-sky/explore')
      .send({ 'p.p_rain': 'very unlikely' })
      .expect(200);
    expect(live.body.query).toBe('p.p_rain=very+unlikely');
    const fields = (live.body as { fields: { name: string; phrase: string | null }[] }).fields;
    expect(fields.find((f) => f.name === 'p.p_rain')?.phrase).toBe('very unlikely');
    // The phrase the file wrote is not a change.
    const same = await request(app).get('/scenarios/watch-sky?p.p_taxi=probable').expect(200);
    expect(same.text).not.toContain('Compared with the scenario file');
  });

  it('answers an unknown answer to an indicator next to it, and claims no change it did not compute', async () => {
    const res = await request(app)
      .get('/scenarios/watch-sky?observe.clear_dawn=maybe&p.p_rain=0.1')
      .expect(422);
    expect(res.text).toContain('is not an answer');
    expect(res.text).toContain('These results are for the scenario file&#39;s values');
    // The results are the file's: no comparison claims p_rain = 0.1 was used.
    expect(res.text).not.toContain('Compared with the scenario file');
    // The marks beside the form's indicators are for the form's values: none when stale.
    expect(res.text).not.toContain('class="indicator watch"');
  });

  it('accepts observe in POST .../evaluate, applied in the order given', async () => {
    const res = await request(app)
      .post('/api/scenarios/watch-sky/evaluate')
      .send({ observe: [{ id: 'clear_dawn', seen: true }] })
      .expect(200);
    expect(res.body.choice).toBe('walk-without');
    expect(res.body.parameters.p_rain).toBeCloseTo(0.16, 10);
  });
});

describe('exports of the page', () => {
  it('carry expectations, indicators and the panel of the assessments beside the scenario', async () => {
    const md = await request(app)
      .get('/scenarios/watch-sky/report.md?observe.radar_band=seen')
      .expect(200);
    expect(md.text).toContain('## Expectations');
    expect(md.text).toContain('Fails (line 90): best is walk-with-an-umbrella while p\\_rain');
    expect(md.text).toContain('Watch a clear sky at dawn: an answer to it would change');
    expect(md.text).toContain('## Indicators');
    expect(md.text).toContain('## Analyst panel');
    expect(md.text).toContain('2 analysts, linear pool');
    const json = await request(app).get('/scenarios/watch-sky/report.json').expect(200);
    const report = JSON.parse(json.text) as {
      panel: { analysts: { analyst: string }[] };
      indicators: { items: unknown[] };
      expectations: { ok: boolean }[];
    };
    expect(report.panel.analysts.map((a) => a.analyst)).toEqual(['North desk', 'South desk']);
    expect(report.indicators.items[0]).toMatchObject({ id: 'clear_dawn', flips: true });
    expect(report.expectations.map((x) => x.ok)).toEqual([true, false]);
    expect(readdirSync(dir)).toContain('watch-sky.assessments');
  });
});
