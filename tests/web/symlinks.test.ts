import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/web/create-app';

// A served folder holding a symbolic link to a scenario file outside it.
const root = mkdtempSync(join(tmpdir(), 'branchpoint-symlinks-'));
const served = join(root, 'served');
const outside = join(root, 'outside');
mkdirSync(served);
mkdirSync(outside);
const fixture = join(__dirname, '..', 'fixtures', 'oil-wildcatter.yaml');
copyFileSync(fixture, join(served, 'oil.yaml'));
copyFileSync(fixture, join(outside, 'secret.yaml'));
symlinkSync(join(outside, 'secret.yaml'), join(served, 'leak.yaml'));
const app = createApp({ dir: served });

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a symbolic link to a file outside the served folder', () => {
  it('is not listed', async () => {
    const res = await request(app).get('/api/scenarios').expect(200);
    expect((res.body as { id: string }[]).map((s) => s.id)).toEqual(['oil']);
    expect((await request(app).get('/').expect(200)).text).not.toContain('/scenarios/leak');
  });

  it('is not served, as a page, as JSON or as source', async () => {
    await request(app).get('/api/scenarios/leak').expect(404);
    await request(app).get('/api/scenarios/leak/source').expect(404);
    await request(app).post('/api/scenarios/leak/evaluate').send({}).expect(404);
    await request(app).get('/scenarios/leak').expect(404);
  });

  it('is not written through', async () => {
    const before = readFileSync(join(outside, 'secret.yaml'), 'utf8');
    await request(app)
      .put('/api/scenarios/leak/source')
      .set('If-Match', '"anything"')
      .type('text/yaml')
      .send('title: overwritten\n')
      .expect(404);
    await request(app)
      .post('/api/scenarios/leak/variants')
      .send({ name: 'x', set: { p_dry: 0.5 } })
      .expect(404);
    expect(readFileSync(join(outside, 'secret.yaml'), 'utf8')).toBe(before);
  });
});

describe('a variants folder that is a link to a folder outside', () => {
  const linkedRoot = mkdtempSync(join(tmpdir(), 'branchpoint-symlinks-variants-'));
  const dir = join(linkedRoot, 'served');
  const elsewhere = join(linkedRoot, 'elsewhere');
  mkdirSync(dir);
  mkdirSync(elsewhere);
  copyFileSync(fixture, join(dir, 'oil.yaml'));
  copyFileSync(fixture, join(elsewhere, 'hidden.yaml'));
  symlinkSync(elsewhere, join(dir, 'oil.variants'));
  const linked = createApp({ dir });

  afterAll(() => rmSync(linkedRoot, { recursive: true, force: true }));

  it('is neither listed nor written through', async () => {
    const list = await request(linked).get('/api/scenarios').expect(200);
    expect((list.body as { id: string }[]).map((s) => s.id)).toEqual(['oil']);
    await request(linked).get('/api/scenarios/oil--hidden').expect(404);
    await request(linked)
      .post('/api/scenarios/oil/variants')
      .send({ name: 'x', set: { p_dry: 0.5 } })
      .expect(409);
    expect(readFileSync(join(elsewhere, 'hidden.yaml'), 'utf8')).toBe(
      readFileSync(fixture, 'utf8'),
    );
  });
});
