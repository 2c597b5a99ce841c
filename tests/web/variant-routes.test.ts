import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runCli } from '../../src/cli/make-program';
import { createApp } from '../../src/web/create-app';

let dir: string;
let app: ReturnType<typeof createApp>;
let original: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-variants-'));
  copyFileSync(join(__dirname, '..', 'fixtures', 'oil-wildcatter.yaml'), join(dir, 'oil.yaml'));
  original = readFileSync(join(dir, 'oil.yaml'), 'utf8');
  app = createApp({ dir });
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const save = (body: object) => request(app).post('/api/scenarios/oil/variants').send(body);

describe('variants', () => {
  it('saves tweaks as an overlay beside the scenario, never touching the scenario', async () => {
    const res = await save({ name: 'Dry year', set: { p_dry: 0.9, p_wet: 0.05 } }).expect(201);
    expect(res.body).toEqual({ id: 'oil--dry-year' });
    expect(res.headers.location).toBe('/scenarios/oil--dry-year');
    const overlay = readFileSync(join(dir, 'oil.variants', 'dry-year.yaml'), 'utf8');
    expect(overlay).toContain('extends: ../oil.yaml');
    expect(overlay).toMatch(/set:\n {2}p_dry: 0.9\n {2}p_wet: 0.05/);
    expect(readFileSync(join(dir, 'oil.yaml'), 'utf8')).toBe(original);
  });

  it('lists a variant with its scenario and evaluates it with its values', async () => {
    await save({ name: 'dry', set: { p_dry: 0.9, p_wet: 0.05 } }).expect(201);
    const list = await request(app).get('/api/scenarios').expect(200);
    expect(
      (list.body as { id: string; variant_of: string | null }[]).map((s) => [s.id, s.variant_of]),
    ).toEqual([
      ['oil', null],
      ['oil--dry', 'oil'],
    ]);
    const variant = await request(app).get('/api/scenarios/oil--dry').expect(200);
    expect(variant.body.evaluation.choice).toBe('no-test');
    const evaluated = await request(app)
      .post('/api/scenarios/oil--dry/evaluate')
      .send({ set: { p_dry: 0.5, p_wet: 0.3 } })
      .expect(200);
    expect(evaluated.body.choice).toBe('seismic-test');
  });

  it('lists variants under their scenario on the front page', async () => {
    await save({ name: 'Dry year', set: { p_dry: 0.9, p_wet: 0.05 } }).expect(201);
    const page = await request(app).get('/').expect(200);
    expect(page.text).toMatch(
      /<summary>1 saved variant<\/summary>[\s\S]*?<a href="\/scenarios\/oil--dry-year">Dry year<\/a> · recommends No test/,
    );
  });

  it('shows a variant page with its values as changes from the scenario', async () => {
    await save({ name: 'dry', set: { p_dry: 0.9, p_wet: 0.05 } }).expect(201);
    const page = await request(app).get('/scenarios/oil--dry').expect(200);
    expect(page.text).toContain('<strong>No test</strong>');
    expect(page.text).toMatch(/<div class="field changed" data-field="p.p_dry">/);
    expect(page.text).toContain('Variant of');
  });

  it('refuses values that do not evaluate (422), a taken name (409) and a bad body (400), writing nothing', async () => {
    const bad = await save({ name: 'broken', set: { p_wet: 0.9 } }).expect(422);
    expect(bad.body.errors[0]).toMatchObject({ code: 'PROBABILITY_SUM' });
    expect(existsSync(join(dir, 'oil.variants', 'broken.yaml'))).toBe(false);
    await save({ name: 'dry', set: { p_dry: 0.6 } }).expect(201);
    await save({ name: 'Dry', set: { p_dry: 0.7 } }).expect(409);
    await save({ set: { p_dry: 0.6 } }).expect(400);
    await request(app)
      .post('/api/scenarios/oil/variants')
      .type('form')
      .send({ name: 'x' })
      .expect(400);
    await save({ name: '!!!' }).expect(400);
  });

  it('deletes a variant but never a scenario', async () => {
    await save({ name: 'dry', set: { p_dry: 0.6 } }).expect(201);
    await request(app).delete('/api/scenarios/oil--dry').expect(204);
    expect(existsSync(join(dir, 'oil.variants', 'dry.yaml'))).toBe(false);
    await request(app).delete('/api/scenarios/oil').expect(400);
    expect(existsSync(join(dir, 'oil.yaml'))).toBe(true);
    await request(app).delete('/api/scenarios/nope--x').expect(404);
  });

  it('is accepted by the CLI wherever a scenario is', async () => {
    await save({ name: 'dry', set: { p_dry: 0.9, p_wet: 0.05 } }).expect(201);
    let stdout = '';
    const code = await runCli(
      ['evaluate', join(dir, 'oil.variants', 'dry.yaml'), '--format', 'json'],
      {
        stdout: (t) => (stdout += t),
        stderr: () => undefined,
      },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).choice).toBe('no-test');
  });
});
