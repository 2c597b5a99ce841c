import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/web/create-app';

let dir: string;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-web-'));
  copyFileSync(join(__dirname, '..', 'fixtures', 'oil-wildcatter.yaml'), join(dir, 'oil.yaml'));
  copyFileSync(
    join(__dirname, '..', 'fixtures', 'invalid-probabilities.yaml'),
    join(dir, 'broken.yml'),
  );
  writeFileSync(
    join(dir, 'xss.yaml'),
    [
      'title: "<script>alert(1)</script>"',
      'description: "<img src=x onerror=alert(2)>"',
      'root:',
      '  type: decision',
      '  label: "<b>Pick</b>"',
      '  options:',
      '    - { label: "<script>x</script>", type: outcome, payoff: 1 }',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
  app = createApp({ dir });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pages', () => {
  it('lists every scenario, invalid ones with their errors at file:line:col', async () => {
    const res = await request(app).get('/').expect(200);
    expect(res.text).toContain('href="/scenarios/oil"');
    expect(res.text).toContain('Oil wildcatter with a seismic test');
    expect(res.text).toContain('Recommended: <strong>Seismic test</strong>');
    expect(res.text).toMatch(
      /broken\.yml:3:3: probabilities of the branches of &#39;toss&#39; sum to 1\.1/,
    );
    expect(res.text).not.toContain('notes');
  });

  it('shows a scenario with its recommendation, options, tree and policy highlighted', async () => {
    const res = await request(app).get('/scenarios/oil').expect(200);
    expect(res.text).toContain('<strong>Seismic test</strong>, expected score 23.');
    expect(res.text).toMatch(/<tr class="chosen">\s*<th scope="row">Seismic test/);
    expect(res.text).toMatch(
      /<g class="node decision policy" data-path="test-first\/seismic-test\/open-structure"/,
    );
    expect(res.text).toMatch(/<g class="node decision rejected" data-path="test-first\/no-test"/);
    expect(res.text).toMatch(/<path class="link policy" data-path="test-first\/seismic-test"/);
    expect(res.text).toContain('0.410 (unlikely)');
  });

  it('offers every parameter, literal probability and weight in a form that works without JavaScript', async () => {
    const res = await request(app).get('/scenarios/oil').expect(200);
    expect(res.text).toMatch(
      /<form id="tweaks" class="tweaks" method="get" action="\/scenarios\/oil#tweaks"/,
    );
    for (const name of ['p.p_dry', 'p.p_wet', 'p.p_soak', 'w.value'])
      expect(res.text).toContain(`name="${name}"`);
    expect(res.text).toMatch(/<label for="f-p_p_dry">p_dry<\/label>/);
    // An expression parameter starts empty, so submitting the form does not pin it.
    expect(res.text).toMatch(/name="p.p_soak" value="" placeholder="= 1 - p_dry - p_wet \(0.2\)"/);
  });

  it('recomputes from the query string, marks what changed and offers a reset', async () => {
    const res = await request(app).get('/scenarios/oil?p.p_dry=0.9&p.p_wet=0.05').expect(200);
    expect(res.text).toContain('<strong>No test</strong>');
    expect(res.text).toMatch(/<div class="field changed" data-field="p.p_dry">/);
    expect(res.text).toMatch(/<a class="reset" href="\/scenarios\/oil">/);
    const base = await request(app).get('/scenarios/oil').expect(200);
    expect(base.text).toMatch(/<a class="reset" href="\/scenarios\/oil" hidden>/);
  });

  it('shows a bad value next to its field and keeps the last valid results, marked stale', async () => {
    const res = await request(app).get('/scenarios/oil?p.p_wet=0.7').expect(422);
    expect(res.text).toContain('class="results stale"');
    expect(res.text).toContain('These results are for the scenario file&#39;s values');
    // The base case stays on screen.
    expect(res.text).toContain('<strong>Seismic test</strong>');
    const weight = await request(app).get('/scenarios/oil?w.value=heavy').expect(422);
    expect(weight.text).toMatch(
      /<div class="field changed invalid" data-field="w.value">[\s\S]*?&#39;heavy&#39; is not a number/,
    );
  });

  it('names a parameter whose override does not evaluate next to that field', async () => {
    const res = await request(app).get('/scenarios/oil?p.p_dry=1%2F0').expect(422);
    expect(res.text).toMatch(
      /data-field="p.p_dry">[\s\S]*?<p class="error" id="f-p_p_dry-error">[^<]*not a finite number/,
    );
  });

  it('escapes labels and descriptions from the YAML', async () => {
    const list = await request(app).get('/').expect(200);
    expect(list.text).not.toContain('<script>alert(1)</script>');
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const page = await request(app).get('/scenarios/xss').expect(200);
    expect(page.text).not.toMatch(/<script>|<img|<b>Pick/);
    expect(page.text).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('explains an invalid scenario instead of failing', async () => {
    const res = await request(app).get('/scenarios/broken').expect(422);
    expect(res.text).toContain('broken.yml:3:3');
  });

  it('answers 404 for an unknown scenario and 400 for a malformed id', async () => {
    await request(app).get('/scenarios/nope').expect(404);
    await request(app).get('/scenarios/..%2F..%2Fetc%2Fpasswd').expect(400);
  });

  it('sends a strict Content-Security-Policy', async () => {
    const res = await request(app).get('/').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('serves the stylesheet', async () => {
    await request(app).get('/static/style.css').expect(200).expect('content-type', /css/);
  });
});

describe('JSON API', () => {
  it('lists scenarios with validity, choice and errors', async () => {
    const res = await request(app).get('/api/scenarios').expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        id: 'broken',
        valid: false,
        choice: null,
        errors: [expect.objectContaining({ code: 'PROBABILITY_SUM', line: 3, column: 3 })],
      }),
      {
        id: 'oil',
        variant_of: null,
        title: 'Oil wildcatter with a seismic test',
        valid: true,
        choice: 'seismic-test',
        errors: [],
      },
      expect.objectContaining({ id: 'xss', valid: true }),
    ]);
  });

  it('returns the scenario as loaded and its evaluation', async () => {
    const res = await request(app).get('/api/scenarios/oil').expect(200);
    expect(res.body.scenario.criteria).toEqual([
      { id: 'value', label: 'Value', weight: 1, weight_range: [0.5, 1.5], direction: 'max' },
    ]);
    expect(res.body.scenario.root.options[1]).toMatchObject({ id: 'no-test', type: 'decision' });
    expect(res.body.evaluation.choice).toBe('seismic-test');
  });

  it('evaluates with overrides, the same JSON as the CLI', async () => {
    const res = await request(app)
      .post('/api/scenarios/oil/evaluate')
      .send({ set: { p_dry: 0.9, p_wet: '0.05' } })
      .expect(200);
    expect(res.body.parameters).toMatchObject({ p_dry: 0.9, p_wet: 0.05 });
    expect(res.body.choice).toBe('no-test');
  });

  it('answers 422 with positioned errors when an override breaks the tree', async () => {
    const res = await request(app)
      .post('/api/scenarios/oil/evaluate')
      .send({ set: { p_dry: 0.9, p_wet: 0.3 } })
      .expect(422);
    expect(res.body.errors[0]).toMatchObject({
      code: 'PROBABILITY_SUM',
      file: 'oil.yaml',
    });
    expect(res.body.errors[0].line).toEqual(expect.any(Number));
  });

  it('answers 422 for an unknown parameter, naming it', async () => {
    const res = await request(app)
      .post('/api/scenarios/oil/evaluate')
      .send({ set: { nope: 1 } })
      .expect(422);
    expect(res.body.errors[0]).toMatchObject({
      code: 'UNKNOWN_PARAMETER',
      path: 'nope',
      line: null,
      column: null,
    });
  });

  it('answers 400 for a malformed body', async () => {
    const wrongType = await request(app)
      .post('/api/scenarios/oil/evaluate')
      .send({ weight: { value: 'heavy' } })
      .expect(400);
    expect(wrongType.body.errors[0]).toMatchObject({ code: 'BAD_REQUEST', path: 'weight.value' });
    await request(app).post('/api/scenarios/oil/evaluate').send({ sett: {} }).expect(400);
    const badJson = await request(app)
      .post('/api/scenarios/oil/evaluate')
      .set('content-type', 'application/json')
      .send('{"set":')
      .expect(400);
    expect(badJson.body.errors[0].message).toContain('not valid JSON');
  });

  it('answers 413-class errors as JSON for oversized bodies', async () => {
    const big = { set: { p_dry: 'x'.repeat(200_000) } };
    const res = await request(app).post('/api/scenarios/oil/evaluate').send(big);
    expect(res.status).toBe(413);
    expect(res.body.errors[0].message).toContain('larger than');
  });

  it('serves the live page: the changed parts as locals of its partials, fields annotated, a shareable query', async () => {
    const res = await request(app)
      .post('/api/scenarios/oil/explore')
      .send({ 'p.p_dry': '0.9', 'p.p_wet': '0.05', shown: '' })
      .expect(200);
    expect(res.body).toMatchObject({
      part: 'fast',
      stale: false,
      changed: true,
      query: 'p.p_dry=0.9&p.p_wet=0.05',
      messages: [],
    });
    expect(res.body.parts.verdict.results.recommendation).toBe('No test');
    expect(Object.keys(res.body.tree).length).toBeGreaterThan(0);
    expect(res.body.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'p.p_dry', changed: true, error: null }),
      ]),
    );
    const robust = await request(app)
      .post('/api/scenarios/oil/explore?part=robustness')
      .send({ 'p.p_dry': '0.9', 'p.p_wet': '0.05' })
      .expect(200);
    expect(robust.body).toMatchObject({ part: 'robustness', stale: false });
  });

  it('marks the live page stale and names the field when a value does not evaluate', async () => {
    const res = await request(app)
      .post('/api/scenarios/oil/explore')
      .send({ 'w.value': 'x' })
      .expect(200);
    expect(res.body.stale).toBe(true);
    expect(res.body.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'w.value', error: "'x' is not a number" }),
      ]),
    );
    await request(app).post('/api/scenarios/oil/explore').send([1, 2]).expect(400);
  });

  it('answers 404 and 400 for unknown and malformed ids', async () => {
    await request(app).get('/api/scenarios/nope').expect(404);
    const res = await request(app).get('/api/scenarios/a.b').expect(400);
    expect(res.body.errors[0]).toMatchObject({ code: 'BAD_REQUEST', path: 'id' });
    await request(app).get('/api/scenarios/..%2Fsecret').expect(400);
    await request(app).get('/api/nothing-here').expect(404);
  });
});

