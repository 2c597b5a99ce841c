import { chmodSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { ScenarioFolder } from '../../src/folder/scenario-folder';
import { scenarioFiles } from '../../src/report/report-folder';
import { createApp } from '../../src/web/create-app';
import { BRIDGE, bridgeFolder } from './folder-fixture';

/**
 * The folder index: built once, kept current by the folder's own writes, file-system events and
 * a stat of folders and scenario files per listing; variants are read once and re-derived from
 * their scenario. These tests check that listings stay right; speed is the benchmark's business.
 */

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const VARIANTS = 2000;

function withVariants(): void {
  dir = bridgeFolder(false);
  mkdirSync(join(dir, 'bridge.variants'));
  for (let i = 0; i < VARIANTS; i++)
    writeFileSync(
      join(dir, 'bridge.variants', `v${String(i).padStart(4, '0')}.yaml`),
      `extends: ../bridge.yaml\ntitle: Variant ${i}\nset: { cost: ${(i % 5) + 0.5} }\n`,
    );
}

const ids = async (app: ReturnType<typeof createApp>) =>
  ((await request(app).get('/api/scenarios').expect(200)).body as { id: string }[]).map(
    (s) => s.id,
  );

describe('folder index with 2,000 variants', () => {
  // Writing 2,000 files on a busy shared disk takes a while; nothing here is timed.
  jest.setTimeout(120_000);
  it('keeps the listing right across variant saves, deletions and a save of the scenario', async () => {
    withVariants();
    const app = createApp({ dir });
    const first = await ids(app);
    expect(first).toHaveLength(VARIANTS + 1);
    expect(first[0]).toBe('bridge');
    expect(first[1]).toBe('bridge--v0000');

    await request(app)
      .post('/api/scenarios/bridge/variants')
      .send({ name: 'new one', set: { cost: 1 } })
      .expect(201);
    const afterSave = await ids(app);
    expect(afterSave).toHaveLength(VARIANTS + 2);
    expect(afterSave).toContain('bridge--new-one');

    await request(app).delete('/api/scenarios/bridge--v0007').expect(204);
    const afterDelete = await ids(app);
    expect(afterDelete).toHaveLength(VARIANTS + 1);
    expect(afterDelete).not.toContain('bridge--v0007');

    // The scenario's save changes every variant's result: p_ok 0.95 makes Build best everywhere.
    const source = await request(app).get('/api/scenarios/bridge/source').expect(200);
    writeFileSync(
      join(dir, 'libraries', 'shared.yaml'),
      readFileSync(join(dir, 'libraries', 'shared.yaml'), 'utf8').replace('0.6', '0.95'),
    );
    await request(app)
      .put('/api/scenarios/bridge/source')
      .set('If-Match', source.headers.etag as string)
      .type('text/yaml')
      .send(source.text.replace('value: 3', 'value: 2'))
      .expect(200);
    const list = (await request(app).get('/api/scenarios').expect(200)).body as {
      id: string;
      choice: string;
    }[];
    expect(list).toHaveLength(VARIANTS + 1);
    expect(list.every((s) => s.choice === 'build')).toBe(true);
  });

  it('re-reads only what changed: a save of one variant keeps every other variant as it was', async () => {
    withVariants();
    const folder = new ScenarioFolder(dir, { watch: false });
    await folder.list();
    const before = await folder.get('bridge--v0001');
    await folder.write({
      kind: 'create',
      file: join(dir, 'bridge.variants', 'added.yaml'),
      text: 'extends: ../bridge.yaml\nset: { cost: 1 }\n',
    });
    await folder.write({
      kind: 'replace',
      file: join(dir, 'bridge.variants', 'v0002.yaml'),
      text: 'extends: ../bridge.yaml\nset: { cost: 0.1 }\n',
    });
    const list = await folder.list();
    expect(list).toHaveLength(VARIANTS + 2);
    expect((await folder.get('bridge--v0001'))!.doc).toBe(before!.doc);
    const changed = (await folder.get('bridge--v0002'))!.doc;
    expect(changed.ok && changed.base.parameters.cost).toBe(0.1);
  });
});

describe('listings asked for together', () => {
  it('share one reading of the folder, and a listing asked for after a save sees the save', async () => {
    dir = bridgeFolder(false);
    mkdirSync(join(dir, 'bridge.variants'));
    for (let i = 0; i < 50; i++)
      writeFileSync(
        join(dir, 'bridge.variants', `v${i}.yaml`),
        `extends: ../bridge.yaml\nset: { cost: ${(i % 5) + 0.5} }\n`,
      );
    const folder = new ScenarioFolder(dir, { watch: false });
    const computed = jest.spyOn(
      folder as unknown as { computeList(): Promise<unknown[]> },
      'computeList',
    );
    const lists = await Promise.all(Array.from({ length: 8 }, () => folder.list()));
    expect(computed).toHaveBeenCalledTimes(1);
    expect(lists.every((l) => l === lists[0] && l.length === 51)).toBe(true);

    const pending = folder.list();
    await folder.write({
      kind: 'create',
      file: join(dir, 'bridge.variants', 'added.yaml'),
      text: 'extends: ../bridge.yaml\nset: { cost: 1 }\n',
    });
    const after = await folder.list();
    expect(after.map((s) => s.id)).toContain('bridge--added');
    expect(await pending).toBeDefined();
    expect(computed).toHaveBeenCalledTimes(3);
  });
});

describe('the list kept between changes', () => {
  it('is the same array while nothing changed, and a new one after any change', async () => {
    dir = bridgeFolder(false);
    mkdirSync(join(dir, 'bridge.variants'));
    writeFileSync(
      join(dir, 'bridge.variants', 'a.yaml'),
      'extends: ../bridge.yaml\nset: { cost: 1 }\n',
    );
    const folder = new ScenarioFolder(dir, { watch: false });
    const first = await folder.list();
    // The first listing reads the variant, so the next is built once more, then kept.
    const second = await folder.list();
    expect(await folder.list()).toBe(second);
    expect(second.map((s) => s.id)).toEqual(first.map((s) => s.id));

    await folder.write({
      kind: 'create',
      file: join(dir, 'bridge.variants', 'b.yaml'),
      text: 'extends: ../bridge.yaml\nset: { cost: 2 }\n',
    });
    const afterSave = await folder.list();
    expect(afterSave.map((s) => s.id)).toEqual(['bridge', 'bridge--a', 'bridge--b']);

    // Behind its back: the scenario file is checked on every listing, events or not.
    writeFileSync(join(dir, 'bridge.yaml'), BRIDGE.replace('value: 3', 'value: 2'));
    utimesSync(
      join(dir, 'bridge.yaml'),
      new Date(Date.now() + 5_000),
      new Date(Date.now() + 5_000),
    );
    const afterEdit = await folder.list();
    expect(afterEdit).not.toBe(afterSave);
    const bridge = afterEdit[0]!.doc;
    expect(bridge.ok && bridge.base.parameters.cost).toBe(2);
  });

  it('answers GET /api/scenarios with one body and ETag until the folder changes', async () => {
    dir = bridgeFolder(false);
    const app = createApp({ dir, history: null });
    const first = await request(app).get('/api/scenarios').expect(200);
    const again = await request(app).get('/api/scenarios').expect(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    await request(app)
      .get('/api/scenarios')
      .set('If-None-Match', first.headers.etag as string)
      .expect(304);

    await request(app)
      .post('/api/scenarios/bridge/variants')
      .send({ name: 'cheap', set: { cost: 1 } })
      .expect(201);
    const saved = await request(app)
      .get('/api/scenarios')
      .set('If-None-Match', first.headers.etag as string)
      .expect(200);
    expect(saved.headers.etag).not.toBe(first.headers.etag);
    expect((saved.body as { id: string }[]).map((s) => s.id)).toEqual(['bridge', 'bridge--cheap']);

    // A variant edited behind the server's back: the event drops it, the list follows (at a
    // cost of 3, Wait is best again).
    expect((saved.body as { choice: string }[])[1]!.choice).toBe('build');
    const file = join(dir, 'bridge.variants', 'cheap.yaml');
    writeFileSync(file, 'extends: ../bridge.yaml\nset: { cost: 3 }\n');
    await until(async () => {
      const list = (await request(app).get('/api/scenarios').expect(200)).body as {
        choice: string;
      }[];
      return list[1]?.choice === 'wait';
    });
  });
});

describe('kept answers, gzipped', () => {
  it('go gzipped to a request that takes gzip: the same JSON, the same ETag, Vary: Accept-Encoding', async () => {
    dir = bridgeFolder(false);
    const app = createApp({ dir, history: null });
    for (const path of ['/api/scenarios', '/api/scenarios/bridge']) {
      const plain = await request(app).get(path).set('Accept-Encoding', 'identity').expect(200);
      const zipped = await request(app).get(path).set('Accept-Encoding', 'gzip, br').expect(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(zipped.headers['content-encoding']).toBe('gzip');
      for (const answer of [plain, zipped]) expect(answer.headers.vary).toBe('Accept-Encoding');
      // supertest unzips what it receives.
      expect(zipped.body).toEqual(plain.body);
      expect(zipped.headers.etag).toBe(plain.headers.etag);
      await request(app)
        .get(path)
        .set('Accept-Encoding', 'gzip')
        .set('If-None-Match', zipped.headers.etag as string)
        .expect(304);
    }
  });
});

describe('folder index kept current by events', () => {
  it('sees a file added, changed and removed behind its back', async () => {
    dir = bridgeFolder();
    const folder = new ScenarioFolder(dir, { checkEveryMs: 200 });
    try {
      expect((await folder.assessments('bridge')).map((a) => a.id)).toHaveLength(3);
      const file = join(dir, 'bridge.assessments', 'late.yaml');
      writeFileSync(file, 'assesses: ../bridge.yaml\nanalyst: Late\nset: { p_ok: 0.9 }\n');
      await until(async () => (await folder.assessments('bridge')).length === 4);
      writeFileSync(file, 'assesses: ../bridge.yaml\nanalyst: Late\nset: { p_ok: 0.1 }\n');
      await until(async () => {
        const late = (await folder.assessments('bridge')).find((a) => a.id === 'bridge--by-late');
        return late?.doc.ok === true && late.doc.base.parameters.p_ok === 0.1;
      });
      rmSync(file);
      await until(async () => (await folder.assessments('bridge')).length === 3);
    } finally {
      folder.close();
    }
  });
});

describe("the folder's own saves", () => {
  it('list a saved variant without reading the folder again, and events still tell of anyone else', async () => {
    withVariants();
    const folder = new ScenarioFolder(dir, { checkEveryMs: 0 });
    try {
      expect(await folder.list()).toHaveLength(VARIANTS + 1);
      const fsp = jest.requireActual<typeof FsPromises>('node:fs/promises');
      const listed = jest.spyOn(fsp, 'readdir');
      const read = jest.spyOn(fsp, 'readFile');
      for (const name of ['added', 'another'])
        await folder.write({
          kind: 'create',
          file: join(dir, 'bridge.variants', `${name}.yaml`),
          text: `extends: ../bridge.yaml\ntitle: ${name}\nset: { cost: 1 }\n`,
        });
      // The saves' own events come in; they tell the index nothing it does not know.
      await new Promise((r) => setTimeout(r, 300));
      const list = await folder.list();
      expect(list).toHaveLength(VARIANTS + 3);
      const added = list.find((s) => s.id === 'bridge--added')!.doc;
      expect(added.ok && added.base.parameters.cost).toBe(1);
      expect(listed).not.toHaveBeenCalled();
      expect(read).not.toHaveBeenCalled();
      // An event that changes nothing listed (a file's mode) leaves the listing as it was (kept
      // from the second listing on: the first read the saved variants' documents).
      const kept = await folder.list();
      chmodSync(join(dir, 'bridge.variants', 'v0003.yaml'), 0o600);
      await new Promise((r) => setTimeout(r, 300));
      expect(await folder.list()).toBe(kept);
      expect(listed).not.toHaveBeenCalled();
      listed.mockRestore();
      read.mockRestore();

      // Someone else's file, while a save is under way.
      const saving = folder.write({
        kind: 'create',
        file: join(dir, 'bridge.variants', 'third.yaml'),
        text: 'extends: ../bridge.yaml\nset: { cost: 2 }\n',
      });
      writeFileSync(
        join(dir, 'bridge.variants', 'theirs.yaml'),
        'extends: ../bridge.yaml\nset: { cost: 3 }\n',
      );
      await saving;
      await until(async () => {
        const now = (await folder.list()).map((s) => s.id);
        return now.includes('bridge--theirs') && now.includes('bridge--third');
      });
    } finally {
      folder.close();
    }
  });
});

describe('one listing for the web app and report DIR', () => {
  it('leaves libraries, links and names that give no id out of both', async () => {
    dir = bridgeFolder(false);
    writeFileSync(join(dir, 'top-library.yaml'), 'parameters:\n  p_top: 0.5\n');
    writeFileSync(join(dir, 'Has Space.yaml'), readFileSync(join(dir, 'bridge.yaml')));
    expect(await scenarioFiles(dir)).toEqual(['bridge.yaml']);
    const app = createApp({ dir });
    expect(await ids(app)).toEqual(['bridge']);
    const libraries = (await request(app).get('/api/libraries').expect(200)).body as {
      id: string;
    }[];
    expect(libraries.map((l) => l.id)).toEqual(['top-library', 'shared']);
    const index = await request(app).get('/').expect(200);
    expect(index.text).toContain('<code>Has Space.yaml</code>');
  });
});

/** Polls `ok` until it holds (events arrive asynchronously); fails after a generous while. */
async function until(ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the folder index never caught up');
}
