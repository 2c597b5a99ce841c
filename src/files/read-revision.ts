import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { promisify } from 'node:util';
import type { Result } from '../model/diagnostic';

/**
 * The text of `file` at git revision `rev` (`git show REV:./FILE`, run in the file's folder).
 * A folder outside any git repository, an unknown revision or a file the revision lacks is a
 * clear error, never git's raw usage text.
 */
export async function readRevision(file: string, rev: string): Promise<Result<string>> {
  // Made here, not when the module loads: child_process is loaded only when a revision is read.
  const run = promisify(execFile);
  const dir = dirname(file) || '.';
  const fail = (message: string): Result<string> => ({
    ok: false,
    errors: [{ code: 'FILE_UNREADABLE', message, file, line: null, column: null, path: null }],
  });
  if (rev === '' || rev.startsWith('-')) return fail(`'${rev}' is not a git revision`);
  try {
    await run('git', ['-C', dir, 'rev-parse', '--is-inside-work-tree']);
  } catch {
    return fail(`${file}@${rev}: ${dir} is not inside a git repository, so it has no revisions`);
  }
  try {
    const { stdout } = await run('git', ['-C', dir, 'show', `${rev}:./${basename(file)}`], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, value: stdout };
  } catch (e) {
    const why = String((e as { stderr?: string }).stderr ?? '')
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.replace(/^fatal: /, '');
    return fail(`cannot read ${file} at revision ${rev}: ${why ?? 'git failed'}`);
  }
}
