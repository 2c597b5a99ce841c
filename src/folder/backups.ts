import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createFileExclusive, type WriteSteps } from './atomic-write';
import { BACKUP_FOLDER, BACKUPS_KEPT } from './folder-layout';
import { WriteRefused } from './write-refused';

/** Names of the kept earlier versions of `file`, newest first. */
export async function backups(file: string): Promise<string[]> {
  const names = await readdir(backupFolder(file)).catch(() => []);
  return names
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .reverse();
}

/** The text of a kept version, found by listing (a name from outside never becomes a path). */
export async function readBackup(file: string, name: string): Promise<string | undefined> {
  const known = await backups(file);
  return known.includes(name) ? readFile(join(backupFolder(file), name), 'utf8') : undefined;
}

/** Copies the file as it is now into the backup folder, keeping the last BACKUPS_KEPT. */
export async function keepBackup(file: string, steps: Partial<WriteSteps>): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const folder = backupFolder(file);
  // Writes never follow links: a link posing as the backup folder could lead anywhere.
  for (const f of [dirname(folder), folder]) {
    const found = await lstat(f).catch(() => undefined);
    if (found && !found.isDirectory())
      throw new WriteRefused(
        `${BACKUP_FOLDER} holds a link or file where a folder belongs; nothing was written`,
      );
  }
  await mkdir(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  // The version's own tag keeps two saves in one millisecond from sharing a name.
  const tag = createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
  await createFileExclusive(join(folder, `${stamp}-${tag}.yaml`), text, steps);
  const kept = (await readdir(folder)).filter((f) => f.endsWith('.yaml')).sort();
  for (const old of kept.slice(0, Math.max(0, kept.length - BACKUPS_KEPT)))
    await unlink(join(folder, old));
}

function backupFolder(file: string): string {
  return join(dirname(file), BACKUP_FOLDER, basename(file));
}
