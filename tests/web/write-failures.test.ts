import {
  copyFileSync,
  writeFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { WriteSteps } from '../../src/web/atomic-write';
import { createApp } from '../../src/web/create-app';
import { BACKUP_FOLDER } from '../../src/web/scenario-source';

/*
 * Writes that fail or race: a full or read-only disk answers with the cause and leaves the
 * server up and the folder as it was; parallel creates of one name let exactly one through;
 * nothing is ever written through a link.
 */

let dir: string;
const file = () => join(dir, 'oil.yaml');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-writes-'));
  copyFileSync(join(__dirname, '..', 'fixtures', 'oil-wildcatter.yaml'), file());
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every file under the folder, temporary ones included, relative to it. */
function allFiles(folder = dir, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? allFiles(join(folder, e.name), `${prefix}${e.name}/`)
      : [`${prefix}${e.name}`],
  );
}

/** A disk that fails every write of file contents with `code`. */
function failingDisk(code: string): Partial<WriteSteps> {
  return {
    writeFile: () =>
      Promise.reject(Object.assign(new Error(`${code}: /abs/path/secret`), { code })),
  };
}

/** Unhandled rejections while `run` runs: each one would end a real server. */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await run();
    // Let any stray rejection surface.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}

describe('saving on a full or read-only disk', () => {
  it.each([
    ['ENOSPC', 507, /disk .* is full \(ENOSPC\); nothing was written/],
    ['EROFS', 500, /read-only file system \(EROFS\); nothing was written/],
  ])(
    'answers %s with %i naming the cause, writes nothing, stays up',
    async (code, status, says) => {
      const app = createApp({ dir, writeSteps: failingDisk(code) });
      const before = readFileSync(file(), 'utf8');
      const got = await request(app).get('/api/scenarios/oil/source').expect(200);
      const unhandled = await unhandledDuring(async () => {
        const res = await request(app)
          .put('/api/scenarios/oil/source')
          .set('If-Match', String(got.headers.etag))
          .set('content-type', 'text/yaml')
          .send(`${before}\n# edited\n`)
          .expect(status);
        expect(res.body.errors[0].message).toMatch(says);
        expect(JSON.stringify(res.body)).not.toContain('/abs/path');
      });
      expect(unhandled).toEqual([]);
      expect(readFileSync(file(), 'utf8')).toBe(before);
      expect(allFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // Still serving.
      await request(app).get('/api/scenarios').expect(200);
    },
  );

  it('keeps the text in the editor with the reason when the disk is full', async () => {
    const app = createApp({ dir, writeSteps: failingDisk('ENOSPC') });
    const got = await request(app).get('/api/scenarios/oil/source').expect(200);
    const yaml = `${got.text}\n# my careful edit\n`;
    const unhandled = await unhandledDuring(async () => {
      const res = await request(app)
        .post('/scenarios/oil/edit')
        .type('form')
        .send({ yaml, etag: String(got.headers.etag) })
        .expect(507);
      expect(res.text).toContain('my careful edit');
      expect(res.text).toContain('ENOSPC');
    });
    expect(unhandled).toEqual([]);
  });

  it('answers a failed variant save and new scenario with the cause, leaving no temporary file', async () => {
    const app = createApp({ dir, writeSteps: failingDisk('ENOSPC') });
    await request(app).post('/api/scenarios/oil/variants').send({ name: 'v' }).expect(507);
    await request(app).post('/new').type('form').send({ name: 'fresh' }).expect(507);
    expect(allFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'fresh.yaml'))).toBe(false);
  });
});

