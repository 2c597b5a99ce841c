import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsync as fsyncCallback, openSync } from 'node:fs';
import { promisify } from 'node:util';
import { link, lstat, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { FileCreator } from './file-creator';
import { stampOf } from './file-checks';

/**
 * The file-system calls a write makes, replaceable in tests that simulate a crash, a full disk or
 * a read-only one, and that check the order of the flushes.
 */
export interface WriteSteps {
  /** Writes the whole text into the (new, empty) temporary file. */
  writeFile: (handle: FileHandle, text: string) => Promise<void>;
  /** Flushes the temporary file's contents to the disk (fsync). */
  syncFile: (handle: FileHandle) => Promise<void>;
  rename: (from: string, to: string) => Promise<void>;
  /** Creates `to` as a second name of `from`; fails with EEXIST when `to` exists, even as a link. */
  link: (from: string, to: string) => Promise<void>;
  /** Flushes a folder's entries (fsync of the folder), so a rename or link survives a power cut. */
  syncFolder: (folder: string) => Promise<void>;
}

const fsync = promisify(fsyncCallback);

/**
 * Flushes shared between the writes that ask for them at about the same time (a group commit, as
 * databases do with their logs): a flush asked for while another of the same key runs waits for
 * the next one, which starts when the running one ends and serves all who asked meanwhile. Each
 * caller still gets a flush that began after it asked. Saves of variants into one folder each
 * end with a flush of that folder, and the disk does one flush at a time: shared, there are
 * about half as many.
 */
export function sharedFlushes(
  flush: (key: string) => Promise<void>,
): (key: string) => Promise<void> {
  const running = new Map<string, Promise<void>>();
  const next = new Map<string, Promise<void>>();
  const start = (key: string): Promise<void> => {
    const flushing: Promise<void> = flush(key).finally(() => {
      if (running.get(key) === flushing) running.delete(key);
    });
    running.set(key, flushing);
    return flushing;
  };
  return (key) => {
    const now = running.get(key);
    if (!now) return start(key);
    let waiting = next.get(key);
    if (!waiting) {
      waiting = now
        .catch(() => undefined)
        .then(() => {
          next.delete(key);
          return start(key);
        });
      next.set(key, waiting);
    }
    return waiting;
  };
}

/** Flushes a folder's entries to the disk. */
async function flushFolder(folder: string): Promise<void> {
  // Opening and closing a folder touch no disk: done here, they spare a save two trips through
  // the thread pool, where the flush itself goes.
  const fd = openSync(folder, 'r');
  try {
    await fsync(fd);
  } catch (e) {
    // Some file systems cannot flush a folder (EINVAL); every other failure is reported.
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
  } finally {
    closeSync(fd);
  }
}

const real: WriteSteps = {
  writeFile: (handle, text) => handle.writeFile(text, 'utf8'),
  syncFile: (handle) => handle.sync(),
  rename,
  link,
  syncFolder: sharedFlushes(flushFolder),
};

/** Temporary files are named `.NAME.<12 hex digits>.tmp`, beside the file they become. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** Whether a file name is a write's temporary file (never a scenario, variant or library). */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/**
 * Replaces `file` with `text` so that a reader, or a crash at any moment, sees either the old
 * file or the new one, never a mix (the discipline of SQLite and git): write a temporary file in
 * the same folder, fsync it, rename it over the original (atomic on POSIX file systems), fsync
 * the folder so the rename itself is on disk. A failure at any step removes the temporary file
 * and is thrown with its code (ENOSPC, EROFS, ...). A link at `file` is replaced, never followed.
 */
export async function writeFileAtomic(
  file: string,
  text: string,
  steps: Partial<WriteSteps> = {},
): Promise<void> {
  const s = { ...real, ...steps };
  const { temp } = await writeTemp(file, text, s);
  try {
    await s.rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await s.syncFolder(dirname(file));
}

/**
 * Creates `file` with `text` only if nothing is there yet, not even a link (dangling or not):
 * the text goes to a temporary file first, then is linked in under its name, which the file
 * system does atomically and refuses (EEXIST) when the name is taken. Of two requests creating
 * the same file, exactly one succeeds. Returns false when the name was taken.
 */
export async function createFileExclusive(
  file: string,
  text: string,
  steps: Partial<WriteSteps> = {},
): Promise<boolean> {
  return (await createFile(file, text, steps)) !== undefined;
}

/**
 * `createFileExclusive`, returning the new file's version (`versionOf`'s form) or undefined when
 * the name was taken. The version is read from the handle that wrote the text, not from the name
 * afterwards, so a change made by someone else in between still shows as a change.
 */
export async function createFile(
  file: string,
  text: string,
  steps: Partial<WriteSteps> = {},
): Promise<string | undefined> {
  // The real steps go to the creating thread; steps replaced by a test are taken here.
  if (Object.keys(steps).length === 0 && sep === '/')
    return creator.create(file, tempName(file), text);
  const s = { ...real, ...steps };
  const { temp, version } = await writeTemp(file, text, s);
  try {
    await s.link(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await s.syncFolder(dirname(file));
  return version;
}

const creator = new FileCreator();

/** A new temporary file's name, beside `file`. */
function tempName(file: string): string {
  return join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes and flushes a new temporary file beside `file`, and gives its version (a link or rename
 * keeps it); removes it again on any failure.
 */
async function writeTemp(
  file: string,
  text: string,
  s: WriteSteps,
): Promise<{ temp: string; version: string }> {
  const temp = tempName(file);
  // `wx`: a new file, never an existing one nor a link.
  const handle = await open(temp, 'wx', 0o644);
  try {
    await s.writeFile(handle, text);
    await s.syncFile(handle);
    // The written file's own stat: in memory, so read here rather than through the thread pool.
    const version = stampOf(fstatSync(handle.fd));
    await handle.close();
    return { temp, version };
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

/**
 * Removes the temporary files a crash left behind in `folder` and in the real folders directly
 * inside it (variants, backups); links are never followed. Returns how many were removed.
 */
export async function removeStaleTempFiles(folder: string, depth = 2): Promise<number> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const e of entries) {
    const path = join(folder, e.name);
    if (e.isFile() && TEMP_NAME.test(e.name)) {
      const gone = await unlink(path).then(
        () => true,
        () => false,
      );
      if (gone) removed++;
    } else if (e.isDirectory() && depth > 0 && (await lstat(path)).isDirectory()) {
      removed += await removeStaleTempFiles(path, depth - 1);
    }
  }
  return removed;
}
