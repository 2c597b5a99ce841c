import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createFileExclusive,
  removeStaleTempFiles,
  writeFileAtomic,
  type WriteSteps,
} from '../../src/web/atomic-write';
import { createFile, sharedFlushes } from '../../src/folder/atomic-write';
import { versionOf } from '../../src/folder/file-checks';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', async () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('leaves the old file intact when the write is interrupted between temp file and rename', async () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'old');
    let tempSeen = '';
    const crash = {
      rename: (from: string) => {
        // The new text is complete in the temporary file; the "crash" comes before the rename.
        tempSeen = readFileSync(from, 'utf8');
        return Promise.reject(new Error('power cut'));
      },
    };
    await expect(writeFileAtomic(file, 'new', crash)).rejects.toThrow('power cut');
    expect(tempSeen).toBe('new');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('flushes the file before the rename and the folder after it', async () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'old');
    const order: string[] = [];
    const spy: Partial<WriteSteps> = {
      writeFile: async (handle, text) => {
        order.push('write');
        await handle.writeFile(text, 'utf8');
      },
      syncFile: async (handle) => {
        order.push('fsync file');
        await handle.sync();
      },
      rename: async (from, to) => {
        order.push('rename');
        await rename(from, to);
      },
      syncFolder: (folder) => {
        order.push(`fsync folder ${folder === dir ? 'of the file' : folder}`);
        return Promise.resolve();
      },
    };
    await writeFileAtomic(file, 'new', spy);
    expect(order).toEqual(['write', 'fsync file', 'rename', 'fsync folder of the file']);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('removes the temporary file when writing it fails (a full disk)', async () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'old');
    const full: Partial<WriteSteps> = {
      writeFile: () => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' })),
    };
    await expect(writeFileAtomic(file, 'new', full)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(dir)).toEqual(['a.yaml']);
    expect(readFileSync(file, 'utf8')).toBe('old');
  });

  it('replaces a link at the file name instead of writing through it', async () => {
    const target = join(dir, 'target.yaml');
    writeFileSync(target, 'outside');
    symlinkSync(target, join(dir, 'a.yaml'));
    await writeFileAtomic(join(dir, 'a.yaml'), 'new');
    expect(readFileSync(target, 'utf8')).toBe('outside');
  });
});

describe('createFileExclusive', () => {
  it('creates a new file, and refuses a taken name, a link (even dangling) included', async () => {
    expect(await createFileExclusive(join(dir, 'a.yaml'), 'one')).toBe(true);
    expect(await createFileExclusive(join(dir, 'a.yaml'), 'two')).toBe(false);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('one');
    symlinkSync(join(dir, 'nowhere', 'x.yaml'), join(dir, 'b.yaml'));
    expect(await createFileExclusive(join(dir, 'b.yaml'), 'three')).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  it('lets exactly one of many parallel creates of one name succeed', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createFileExclusive(join(dir, 'a.yaml'), `v${i}`)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(`v${results.indexOf(true)}`);
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });
});

describe('createFile', () => {
  it("gives the new file's version, as versionOf reads it, or undefined when the name is taken", async () => {
    const file = join(dir, 'a.yaml');
    const version = await createFile(file, 'one');
    expect(version).toBe(versionOf(file));
    expect(await createFile(file, 'two')).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('one');
  });
});

describe('sharedFlushes', () => {
  /** A flush that waits to be let go; `log` says when each began and which callers had asked. */
  function controlled() {
    const pending: (() => void)[] = [];
    const log: string[] = [];
    const flush = (key: string): Promise<void> => {
      log.push(`start ${key}`);
      return new Promise<void>((resolve) => pending.push(resolve));
    };
    const release = async (): Promise<void> => {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    };
    return { flush, log, release, pending };
  }

  it('gives each caller a flush that began after it asked, shared by those who asked meanwhile', async () => {
    const { flush, log, release, pending } = controlled();
    const shared = sharedFlushes(flush);
    const done: string[] = [];
    const ask = (name: string, key = 'folder'): Promise<void> =>
      shared(key).then(() => {
        done.push(name);
      });
    const a = ask('a');
    const b = ask('b');
    const c = ask('c');
    expect(log).toEqual(['start folder']);
    await release();
    // a's flush is over; b and c asked while it ran, so they wait for one more, begun now.
    expect(done).toEqual(['a']);
    expect(log).toEqual(['start folder', 'start folder']);
    const d = ask('d');
    await release();
    expect(done).toEqual(['a', 'b', 'c']);
    await release();
    await Promise.all([a, b, c, d]);
    expect(done).toEqual(['a', 'b', 'c', 'd']);
    expect(log).toHaveLength(3);
    expect(pending).toHaveLength(0);
  });

  it('flushes each key on its own, and fails only the callers of a flush that failed', async () => {
    let fail = true;
    const flushed: string[] = [];
    const shared = sharedFlushes(async (key) => {
      flushed.push(key);
      await new Promise((r) => setTimeout(r, 10));
      if (key === 'x' && fail) {
        fail = false;
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      }
    });
    const x1 = shared('x');
    const y = shared('y');
    const x2 = shared('x');
    await expect(x1).rejects.toThrow('disk full');
    await expect(x2).resolves.toBeUndefined();
    await expect(y).resolves.toBeUndefined();
    expect(flushed.sort()).toEqual(['x', 'x', 'y']);
  });
});

describe('removeStaleTempFiles', () => {
  it('removes temporary files a crash left in the folder and its variant and backup folders', async () => {
    writeFileSync(join(dir, 'a.yaml'), 'kept');
    writeFileSync(join(dir, '.a.yaml.0123456789ab.tmp'), 'half');
    mkdirSync(join(dir, 'a.variants'));
    writeFileSync(join(dir, 'a.variants', '.v.yaml.abcdefabcdef.tmp'), 'half');
    writeFileSync(join(dir, 'a.variants', 'v.yaml'), 'kept');
    writeFileSync(join(dir, 'notes.tmp'), 'not ours');
    expect(await removeStaleTempFiles(dir)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['a.variants', 'a.yaml', 'notes.tmp']);
    expect(readdirSync(join(dir, 'a.variants'))).toEqual(['v.yaml']);
  });

  it('does not follow a linked folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'branchpoint-outside-'));
    try {
      writeFileSync(join(outside, '.x.yaml.0123456789ab.tmp'), 'theirs');
      symlinkSync(outside, join(dir, 'linked.variants'));
      await removeStaleTempFiles(dir);
      expect(readdirSync(outside)).toEqual(['.x.yaml.0123456789ab.tmp']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
