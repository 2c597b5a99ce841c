import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { openScenarioText } from '../document';
import { WEB_AUTHOR, type Author } from '../files/git-history';
import { BACKUP_FOLDER, BACKUPS_KEPT, type ScenarioFolder } from '../folder/scenario-folder';
import type { Diagnostic } from '../model/diagnostic';

export { BACKUP_FOLDER, BACKUPS_KEPT };

/** A strong ETag for a file's text: its version in optimistic concurrency. */
export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32)}"`;
}

export type SaveResult =
  | { status: 'saved'; etag: string; commit: string | null }
  | { status: 'conflict'; current: { text: string; etag: string } }
  | { status: 'invalid'; errors: Diagnostic[] };

/** How a save is recorded: who made it, and what it was (a message of its own, or an edit). */
export interface SaveNote {
  readonly author: Author;
  /** The commit message; default: what the edit changed, from the two texts. */
  readonly message?: string | undefined;
}

/**
 * Reads and saves scenario files safely: a save names the version it was based on and is
 * refused if the file changed since (another tab, the analyst's editor, a `git pull`); an invalid
 * scenario is never written; the write itself is the folder's (atomic; a commit when the folder
 * is in git, a backup otherwise). Saves to one file are serialised, so two requests based on the
 * same version cannot both win.
 */
export class ScenarioSource {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly folder: ScenarioFolder) {}

  /** The folder's git history, or null when it keeps backups. */
  get history() {
    return this.folder.history;
  }

  async read(file: string): Promise<{ text: string; etag: string }> {
    const text = await readFile(file, 'utf8');
    return { text, etag: etagOf(text) };
  }

  save(
    file: string,
    text: string,
    basedOn: string,
    note: SaveNote = { author: WEB_AUTHOR },
  ): Promise<SaveResult> {
    const previous = this.queues.get(file) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => this.saveNow(file, text, basedOn, note));
    this.queues.set(file, next);
    // The caller handles a failed save; this bookkeeping must not leave a second, unhandled
    // rejection behind (which ends the process).
    const forget = (): void => {
      if (this.queues.get(file) === next) this.queues.delete(file);
    };
    next.then(forget, forget);
    return next;
  }

  private async saveNow(
    file: string,
    text: string,
    basedOn: string,
    note: SaveNote,
  ): Promise<SaveResult> {
    const current = await this.read(file);
    if (current.etag !== basedOn) return { status: 'conflict', current };
    const doc = await openScenarioText(text, file, { folder: this.folder.dir });
    if (!doc.ok) return { status: 'invalid', errors: doc.errors };
    await this.folder.write({
      kind: 'replace',
      file,
      text,
      author: note.author,
      message: note.message,
    });
    const commit = this.history ? ((await this.history.log(file, 1))[0]?.hash ?? null) : null;
    return { status: 'saved', etag: etagOf(text), commit };
  }

  /** Names of the kept earlier versions of `file`, newest first. */
  backups(file: string): Promise<string[]> {
    return this.folder.backups(file);
  }

  /** The text of a kept version, found by listing (a name from outside never becomes a path). */
  readBackup(file: string, name: string): Promise<string | undefined> {
    return this.folder.readBackup(file, name);
  }
}
