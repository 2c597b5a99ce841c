import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/web/create-app';
import { template } from '../../src/web/scenario-template';
import { openScenario } from '../../src/document';

let dir: string;
let app: ReturnType<typeof createApp>;
const file = () => join(dir, 'oil.yaml');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-editor-'));
  copyFileSync(join(__dirname, '..', 'fixtures', 'oil-wildcatter.yaml'), file());
  app = createApp({ dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function editor() {
  const res = await request(app).get('/scenarios/oil/edit').expect(200);
  const etag = /name="etag" value="([^"]+)"/.exec(res.text)![1]!.replace(/&#34;|&quot;/g, '"');
  return { res, etag };
}

describe('editor', () => {
  it('shows the YAML in a plain form with the version it was loaded at and a tree preview', async () => {
    const { res, etag } = await editor();
    expect(res.text).toContain('<textarea id="yaml" name="yaml"');
    expect(res.text).toContain('title: Oil wildcatter with a seismic test');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.text).toContain('<svg class="tree"');
  });

  it('saves a valid edit and confirms it with the new version', async () => {
    const { etag } = await editor();
    const yaml = readFileSync(file(), 'utf8').replace('payoff: -10', 'payoff: -13');
    await request(app)
      .post('/scenarios/oil/edit')
      .type('form')
      .send({ yaml, etag })
      .expect(303)
      .expect('location', /^\/scenarios\/oil\/edit\?saved=[0-9a-f]{12}$/);
    expect(readFileSync(file(), 'utf8')).toBe(yaml);
    const saved = await request(app).get('/scenarios/oil/edit?saved=0123456789ab').expect(200);
    expect(saved.text).toContain('data-testid="saved"');
    expect(saved.text).toContain('0123456789ab'.slice(0, 8));
  });

  it('refuses an invalid edit, shows the error at its line and keeps the text typed', async () => {
    const { etag } = await editor();
    const before = readFileSync(file(), 'utf8');
    const yaml = before.replace('p_wet: 0.3', 'p_wet: 0.3\n  p_typo: [1');
    const res = await request(app)
      .post('/scenarios/oil/edit')
      .type('form')
      .send({ yaml, etag })
      .expect(422);
    expect(res.text).toMatch(/data-line="\d+"/);
    expect(res.text).toContain('p_typo: [1');
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });

  it('refuses a save based on an old version with both versions shown, overwriting nothing', async () => {
    const { etag } = await editor();
    const base = readFileSync(file(), 'utf8');
    await request(app)
      .post('/scenarios/oil/edit')
      .type('form')
      .send({ yaml: `${base}# theirs\n`, etag })
      .expect(303);
    const res = await request(app)
      .post('/scenarios/oil/edit')
      .type('form')
      .send({ yaml: `${base}# mine\n`, etag })
      .expect(409);
    expect(res.text).toContain('The file changed while you were editing');
    expect(res.text).toContain('# theirs');
    expect(res.text).toContain('# mine');
    expect(readFileSync(file(), 'utf8')).toContain('# theirs');
  });

  it('keeps backups in a folder outside git, and restores one', async () => {
    const { etag } = await editor();
    const original = readFileSync(file(), 'utf8');
    await request(app)
      .post('/scenarios/oil/edit')
      .type('form')
      .send({ yaml: `${original}# changed\n`, etag })
      .expect(303);
    const page = await editor();
    const history = await request(app).get('/scenarios/oil/history').expect(200);
    expect(history.text).toContain('not in a git repository');
    const backup = /name="backup" value="([^"]+)"/.exec(history.text)![1]!;
    expect(existsSync(join(dir, '.branchpoint-backups', 'oil.yaml', backup))).toBe(true);
    await request(app)
      .post('/scenarios/oil/restore')
      .type('form')
      .send({ backup, etag: page.etag })
      .expect(303);
    expect(readFileSync(file(), 'utf8')).toBe(original);
    await request(app)
      .post('/scenarios/oil/restore')
      .type('form')
      .send({ backup: '../../oil.yaml', etag: page.etag })
      .expect(404);
  });

  it('validates text as it is typed through the API', async () => {
    const bad = await request(app)
      .post('/api/validate')
      .send({ yaml: 'title: T\nroot:\n  type: outcome\n' })
      .expect(200);
    expect(bad.body).toMatchObject({ valid: false, preview: null });
    expect(bad.body.errors[0]).toMatchObject({ code: 'MISSING_KEY', line: 3 });
    const good = await request(app)
      .post('/api/validate')
      .send({ yaml: readFileSync(file(), 'utf8') })
      .expect(200);
    expect(good.body.valid).toBe(true);
    expect(good.body.preview).toContain('<svg');
  });
});

describe('creating scenarios', () => {
  it('starts from a template that validates', () => {
    expect(openScenario(template('Baltic posture'), 'x.yaml').ok).toBe(true);
  });

  it('creates a scenario from the template and opens the editor', async () => {
    await request(app)
      .post('/new')
      .type('form')
      .send({ name: 'Baltic posture' })
      .expect(303)
      .expect('location', '/scenarios/baltic-posture/edit');
    expect(readFileSync(join(dir, 'baltic-posture.yaml'), 'utf8')).toContain(
      'title: "Baltic posture"',
    );
    await request(app).post('/new').type('form').send({ name: 'Baltic posture' }).expect(409);
    await request(app).post('/new').type('form').send({ name: '!!!' }).expect(400);
  });

  it('duplicates a scenario', async () => {
    await request(app)
      .post('/scenarios/oil/duplicate')
      .type('form')
      .send({ name: 'Oil copy' })
      .expect(303);
    // The copy differs only by its title, so the two are told apart on the front page.
    expect(readFileSync(join(dir, 'oil-copy.yaml'), 'utf8')).toBe(
      readFileSync(file(), 'utf8').replace(
        'title: Oil wildcatter with a seismic test',
        'title: Oil wildcatter with a seismic test (copy)',
      ),
    );
    expect(existsSync(file())).toBe(true);
  });
});
