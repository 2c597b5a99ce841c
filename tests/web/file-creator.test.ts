import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFile } from '../../src/folder/atomic-write';
import { versionOf } from '../../src/folder/file-checks';

/**
 * Files created in the creating thread (src/folder/file-creator.ts), as `createFile` does with
 * the real steps: the same answers as the steps taken here, and errors with their codes.
 * tests/web/file-creator-process.test.ts checks that the thread lets a process end.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-creator-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createFile through the creating thread', () => {
  it('creates many files at once, each at the version versionOf reads, and no temporary file stays', async () => {
    const files = Array.from({ length: 200 }, (_, i) => join(dir, `v${i}.yaml`));
    const versions = await Promise.all(files.map((f, i) => createFile(f, `title: ${i}\n`)));
    expect(versions).toEqual(files.map((f) => versionOf(f)));
    expect(readFileSync(files[7]!, 'utf8')).toBe('title: 7\n');
    expect(readdirSync(dir)).toHaveLength(200);
  });

  it('answers undefined for a name taken, and leaves the file as it was', async () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'first');
    expect(await createFile(file, 'second')).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('first');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it("throws the file system's error with its code, and the next file is still created", async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    await expect(createFile(join(dir, 'not-a-folder', 'a.yaml'), 'x')).rejects.toMatchObject({
      code: 'ENOTDIR',
    });
    await expect(createFile(join(dir, 'missing', 'a.yaml'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await createFile(join(dir, 'b.yaml'), 'y')).toBe(versionOf(join(dir, 'b.yaml')));
  });
});
