import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file-system calls a write makes, replaceable in tests that simulate a crash. */
export interface WriteSteps {
  rename: (from: string, to: string) => Promise<void>;
}

const real: WriteSteps = { rename };

/**
 * Replaces `file` with `text` so that a reader, or a crash at any moment, sees either the old
 * file or the new one, never a mix: write a temporary file in the same folder, flush it to disk,
 * then rename it over the original (atomic on POSIX file systems).
 */
export async function writeFileAtomic(
  file: string,
  text: string,
  steps: WriteSteps = real,
): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await steps.rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  // Flush the folder entry too, so the rename itself survives a power cut (best effort).
  const folder = await open(dirname(file), 'r').catch(() => undefined);
  await folder?.sync().catch(() => undefined);
  await folder?.close();
}
