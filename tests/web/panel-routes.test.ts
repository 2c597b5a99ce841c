import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/web/create-app';
import { bridgeFolder } from './folder-fixture';

let dir: string;
let app: ReturnType<typeof createApp>;

beforeEach(() => {
  dir = bridgeFolder();
  app = createApp({ dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('assessments', () => {
  it('are listed with their scenario and opened like variants', async () => {
    const index = await request(app).get('/').expect(200);
    expect(index.text).toContain(
      'href="/scenarios/bridge/panel">Analyst panel</a> (3 assessments)',
    );
    const page = await request(app).get('/scenarios/bridge--by-east').expect(200);
    expect(page.text).toContain('<strong>Build it</strong>');
    const api = await request(app).get('/api/scenarios/bridge--by-east').expect(200);
    expect(api.body.evaluation.choice).toBe('build');
  });

  it('are saved from JSON create-exclusively: 201, then 409 for the same name, 422 for values that do not evaluate', async () => {
    const post = (body: object) =>
      request(app).post('/api/scenarios/bridge/assessments').send(body);
    const made = await post({
      analyst: 'North desk',
      set: { p_ok: 0.9 },
      rationale: { p_ok: 'New tests passed.', cost: 'not changed, dropped' },
    }).expect(201);
    expect(made.body).toEqual({ id: 'bridge--by-north-desk', panel: '/scenarios/bridge/panel' });
    const text = readFileSync(join(dir, 'bridge.assessments', 'north-desk.yaml'), 'utf8');
    expect(text).toContain('assesses: ../bridge.yaml');
    expect(text).toContain('analyst: North desk');
    expect(text).toMatch(/rationale:\n {2}p_ok: New tests passed\./);
    expect(text).not.toContain('not changed');
    await post({ analyst: 'north desk', set: { p_ok: 0.1 } }).expect(409);
    const bad = await post({ analyst: 'Odd', set: { p_ok: 1.5 } }).expect(422);
    expect(bad.body.errors[0].code).toMatch(/PROBABILITY/);
    expect(existsSync(join(dir, 'bridge.assessments', 'odd.yaml'))).toBe(false);
    await post({ analyst: '', set: {} }).expect(400);
    await request(app)
      .post('/api/scenarios/bridge--by-east/assessments')
      .send({ analyst: 'x' })
      .expect(400);
  });

  it('are saved from the form an analyst reaches from the tweak form, then shown in the panel', async () => {
    const form = await request(app).get('/scenarios/bridge/assess?p.p_ok=0.9').expect(200);
    expect(form.text).toContain('name="set.p_ok" value="0.9"');
    expect(form.text).toContain('name="why.p_ok"');
    await request(app)
      .post('/scenarios/bridge/assess')
      .type('form')
      .send({ analyst: 'North desk', 'set.p_ok': '0.9', 'why.p_ok': 'Tests passed.' })
      .expect(303)
      .expect('Location', '/scenarios/bridge/panel');
    const again = await request(app)
      .post('/scenarios/bridge/assess')
      .type('form')
      .send({ analyst: 'North desk', 'set.p_ok': '0.2' })
      .expect(409);
    expect(again.text).toContain('already exists');
    expect(again.text).toContain('value="0.2"');
    const panel = await request(app).get('/scenarios/bridge/panel').expect(200);
    expect(panel.text).toContain('North desk');
    expect(panel.text).toContain('Tests passed.');
  });
});

describe('panel view', () => {
  it('plots each parameter by analyst, widest spread first, with the pooled value, the base and the agreement', async () => {
    const page = await request(app).get('/scenarios/bridge/panel').expect(200);
    const text = page.text;
    // cost spreads 2 (1 to 3), p_ok 0.3: cost first.
    expect(text.indexOf('<code>cost</code>')).toBeLessThan(text.indexOf('<code>p_ok</code>'));
    expect(text.match(/<svg class="dot-plot"[^>]*role="img"/g)).toHaveLength(2);
    expect(text).toContain('class="pooled"');
    expect(text).toContain('class="base"');
    // Linear pool: p_ok 0.667, cost 2.33 -> Build it (1.0); East and West agree, South does not.
    expect(text).toContain('2 of 3 analysts (67%) recommend what the pooled judgement recommends.');
    expect(text).toMatch(/Pooled \(linear\): <strong>Build it<\/strong>/);
    expect(text).toContain('East desk 0.8; South desk 0.5; West desk 0.7; pooled 0.667; file 0.6');
    expect(text).toContain('Engineers are confident.');
    expect(text).toMatch(/<tr class="dissents"><th scope="row">South desk<\/th><td>Wait and see/);
  });

  it('switches to the logarithmic pool with a GET parameter', async () => {
    const page = await request(app).get('/scenarios/bridge/panel?pool=log').expect(200);
    // G1 = (0.8 * 0.7 * 0.5)^(1/3) = 0.654, G0 = (0.2 * 0.3 * 0.5)^(1/3) = 0.311: 0.678
    expect(page.text).toContain('pooled 0.678');
    expect(page.text).toMatch(/value="log" checked/);
  });

  it('says how to start when there are no assessments, and refuses a variant id', async () => {
    rmSync(join(dir, 'bridge.assessments'), { recursive: true });
    const page = await request(app).get('/scenarios/bridge/panel').expect(200);
    expect(page.text).toContain('No assessments yet');
    await request(app).get('/scenarios/bridge--by-x/panel').expect(404);
    await request(app).get('/scenarios/Bad.Id/panel').expect(400);
  });

  it('leaves out an assessment that does not evaluate, naming its file and line', async () => {
    writeFileSync(
      join(dir, 'bridge.assessments', 'zz.yaml'),
      'assesses: ../bridge.yaml\nanalyst: Z\nset: { p_ok: 2 }\n',
    );
    const page = await request(app).get('/scenarios/bridge/panel').expect(200);
    expect(page.text).toContain('Assessments left out');
    expect(page.text).toContain('2 of 3 analysts');
  });
});

describe('compare view', () => {
  it('compares an assessment with the file, the decision change first', async () => {
    const page = await request(app).get('/scenarios/bridge--by-east/compare').expect(200);
    const text = page.text;
    expect(text).toContain(
      'The decision changes: A recommends Build it, B recommends Wait and see.',
    );
    expect(text.indexOf('The decision changes')).toBeLessThan(text.indexOf('Inputs that differ'));
    expect(text).toMatch(
      /<code>p_ok<\/code><\/th><td class="num">0.8<\/td><td class="num">0.6<\/td>/,
    );
  });

  it('compares a variant with the file and with another variant', async () => {
    await request(app)
      .post('/api/scenarios/bridge/variants')
      .send({ name: 'cheap', set: { cost: 2.5 } })
      .expect(201);
    await request(app)
      .post('/api/scenarios/bridge/variants')
      .send({ name: 'sure', set: { p_ok: 0.9 } })
      .expect(201);
    const vsFile = await request(app).get('/scenarios/bridge--cheap/compare').expect(200);
    expect(vsFile.text).toContain('The decision is the same: both recommend Wait and see.');
    expect(vsFile.text).toMatch(
      /<code>cost<\/code><\/th><td class="num">2.5<\/td><td class="num">3<\/td>/,
    );
    const vsVariant = await request(app)
      .get('/scenarios/bridge--cheap/compare?with=bridge--sure')
      .expect(200);
    expect(vsVariant.text).toContain(
      'The decision changes: A recommends Wait and see, B recommends Build it.',
    );
    expect(vsVariant.text).toContain('<option value="bridge--by-east"');
    await request(app).get('/scenarios/bridge--cheap/compare?with=nothing').expect(404);
  });
});

describe('libraries', () => {
  it('are listed apart, each with the scenarios that import it', async () => {
    const index = await request(app).get('/').expect(200);
    expect(index.text).toMatch(
      /<a href="\/libraries\/shared">Shared judgements<\/a> <code>libraries\/shared.yaml<\/code> · 1 parameter · imported by bridge/,
    );
    const api = await request(app).get('/api/libraries').expect(200);
    expect(api.body).toEqual([
      expect.objectContaining({
        id: 'shared',
        file: 'libraries/shared.yaml',
        parameters: ['p_ok'],
        imported_by: ['bridge'],
        valid: true,
      }),
    ]);
    const list = await request(app).get('/api/scenarios').expect(200);
    expect((list.body as { id: string }[]).map((s) => s.id)).toEqual(['bridge']);
    const page = await request(app).get('/libraries/shared').expect(200);
    expect(page.text).toContain('<a href="/scenarios/bridge">bridge</a>');
    await request(app).get('/libraries/nope').expect(404);
  });

  it('refuses an edit that would break an importing scenario (422, naming it at file:line:col), and saves one that does not', async () => {
    const source = await request(app).get('/api/libraries/shared/source').expect(200);
    const etag = source.headers.etag as string;
    const broken = source.text.replace('p_ok:', 'p_works:');
    const refused = await request(app)
      .put('/api/libraries/shared/source')
      .set('If-Match', etag)
      .type('text/yaml')
      .send(broken)
      .expect(422);
    expect(refused.body.imported_by).toEqual(['bridge']);
    expect(refused.body.errors[0]).toMatchObject({ file: 'bridge.yaml', line: 19 });
    expect(readFileSync(join(dir, 'libraries', 'shared.yaml'), 'utf8')).toBe(source.text);
    await request(app)
      .put('/api/libraries/shared/source')
      .type('text/yaml')
      .send(source.text)
      .expect(428);
    const fine = source.text.replace('0.6', '0.9');
    const saved = await request(app)
      .put('/api/libraries/shared/source')
      .set('If-Match', etag)
      .type('text/yaml')
      .send(fine)
      .expect(200);
    await request(app)
      .put('/api/libraries/shared/source')
      .set('If-Match', etag)
      .type('text/yaml')
      .send(fine)
      .expect(409);
    expect(saved.headers.etag).not.toBe(etag);
    // The importing scenario sees the new value at once: Build wins with p_ok 0.9.
    const bridge = await request(app).get('/api/scenarios/bridge').expect(200);
    expect(bridge.body.evaluation.choice).toBe('build');
  });

  it('shows the refused edit in the browser form with the broken file and line', async () => {
    const page = await request(app).get('/libraries/shared').expect(200);
    const etag = /name="etag" value="([^"]+)"/.exec(page.text)![1]!.replace(/&#34;/g, '"');
    const res = await request(app)
      .post('/libraries/shared')
      .type('form')
      .send({ etag, yaml: 'title: Shared\nparameters:\n  p_other: 0.5\n' })
      .expect(422);
    expect(res.text).toMatch(/bridge\.yaml:19:\d+: /);
    expect(res.text).toContain('p_other: 0.5');
  });

  it('never reads an import outside the served folder', async () => {
    const outside = bridgeFolder(false);
    try {
      writeFileSync(
        join(dir, 'bridge.yaml'),
        readFileSync(join(dir, 'bridge.yaml'), 'utf8').replace(
          'libraries/shared.yaml',
          `../${outside.split('/').pop()}/libraries/shared.yaml`,
        ),
      );
      const res = await request(app).get('/api/scenarios/bridge').expect(422);
      expect(res.body.errors[0]).toMatchObject({ code: 'IMPORT_OUTSIDE', file: 'bridge.yaml' });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
