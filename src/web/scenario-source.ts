import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { openScenario } from '../document';
import type { Diagnostic } from '../model/diagnostic';
import { createFileExclusive, writeFileAtomic, type WriteSteps } from './atomic-write';
import { WriteRefused } from './write-errors';

/** How many earlier versions of each file are kept. */
export const BACKUPS_KEPT = 20;
/** Where backups go, inside the served folder (a hidden folder the listing skips). */
export const BACKUP_FOLDER = '.branchpoint-backups';

/** A strong ETag for a file's text: its version in optimistic concurrency. */
export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32)}"`;
}

export type SaveResult =
  | { status: 'saved'; etag: string }
  | { status: 'conflict'; current: { text: string; etag: string } }
  | { status: 'invalid'; errors: Diagnostic[] };

/**
 * Reads and writes scenario files safely: a save names the version it was based on and is
 * refused if the file changed since (another tab, the analyst's editor, a `git pull`); an invalid
 * scenario is never written; each write is atomic and keeps the previous version as a backup.
 * Saves to one file are serialised, so two requests based on the same version cannot both win.
 */
export class ScenarioSource {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly steps: Partial<WriteSteps> = {}) {}

  async read(file: string): Promise<{ text: string; etag: string }> {
    const text = await readFile(file, 'utf8');
    return { text, etag: etagOf(text) };
  }

  save(file: string, text: string, basedOn: string): Promise<SaveResult> {
    const previous = this.queues.get(file) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.saveNow(file, text, basedOn));
    this.queues.set(file, next);
    // The caller handles a failed save; this bookkeeping must not leave a second, unhandled
    // rejection behind (which ends the process).
    const forget = (): void => {
      if (this.queues.get(file) === next) this.queues.delete(file);
    };
    next.then(forget, forget);
    return next;
  }

  private async saveNow(file: string, text: string, basedOn: string): Promise<SaveResult> {
    const current = await this.read(file);
    if (current.etag !== basedOn) return { status: 'conflict', current };
    const doc = openScenario(text, basename(file));
    if (!doc.ok) return { status: 'invalid', errors: doc.errors };
    await this.backup(file, current.etag);
    await writeFileAtomic(file, text, this.steps);
    return { status: 'saved', etag: etagOf(text) };
  }

  /** Names of the kept earlier versions of `file`, newest first. */
  async backups(file: string): Promise<string[]> {
    const names = await readdir(backupFolder(file)).catch(() => []);
    return names
      .filter((n) => n.endsWith('.yaml'))
      .sort()
      .reverse();
  }

  /** The text of a kept version, found by listing (a name from outside never becomes a path). */
  async readBackup(file: string, name: string): Promise<string | undefined> {
    const known = await this.backups(file);
    return known.includes(name) ? readFile(join(backupFolder(file), name), 'utf8') : undefined;
  }

  /** Copies the file as it is now into the backup folder, keeping the last BACKUPS_KEPT. */
  private async backup(file: string, etag: string): Promise<void> {
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
    const text = await readFile(file, 'utf8');
    await createFileExclusive(join(folder, `${stamp}-${etag.slice(1, 9)}.yaml`), text, this.steps);
    const kept = (await readdir(folder)).filter((f) => f.endsWith('.yaml')).sort();
    for (const old of kept.slice(0, Math.max(0, kept.length - BACKUPS_KEPT)))
      await unlink(join(folder, old));
  }
}

function backupFolder(file: string): string {
  return join(dirname(file), BACKUP_FOLDER, basename(file));
}
