import { lstat, stat } from 'node:fs/promises';

/** The path is a folder itself, not a link to one (or absent). */
export async function isRealFolder(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The path is a regular file, not a link (or absent). */
export async function isRealFile(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** A file's modification time and size, which change when it is written; undefined if gone. */
export async function versionOf(file: string): Promise<string | undefined> {
  return stat(file).then(
    (s) => `${s.mtimeMs}:${s.size}`,
    () => undefined,
  );
}