describe('export', () => {
  it('exports exactly what is on screen, the tweaks included', async () => {
    const page = await request(app).get('/scenarios/oil?p.p_dry=0.9&p.p_wet=0.05').expect(200);
    expect(page.text).toContain('href="/scenarios/oil/report.md?p.p_dry=0.9&amp;p.p_wet=0.05"');
    const md = await request(app)
      .get('/scenarios/oil/report.md?p.p_dry=0.9&p.p_wet=0.05')
      .expect(200)
      .expect('content-type', /markdown/);
    // A tweaked export says so in its file name.
    expect(md.headers['content-disposition']).toContain('oil-tweaked.md');
    expect(md.text).toContain('No test');
    expect(md.text).toMatch(/Changed from the base scenario/);
    const base = await request(app).get('/scenarios/oil/report.md').expect(200);
    expect(base.text).not.toMatch(/Changed from the base scenario/);
  });

  it('exports HTML, JSON, SVG and each CSV table, and refuses unknown formats and tables', async () => {
    await request(app).get('/scenarios/oil/report.html').expect(200).expect('content-type', /html/);
    await request(app).get('/scenarios/oil/report.json').expect(200).expect('content-type', /json/);
    await request(app).get('/scenarios/oil/report.svg').expect(200).expect('content-type', /svg/);
    const csv = await request(app).get('/scenarios/oil/report.csv?table=outcomes').expect(200);
    expect(csv.headers['content-disposition']).toContain('oil-outcomes.csv');
    await request(app).get('/scenarios/oil/report.csv?table=nope').expect(400);
    await request(app).get('/scenarios/oil/report.pdf').expect(404);
    await request(app).get('/scenarios/oil/report.md?p.p_wet=0.9').expect(422);
  });
});