describe('creating under one name in parallel', () => {
  it('saves exactly one of five parallel variants with the same name; the others get 409', async () => {
    const app = createApp({ dir, writesPerMinute: 1000 });
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        request(app)
          .post('/api/scenarios/oil/variants')
          .send({ name: 'Same name', set: {}, title: `attempt ${i}` }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!;
    const saved = readFileSync(join(dir, 'oil.variants', 'same-name.yaml'), 'utf8');
    const title = /title: (.*)/.exec(saved)?.[1];
    expect(answers.indexOf(winner) + 1).toBe(Number(title?.replace('attempt ', '')));
  });

  it.each([
    ['/new', { name: 'Twin' }],
    ['/scenarios/oil/duplicate', { name: 'Twin' }],
  ])('lets one of five parallel %s with one name through', async (path, body) => {
    const app = createApp({ dir, writesPerMinute: 1000 });
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => request(app).post(path).type('form').send(body)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([303, 409, 409, 409, 409]);
    expect(allFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('links', () => {
  it('refuses to duplicate onto a dangling link that leads outside the folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'branchpoint-outside-'));
    try {
      symlinkSync(join(outside, 'planted.yaml'), join(dir, 'copy.yaml'));
      const app = createApp({ dir });
      await request(app)
        .post('/scenarios/oil/duplicate')
        .type('form')
        .send({ name: 'copy' })
        .expect(409);
      expect(existsSync(join(outside, 'planted.yaml'))).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a variant onto a dangling link, and a backup into a linked folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'branchpoint-outside-'));
    try {
      mkdirSync(join(dir, 'oil.variants'));
      symlinkSync(join(outside, 'v.yaml'), join(dir, 'oil.variants', 'v.yaml'));
      symlinkSync(outside, join(dir, BACKUP_FOLDER));
      const app = createApp({ dir });
      await request(app).post('/api/scenarios/oil/variants').send({ name: 'v' }).expect(409);
      const got = await request(app).get('/api/scenarios/oil/source').expect(200);
      await request(app)
        .put('/api/scenarios/oil/source')
        .set('If-Match', String(got.headers.etag))
        .set('content-type', 'text/yaml')
        .send(`${got.text}\n# edited\n`)
        .expect(409);
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('variants are not sources', () => {
  it('refuses a PUT of a whole scenario to a variant id, leaving the overlay as it was', async () => {
    const app = createApp({ dir });
    await request(app).post('/api/scenarios/oil/variants').send({ name: 'v', set: {} }).expect(201);
    const overlay = join(dir, 'oil.variants', 'v.yaml');
    const before = readFileSync(overlay, 'utf8');
    const got = await request(app).get('/api/scenarios/oil--v/source').expect(200);
    const res = await request(app)
      .put('/api/scenarios/oil--v/source')
      .set('If-Match', String(got.headers.etag))
      .set('content-type', 'text/yaml')
      .send(readFileSync(file(), 'utf8'))
      .expect(400);
    expect(res.body.errors[0].message).toContain('is a variant');
    expect(readFileSync(overlay, 'utf8')).toBe(before);
    await request(app).get('/scenarios/oil--v/edit').expect(400);
  });
});

describe('request size', () => {
  it('states the real limit of a source save (2 MB), not that of other bodies', async () => {
    const app = createApp({ dir });
    const res = await request(app)
      .put('/api/scenarios/oil/source')
      .set('If-Match', '"x"')
      .set('content-type', 'text/yaml')
      .send('#'.repeat(2.2 * 1024 * 1024))
      .expect(413);
    expect(res.body.errors[0].message).toContain('2 MB');
    expect(res.body.errors[0].message).not.toContain('100kb');
  });
});

describe('__proto__ in override bodies', () => {
  it.each([
    ['/api/scenarios/oil/evaluate', '{"set": {"__proto__": 0.5}}'],
    ['/api/scenarios/oil/evaluate', '{"weight": {"__proto__": 2}}'],
    ['/api/scenarios/oil/variants', '{"name": "v", "set": {"__proto__": 0.5}}'],
  ])('POST %s %s is refused with 422 naming it, not silently ignored', async (path, body) => {
    const app = createApp({ dir });
    const res = await request(app)
      .post(path)
      .set('content-type', 'application/json')
      .send(body)
      .expect(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'BAD_OVERRIDE' });
    expect(res.body.errors[0].message).toContain('__proto__');
    expect(existsSync(join(dir, 'oil.variants', 'v.yaml'))).toBe(false);
  });
});

describe('paths in messages', () => {
  it('names files relative to the served folder, never by their absolute path', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'title: T\nroot: { type: outcome, label: A, payof: 1 }\n');
    const app = createApp({ dir });
    const list = await request(app).get('/api/scenarios').expect(200);
    const bad = (list.body as { id: string; errors: { file: string }[] }[]).find(
      (s) => s.id === 'bad',
    )!;
    expect(bad.errors[0]!.file).toBe('bad.yaml');
    const pages = [
      (await request(app).get('/').expect(200)).text,
      (await request(app).get('/scenarios/bad').expect(422)).text,
      JSON.stringify((await request(app).get('/api/scenarios/bad').expect(422)).body),
      JSON.stringify(
        (
          await request(app)
            .post('/api/scenarios/oil/evaluate')
            .send({ set: { nothing_like_this: 1 } })
            .expect(422)
        ).body,
      ),
    ];
    for (const page of pages) {
      expect(page).not.toContain(dir);
    }
    expect(pages[1]).toContain('bad.yaml does not validate');
  });
});
