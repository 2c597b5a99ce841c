import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../src/web/create-app';
import { etagOf } from '../../src/web/scenario-source';

/**
 * History in git (issue 15): in a folder inside a git repository every save from the web is a
 * commit with its author and a message saying what changed; the history lists commits, shows
 * each as a diff, and restores any as a new commit; concurrent saves under load make one commit
 * per acknowledged save and leave a sound repository.
 */
let dir: string;
const file = () => join(dir, 'oil.yaml');
const git = (...args: string[]): string =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-history-'));
  copyFileSync(join(__dirname, '..', 'fixtures', 'oil-wildcatter.yaml'), file());
  git('init', '--quiet');
  git('add', 'oil.yaml');
  git('-c', 'user.name=Seed', '-c', 'user.email=seed@example.org', 'commit', '-qm', 'Seed');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const etagIn = (text: string) =>
  /name="etag" value="([^"]+)"/.exec(text)![1]!.replace(/&#34;/g, '"');
const commits = () => Number(git('rev-list', '--count', 'HEAD'));

it('commits a save from the editor as "branchpoint web" with what changed, and keeps no backup', async () => {
  const app = createApp({ dir });
  const page = await request(app).get('/scenarios/oil/edit').expect(200);
  const yaml = readFileSync(file(), 'utf8').replace('p_wet: 0.3', 'p_wet: 0.35');
  const saved = await request(app)
    .post('/scenarios/oil/edit')
    .type('form')
    .send({ yaml, etag: etagIn(page.text) })
    .expect(303);
  const head = git('rev-parse', 'HEAD');
  expect(saved.headers.location).toBe(`/scenarios/oil/edit?saved=${head.slice(0, 12)}`);
  expect(git('log', '-1', '--format=%an|%s')).toBe(
    'branchpoint web|Edit oil.yaml: p_wet 0.3 -> 0.35',
  );
  expect(existsSync(join(dir, '.branchpoint-backups'))).toBe(false);
  const confirm = await request(app).get(saved.headers.location!).expect(200);
  expect(confirm.text).toMatch(/Saved as commit <code>[0-9a-f]{7}<\/code>/);
});

it('names the signed-in analyst as the author in team mode, and commits new scenarios and copies', async () => {
  const app = createApp({ dir, token: 'secret-token-123' });
  const host = '127.0.0.1:3000';
  const origin = `http://${host}`;
  const login = await request(app)
    .post('/login')
    .set('Host', host)
    .set('Origin', origin)
    .type('form')
    .send({ token: 'secret-token-123', name: 'Ana Analyst' })
    .expect(303);
  const cookie = String(login.headers['set-cookie']![0]).split(';')[0]!;
  const as = (r: request.Test) => r.set('Host', host).set('Origin', origin).set('Cookie', cookie);
  const page = await as(request(app).get('/scenarios/oil/edit')).expect(200);
  const yaml = readFileSync(file(), 'utf8').replace('title: Oil wildcatter', 'title: Oil driller');
  await as(request(app).post('/scenarios/oil/edit'))
    .type('form')
    .send({ yaml, etag: etagIn(page.text) })
    .expect(303);
  expect(git('log', '-1', '--format=%an <%ae>|%s')).toBe(
    'Ana Analyst <ana-analyst@branchpoint.invalid>|Edit oil.yaml: title',
  );
  await as(request(app).post('/new')).type('form').send({ name: 'Fresh start' }).expect(303);
  expect(git('log', '-1', '--format=%an|%s')).toBe(
    'Ana Analyst|Create fresh-start.yaml (Fresh start)',
  );
  await as(request(app).post('/scenarios/oil/duplicate'))
    .type('form')
    .send({ name: 'oil b' })
    .expect(303);
  expect(git('log', '-1', '--format=%s')).toMatch(/^Duplicate oil\.yaml as oil-b\.yaml/);
  // A variant saved through the API is a commit too, under the same author.
  await as(request(app).post('/api/scenarios/oil/variants'))
    .send({ name: 'wet', set: { p_wet: 0.4 } })
    .expect(201);
  expect(git('log', '-1', '--format=%an|%s')).toBe(
    'Ana Analyst|Create oil.variants/wet.yaml (wet)',
  );
  expect(git('status', '--porcelain')).toBe('');
});

