import { lstatSync, statSync } from 'node:fs';
import { lstat } from 'node:fs/promises';

// The checks a request makes (is the index still current?) are synchronous: a stat of a local
// file takes microseconds, while through the thread pool it costs tens of microseconds of this
// thread's time and waits behind the saves' fsyncs there.

/** The path is a folder itself, not a link to one (or absent). */
export async function isRealFolder(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** `isRealFolder`, checked now. */
export function isRealFolderSync(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Something is at `path`: a file, a folder, or a link (not followed), dangling or not. */
export function existsNoFollow(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}

/** The path is a regular file, not a link (or absent). */
export async function isRealFile(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** A file's modification time and size, which change when it is written; undefined if gone. */
export function versionOf(file: string): string | undefined {
  const s = statSync(file, { throwIfNoEntry: false });
  return s && stampOf(s);
}

/** The version of a file with these stats: `versionOf`'s form. */
export function stampOf(s: { mtimeMs: number; size: number }): string {
  return `${s.mtimeMs}:${s.size}`;
}

/** A folder's modification time (an entry added, removed or renamed); undefined if gone. */
export function folderTime(folder: string): number | undefined {
  return statSync(folder, { throwIfNoEntry: false })?.mtimeMs;
}
