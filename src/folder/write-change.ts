import { lstatSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { changeMessage } from '../files/change-message';
import { currentAuthor, type GitHistory } from '../files/git-history';
import { createFile, writeFileAtomic, type WriteSteps } from './atomic-write';
import { keepBackup } from './backups';
import { isInside, relativeFile } from './folder-paths';
import type { FolderChange } from './folder-types';
import { WriteRefused } from './write-refused';

/** The folder a change is written to, and what the write tells its index. */
export interface WriteTarget {
  /** The served folder, absolute. */
  readonly dir: string;
  /** The folder's git history, when every write is a commit; null keeps backups. */
  readonly history: GitHistory | null;
  readonly steps: Partial<WriteSteps>;
  /** Called with the file written, once the write is over (done or failed)... */
  forget(file: string): void;
  /** ...or, for a file created, with its text and version instead. */
  created(file: string, text: string, version: string): void;
}

/**
 * Writes one change to the folder. Returns false only for a `create` whose name is taken.
 * Throws the file system's error (ENOSPC, EROFS, ...) or `WriteRefused` when a link sits where
 * a folder belongs; nothing is half-written in either case. In git, the write and its commit
 * are one step of the history's queue.
 */
export async function writeChange(target: WriteTarget, change: FolderChange): Promise<boolean> {
  const file = resolve(change.file);
  if (!isInside(target.dir, file))
    throw new WriteRefused('only files of the served folder are written');
  if (target.history === null) return writeNow(target, change, file);
  const author = change.author ?? currentAuthor();
  let before = '';
  const { value } = await target.history.change(
    async () => {
      if (change.kind === 'replace') before = await readFile(file, 'utf8').catch(() => '');
      return writeNow(target, change, file);
    },
    (done) =>
      done
        ? {
            files: [file],
            author,
            message:
              change.message ??
              changeMessage(
                relativeFile(target.dir, file),
                change.kind,
                before,
                'text' in change ? change.text : '',
              ),
          }
        : undefined,
  );
  return value;
}

async function writeNow(target: WriteTarget, change: FolderChange, file: string): Promise<boolean> {
  let created: string | undefined;
  try {
    switch (change.kind) {
      case 'replace':
        if (target.history === null) await keepBackup(file, target.steps);
        await writeFileAtomic(file, change.text, target.steps);
        return true;
      case 'create':
        if (dirname(file) !== target.dir) await realFolder(dirname(file));
        created = await createFile(file, change.text, target.steps);
        return created !== undefined;
      case 'delete':
        await rm(file);
        return true;
      default:
        return change satisfies never;
    }
  } finally {
    if (created !== undefined && change.kind === 'create')
      target.created(file, change.text, created);
    else target.forget(file);
  }
}

/** Makes `folder` (inside the served one) a real folder, refusing a link or file in its place. */
async function realFolder(folder: string): Promise<void> {
  // Synchronous, like the index's checks: a local lstat takes microseconds on this thread, while
  // through the thread pool it waits behind the other saves' fsyncs.
  const found = lstatSync(folder, { throwIfNoEntry: false });
  if (found && !found.isDirectory())
    throw new WriteRefused(
      `${basename(folder)} is not a folder of this server's; nothing can be saved there`,
    );
  if (!found) await mkdir(folder, { recursive: true });
}