it('lists the history, shows a commit as a diff and restores it as a new commit', async () => {
  const app = createApp({ dir });
  const original = readFileSync(file(), 'utf8');
  let etag = etagIn((await request(app).get('/scenarios/oil/edit')).text);
  const put = await request(app)
    .put('/api/scenarios/oil/source')
    .set('If-Match', etag)
    .type('text/yaml')
    .send(original.replace('p_wet: 0.3', 'p_wet: 0.4'))
    .expect(200);
  etag = put.body.etag as string;
  const history = await request(app).get('/scenarios/oil/history').expect(200);
  const hashes = [
    ...history.text.matchAll(/href="\/scenarios\/oil\/history\/([0-9a-f]{40})"/g),
  ].map((m) => m[1]!);
  expect(hashes).toHaveLength(2);
  expect(history.text).toContain('Edit oil.yaml: p_wet 0.3 -&gt; 0.4');
  expect(history.text).toContain('branchpoint web');
  const shown = await request(app).get(`/scenarios/oil/history/${hashes[0]}`).expect(200);
  expect(shown.text).toContain('<span class="del">-  p_wet: 0.3</span>');
  expect(shown.text).toContain('<span class="add">+  p_wet: 0.4</span>');
  await request(app)
    .get(`/scenarios/oil/history/${'0'.repeat(40)}`)
    .expect(404);
  const before = commits();
  await request(app)
    .post('/scenarios/oil/restore')
    .type('form')
    .send({ commit: hashes[1], etag })
    .expect(303);
  expect(readFileSync(file(), 'utf8')).toBe(original);
  expect(commits()).toBe(before + 1);
  expect(git('log', '-1', '--format=%s')).toBe(
    `Restore oil.yaml as of ${hashes[1]!.slice(0, 7)} (Seed)`,
  );
});

it('shows a conflict as a three-way diff and merges it per hunk', async () => {
  const app = createApp({ dir });
  const base = readFileSync(file(), 'utf8');
  const etag = etagIn((await request(app).get('/scenarios/oil/edit')).text);
  const theirs = base.replace('p_wet: 0.3', 'p_wet: 0.32');
  await request(app)
    .put('/api/scenarios/oil/source')
    .set('If-Match', etag)
    .type('text/yaml')
    .send(theirs)
    .expect(200);
  const yours = base.replace('title: Oil wildcatter', 'title: Oil wildcat');
  const conflict = await request(app)
    .post('/scenarios/oil/edit')
    .type('form')
    .send({ yaml: yours, etag, base })
    .expect(409);
  expect(conflict.text).toContain('only you changed this');
  expect(conflict.text).toContain('only they changed this');
  const theirsEtag = /name="theirs" value="([^"]+)"/
    .exec(conflict.text)![1]!
    .replace(/&#34;/g, '"');
  const merged = await request(app)
    .post('/scenarios/oil/merge')
    .type('form')
    .send({ yours, base, theirs: theirsEtag, 'hunk-0': 'yours', 'hunk-1': 'theirs' })
    .expect(200);
  expect(merged.text).toContain('data-testid="merged"');
  expect(merged.text).toContain('title: Oil wildcat');
  expect(merged.text).toContain('p_wet: 0.32');
});

it('under load from several clients, makes one commit per acknowledged save and a sound repository', async () => {
  const app = createApp({ dir, writesPerMinute: 100_000 });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  // Four more scenarios, one per client, plus the one all clients fight over.
  for (const n of [1, 2, 3, 4]) copyFileSync(file(), join(dir, `oil${n}.yaml`));
  git('add', '.');
  git('-c', 'user.name=Seed', '-c', 'user.email=seed@example.org', 'commit', '-qm', 'More');
  const before = commits();
  const original = readFileSync(file(), 'utf8');
  let acknowledged = 0;
  const statuses: number[] = [];
  // Four clients at once, eight saves each: every other save goes to the file they all share,
  // based on the version that client last saw (so some are refused with 409).
  const client = async (n: number): Promise<void> => {
    const etags = new Map<string, string>();
    for (let count = 1; count <= 8; count++) {
      const id = count % 2 === 0 ? 'oil' : `oil${n}`;
      const value = `0.${String(n)}${String(count).padStart(3, '0')}`;
      const response = await fetch(`http://127.0.0.1:${port}/api/scenarios/${id}/source`, {
        method: 'PUT',
        headers: { 'content-type': 'text/yaml', 'if-match': etags.get(id) ?? etagOf(original) },
        body: original.replace('p_wet: 0.3', `p_wet: ${value}`),
      });
      const reply = (await response.json()) as { etag?: string; current?: { etag: string } };
      if (response.status === 200) acknowledged++;
      statuses.push(response.status);
      const etag = reply.etag ?? reply.current?.etag;
      if (etag) etags.set(id, etag);
    }
  };
  try {
    await Promise.all([1, 2, 3, 4].map(client));
  } finally {
    await new Promise((r) => server.close(r));
  }
  expect(statuses).toHaveLength(32);
  expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
  expect(acknowledged).toBeGreaterThan(16);
  expect(commits() - before).toBe(acknowledged);
  expect(git('status', '--porcelain')).toBe('');
  expect(git('fsck', '--no-progress', '--strict')).toBe('');
}, 60_000);
