import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/web/create-app';

const TOKEN = 'correct-horse-battery-staple';
const HOST = 'team.example:8080';
const ORIGIN = `http://${HOST}`;

// Made at load time: the apps under test are made when their describe blocks are.
const dir = mkdtempSync(join(tmpdir(), 'branchpoint-auth-'));
copyFileSync(join(__dirname, '..', 'fixtures', 'oil-wildcatter.yaml'), join(dir, 'oil.yaml'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const team = () => createApp({ dir, token: TOKEN });
const bearer = { Authorization: `Bearer ${TOKEN}` };

/** Signs in at /login and returns the session cookie (`name=value`). */
async function signIn(app: ReturnType<typeof createApp>): Promise<string> {
  const res = await request(app)
    .post('/login')
    .set('Host', HOST)
    .set('Origin', ORIGIN)
    .type('form')
    .send({ token: TOKEN })
    .expect(303);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
  if (cookie === undefined) throw new Error('no cookie set');
  return cookie.split(';')[0]!;
}

function codes(body: unknown): string[] {
  return (body as { errors: { code: string }[] }).errors.map((e) => e.code);
}

describe('team mode: a token is required', () => {
  const app = team();

  it('answers the API with 401 UNAUTHORIZED and a Bearer challenge without a token', async () => {
    const res = await request(app).get('/api/scenarios').expect(401);
    expect(codes(res.body)).toEqual(['UNAUTHORIZED']);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    await request(app).post('/api/scenarios/oil/evaluate').send({}).expect(401);
    await request(app).delete('/api/scenarios/oil--x').expect(401);
  });

  it('sends people to the sign-in page, and back where they were going', async () => {
    await request(app).get('/').expect(303).expect('Location', '/login');
    await request(app)
      .get('/scenarios/oil?p.p_dry=0.5')
      .expect(303)
      .expect('Location', '/login?next=%2Fscenarios%2Foil%3Fp.p_dry%3D0.5');
    await request(app).get('/static/app.bundle.js').expect(303);
    // The sign-in page's stylesheet is the one exception.
    await request(app).get('/static/style.css').expect(200);
  });

  it('serves pages and API to the right bearer token', async () => {
    const list = await request(app).get('/api/scenarios').set(bearer).expect(200);
    expect((list.body as { id: string }[]).map((s) => s.id)).toEqual(['oil']);
    await request(app).get('/scenarios/oil').set(bearer).expect(200);
    // Programs need no CSRF token: a browser cannot send another site's bearer token.
    await request(app).post('/api/scenarios/oil/evaluate').set(bearer).send({}).expect(200);
  });

  it('refuses a wrong or malformed bearer token with 401', async () => {
    for (const header of [
      `Bearer ${TOKEN}x`,
      'Bearer correct-horse-battery',
      `Basic ${TOKEN}`,
      'Bearer',
    ]) {
      const res = await request(app).get('/api/scenarios').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(codes(res.body)).toEqual(['UNAUTHORIZED']);
    }
    // Even on a page: a program that sent a token wants to hear why it failed.
    await request(app).get('/').set('Authorization', 'Bearer nope').expect(401);
  });

  it('offers a sign-in page with a password field that posts to /login', async () => {
    const res = await request(app).get('/login?next=/scenarios/oil').expect(200);
    expect(res.text).toMatch(/<form class="login" method="post" action="\/login">/);
    expect(res.text).toMatch(/<input id="token" name="token" type="password"/);
    expect(res.text).toContain('<input type="hidden" name="next" value="/scenarios/oil">');
  });

  it('shows the sign-in page again with an error for a wrong token, and sets no cookie', async () => {
    const res = await request(createApp({ dir, token: TOKEN }))
      .post('/login')
      .type('form')
      .send({ token: 'guess' })
      .expect(401);
    expect(res.text).toContain('That is not the right token.');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('signs in with the token: an HttpOnly, SameSite=Strict session cookie, then pages work', async () => {
    const res = await request(app)
      .post('/login')
      .type('form')
      .send({ token: TOKEN, next: '/scenarios/oil' })
      .expect(303)
      .expect('Location', '/scenarios/oil');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cookie).toMatch(/^branchpoint_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${12 * 60 * 60}`);
    const session = cookie.split(';')[0]!;
    await request(app).get('/').set('Cookie', session).expect(200);
    await request(app).get('/static/app.bundle.js').set('Cookie', session).expect(200);
    await request(app).get('/api/scenarios').set('Cookie', session).expect(200);
    await request(app).get('/').set('Cookie', 'branchpoint_session=forged').expect(303);
  });

  it('returns only to paths on this server after signing in', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'x'])
      await request(app)
        .post('/login')
        .type('form')
        .send({ token: TOKEN, next })
        .expect(303)
        .expect('Location', '/');
  });

  it('tells the page its CSRF token at /api/session', async () => {
    const session = await signIn(app);
    const res = await request(app).get('/api/session').set('Cookie', session).expect(200);
    expect(res.body).toEqual({
      teamMode: true,
      signedIn: true,
      readOnly: false,
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('signs out: the session ends', async () => {
    const session = await signIn(app);
    await request(app)
      .post('/logout')
      .set('Host', HOST)
      .set('Origin', ORIGIN)
      .set('Cookie', session)
      .expect(303)
      .expect('Location', '/login');
    await request(app).get('/').set('Cookie', session).expect(303);
  });
});

describe('team mode: CSRF on the session cookie', () => {
  const app = team();
  let session: string;
  let csrf: string;

  beforeAll(async () => {
    session = await signIn(app);
    csrf = (await request(app).get('/api/session').set('Cookie', session)).body.csrfToken;
  });

  const evaluate = () =>
    request(app).post('/api/scenarios/oil/evaluate').set('Host', HOST).set('Cookie', session);

  it('refuses a state-changing request on the cookie with neither Origin nor CSRF token', async () => {
    const res = await evaluate().send({}).expect(403);
    expect(codes(res.body)).toEqual(['FORBIDDEN']);
    expect(res.body.errors[0].message).toContain('X-CSRF-Token');
    await evaluate().set('X-CSRF-Token', 'wrong').send({}).expect(403);
    await request(app)
      .post('/logout')
      .set('Host', HOST)
      .set('Cookie', session)
      .expect(403)
      .expect('Content-Type', /html/);
  });

  it('accepts it with a same-origin Origin, a same-origin Referer or the CSRF token', async () => {
    await evaluate().set('Origin', ORIGIN).send({}).expect(200);
    await evaluate().set('Referer', `${ORIGIN}/scenarios/oil`).send({}).expect(200);
    await evaluate().set('X-CSRF-Token', csrf).send({}).expect(200);
  });

  it('refuses another origin even with the right CSRF token', async () => {
    const res = await evaluate()
      .set('Origin', 'http://evil.example')
      .set('X-CSRF-Token', csrf)
      .send({})
      .expect(403);
    expect(codes(res.body)).toEqual(['FORBIDDEN']);
    await evaluate().set('Referer', 'http://evil.example/page').send({}).expect(403);
    await evaluate().set('Origin', 'null').send({}).expect(403);
  });

  it('needs no CSRF token to read', async () => {
    await request(app).get('/api/scenarios/oil').set('Cookie', session).expect(200);
  });
});

describe('without a token (loopback)', () => {
  const app = createApp({ dir });

  it('needs no sign-in, and /login leads home', async () => {
    // Our own form posts must carry our Origin, which a no-referrer policy would make "null".
    await request(app).get('/').expect(200).expect('Referrer-Policy', 'same-origin');
    await request(app).get('/login').expect(303).expect('Location', '/');
    const res = await request(app).get('/api/session').expect(200);
    expect(res.body).toEqual({ teamMode: false, signedIn: false, readOnly: false, csrfToken: '' });
  });

  it('refuses state-changing requests from another origin', async () => {
    const res = await request(app)
      .post('/api/scenarios/oil/evaluate')
      .set('Host', 'localhost:3000')
      .set('Origin', 'http://evil.example')
      .send({})
      .expect(403);
    expect(codes(res.body)).toEqual(['FORBIDDEN']);
    await request(app)
      .delete('/api/scenarios/oil--anything')
      .set('Origin', 'https://evil.example')
      .expect(403);
    await request(app)
      .post('/scenarios/oil/edit')
      .set('Origin', 'http://evil.example')
      .type('form')
      .send({ yaml: 'x', etag: 'y' })
      .expect(403)
      .expect('Content-Type', /html/);
  });

  it('accepts them from its own origin, or with no Origin at all (curl)', async () => {
    await request(app)
      .post('/api/scenarios/oil/evaluate')
      .set('Host', 'localhost:3000')
      .set('Origin', 'http://localhost:3000')
      .send({})
      .expect(200);
    await request(app).post('/api/scenarios/oil/evaluate').send({}).expect(200);
  });

  it('answers only requests addressed to a loopback name (no DNS rebinding)', async () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'app.localhost'])
      await request(app).get('/api/scenarios').set('Host', host).expect(200);
    for (const host of ['evil.example:3000', 'evil.example@127.0.0.1', '10.0.0.5:3000']) {
      const res = await request(app).get('/api/scenarios').set('Host', host).expect(403);
      expect(codes(res.body)).toEqual(['FORBIDDEN']);
      expect(res.body.errors[0].message).toContain('BRANCHPOINT_TOKEN');
    }
  });
});

describe('read-only', () => {
  const app = createApp({ dir, token: TOKEN, readOnly: true });
  const loopback = createApp({ dir, readOnly: true });

  it('refuses every write with 403 FORBIDDEN and changes nothing', async () => {
    const before = readFileSync(join(dir, 'oil.yaml'), 'utf8');
    const source = await request(app).get('/api/scenarios/oil/source').set(bearer).expect(200);
    const put = await request(app)
      .put('/api/scenarios/oil/source')
      .set(bearer)
      .set('If-Match', source.headers.etag!)
      .type('text/yaml')
      .send(before)
      .expect(403);
    expect(codes(put.body)).toEqual(['FORBIDDEN']);
    expect(put.body.errors[0].message).toContain('read-only');
    const post = await request(loopback)
      .post('/api/scenarios/oil/variants')
      .send({ name: 'dry', set: { p_dry: 0.9 } })
      .expect(403);
    expect(codes(post.body)).toEqual(['FORBIDDEN']);
    await request(loopback).delete('/api/scenarios/oil--dry').expect(403);
    await request(loopback)
      .post('/scenarios/oil/edit')
      .type('form')
      .send({ yaml: before, etag: source.headers.etag })
      .expect(403)
      .expect('Content-Type', /html/);
    expect(readFileSync(join(dir, 'oil.yaml'), 'utf8')).toBe(before);
  });

  it('still serves reads and computations, and tells pages to hide editing', async () => {
    await request(loopback).get('/').expect(200);
    await request(loopback).get('/scenarios/oil').expect(200);
    await request(loopback).get('/api/scenarios/oil').expect(200);
    await request(loopback).post('/api/scenarios/oil/evaluate').send({}).expect(200);
    const session = await request(loopback).get('/api/session').expect(200);
    expect(session.body.readOnly).toBe(true);
  });

  it('still lets people sign in', async () => {
    const cookie = await signIn(app);
    await request(app).get('/').set('Cookie', cookie).expect(200);
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED with Retry-After after 10 wrong tokens a minute at /login', async () => {
    const app = team();
    // However the path is spelled: routing ignores case and a trailing slash, so must the limit.
    for (const path of ['/login', '/LOGIN', '/login/', '/Login/', '/login'])
      for (const guess of ['one', 'two'])
        await request(app).post(path).type('form').send({ token: guess }).expect(401);
    const res = await request(app).post('/login').type('form').send({ token: TOKEN }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.text).toContain('Too many attempts');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('counts wrong bearer tokens too, but not right ones', async () => {
    const app = team();
    for (let i = 0; i < 20; i++) await request(app).get('/api/scenarios').set(bearer).expect(200);
    for (let i = 0; i < 10; i++)
      await request(app)
        .get('/api/scenarios')
        .set('Authorization', `Bearer guess-${i}`)
        .expect(401);
    const res = await request(app).get('/api/scenarios').set(bearer).expect(429);
    expect(codes(res.body)).toEqual(['RATE_LIMITED']);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers 429 after 60 writes a minute, but never limits reads or computations', async () => {
    const app = createApp({ dir });
    for (let i = 0; i < 60; i++) await request(app).delete('/api/scenarios/oil--none').expect(404);
    const res = await request(app).delete('/api/scenarios/oil--none').expect(429);
    expect(codes(res.body)).toEqual(['RATE_LIMITED']);
    expect(res.body.errors[0].message).toContain('60 a minute');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await request(app).put('/api/scenarios/oil/source').type('text/yaml').send('x').expect(429);
    for (let i = 0; i < 5; i++)
      await request(app).post('/api/scenarios/oil/evaluate').send({}).expect(200);
    await request(app).get('/api/scenarios').expect(200);
  });
});

describe('hostile input to /login', () => {
  it('refuses an oversized form without a server error', async () => {
    const app = team();
    const res = await request(app)
      .post('/login')
      .type('form')
      .send({ token: 'x'.repeat(10_000) });
    expect(res.status).toBe(413);
  });

  it('treats a missing or repeated token field as wrong', async () => {
    const app = team();
    await request(app).post('/login').type('form').send('').expect(401);
    await request(app)
      .post('/login')
      .type('form')
      .send(`token=${TOKEN}&token=${TOKEN}`)
      .expect(401);
  });
});
