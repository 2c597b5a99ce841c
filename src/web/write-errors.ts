/**
 * What a failed write says to the person who asked for it. File-system errors carry absolute
 * paths in their messages; only the cause is passed on, and the answer says nothing was written
 * (every write is atomic, so that is true).
 */

export { WriteRefused } from '../folder/write-refused';

/** The status and message for a file-system error from a write; undefined for anything else. */
export function storageFailure(error: unknown): { status: number; message: string } | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        status: 507,
        message: `the disk of the served folder is full (${code}); nothing was written. Free some space and save again.`,
      };
    case 'EROFS':
      return {
        status: 500,
        message:
          'the served folder is on a read-only file system (EROFS); nothing was written. Serve it with --read-only, or from a writable folder.',
      };
    case 'EACCES':
    case 'EPERM':
      return {
        status: 500,
        message: `the server may not write in the served folder (${code}); nothing was written.`,
      };
    default:
      return {
        status: 500,
        message: `the file system failed (${code}); nothing was written.`,
      };
  }
}
