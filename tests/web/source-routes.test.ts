import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/web/create-app';
import { BACKUP_FOLDER } from '../../src/web/scenario-source';

let dir: string;
let app: ReturnType<typeof createApp>;
const file = () => join(dir, 'oil.yaml');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-source-'));
  copyFileSync(join(__dirname, '..', 'fixtures', 'oil-wildcatter.yaml'), file());
  app = createApp({ dir });
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function loaded() {
  const res = await request(app).get('/api/scenarios/oil/source').expect(200);
  return { text: res.text, etag: String(res.headers.etag) };
}

describe('scenario source', () => {
  it('gives the YAML with an ETag', async () => {
    const res = await request(app)
      .get('/api/scenarios/oil/source')
      .expect(200)
      .expect('content-type', /yaml/);
    expect(res.text).toBe(readFileSync(file(), 'utf8'));
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('saves a valid edit made on the current version, returns the new ETag and keeps a backup', async () => {
    const { text, etag } = await loaded();
    const edited = text.replace('payoff: -10', 'payoff: -13');
    const res = await request(app)
      .put('/api/scenarios/oil/source')
      .set('If-Match', etag)
      .set('content-type', 'text/yaml')
      .send(edited)
      .expect(200);
    expect(res.body.etag).not.toBe(etag);
    expect(res.headers.etag).toBe(res.body.etag);
    expect(readFileSync(file(), 'utf8')).toBe(edited);
    const backups = readdirSync(join(dir, BACKUP_FOLDER, 'oil.yaml'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, BACKUP_FOLDER, 'oil.yaml', backups[0]!), 'utf8')).toBe(text);
    // The page reads the new file without a restart.
    const api = await request(app).get('/api/scenarios/oil').expect(200);
    expect(api.body.evaluation.choice).toBe('no-test');
  });

  it('accepts the YAML as JSON {"yaml": ...} too', async () => {
    const { text, etag } = await loaded();
    await request(app)
      .put('/api/scenarios/oil/source')
      .set('If-Match', etag)
      .send({ yaml: `${text}\n# reviewed\n` })
      .expect(200);
    expect(readFileSync(file(), 'utf8')).toContain('# reviewed');
  });

  it('refuses with 409 and both versions when the file changed meanwhile, writing nothing', async () => {
    const { text, etag } = await loaded();
    const first = await request(app)
      .put('/api/scenarios/oil/source')
      .set('If-Match', etag)
      .send({ yaml: `${text}\n# first\n` })
      .expect(200);
    const second = await request(app)
      .put('/api/scenarios/oil/source')
      .set('If-Match', etag)
      .send({ yaml: `${text}\n# second\n` })
      .expect(409);
    expect(second.body.errors[0]).toMatchObject({ code: 'CONFLICT' });
    expect(second.body.current).toEqual({ etag: first.body.etag, yaml: `${text}\n# first\n` });
    expect(second.body.yours.yaml).toContain('# second');
    expect(readFileSync(file(), 'utf8')).toContain('# first');
  });

  it('lets only one of two simultaneous saves of the same version win', async () => {
    const { text, etag } = await loaded();
    const [a, b] = await Promise.all([
      request(app)
        .put('/api/scenarios/oil/source')
        .set('If-Match', etag)
        .send({ yaml: `${text}\n# a\n` }),
      request(app)
        .put('/api/scenarios/oil/source')
        .set('If-Match', etag)
        .send({ yaml: `${text}\n# b\n` }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('refuses an invalid scenario with 422 and positioned errors, writing nothing', async () => {
    const { text, etag } = await loaded();
    const res = await request(app)
      .put('/api/scenarios/oil/source')
      .set('If-Match', etag)
      .send({ yaml: text.replace('p_wet: 0.3', 'p_wet: 0.6') })
      .expect(422);
    expect(res.body.errors[0]).toMatchObject({
      code: 'PROBABILITY_SUM',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    const broken = await request(app)
      .put('/api/scenarios/oil/source')
      .set('If-Match', etag)
      .set('content-type', 'text/yaml')
      .send('title: [unclosed\n')
      .expect(422);
    expect(broken.body.errors[0]).toMatchObject({ code: 'YAML_SYNTAX', line: expect.any(Number) });
    expect(readFileSync(file(), 'utf8')).toBe(text);
  });

  it('requires If-Match (428) and a YAML or JSON body (400)', async () => {
    const { text } = await loaded();
    const res = await request(app)
      .put('/api/scenarios/oil/source')
      .send({ yaml: text })
      .expect(428);
    expect(res.body.errors[0]).toMatchObject({ code: 'PRECONDITION_REQUIRED', path: 'If-Match' });
    // A cross-site form can only send urlencoded or multipart bodies: not accepted.
    await request(app)
      .put('/api/scenarios/oil/source')
      .set('If-Match', '"x"')
      .type('form')
      .send({ yaml: text })
      .expect(400);
    expect(readFileSync(file(), 'utf8')).toBe(text);
  });

  it('rejects unknown and malformed ids, never touching files outside the folder', async () => {
    await request(app).get('/api/scenarios/nope/source').expect(404);
    await request(app).get('/api/scenarios/..%2F..%2Fetc%2Fpasswd/source').expect(400);
    await request(app)
      .put('/api/scenarios/..%2Foil/source')
      .set('If-Match', '"x"')
      .send({ yaml: 'x' })
      .expect(400);
  });
});
