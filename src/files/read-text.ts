import { readFile, realpath } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import { decodeUtf8 } from '../load/decode-text';
import { diagnostic, type Diagnostic, type Result, type SourcePath } from '../model/diagnostic';

/** Reads a file as text; an unreadable file is a diagnostic, located at `at` when given. */
export async function readText(file: string, at?: SourcePath): Promise<Result<string>> {
  try {
    const decoded = decodeUtf8(await readFile(file), file);
    return decoded.ok || !at ? decoded : { ok: false, errors: decoded.errors };
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    const d: Diagnostic = diagnostic('FILE_UNREADABLE', `cannot read file: ${reason}`, at);
    return { ok: false, errors: [at ? d : { ...d, file }] };
  }
}

/**
 * Whether `file`, after every symlink is resolved, lies inside `folder` (itself resolved).
 * A file that does not exist is judged by its path, so the caller reports it as missing.
 */
export async function insideFolder(file: string, folder: string): Promise<boolean> {
  const real = async (p: string) => realpath(p).catch(() => p);
  const [f, d] = await Promise.all([real(file), real(folder)]);
  const rel = relative(d, f);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
