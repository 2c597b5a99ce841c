/**
 * Last line of defence: a bug must still reach the user as one readable line, not a stack trace.
 * BRANCHPOINT_DEBUG=1 shows the stack for developers.
 */
export function formatUnexpected(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const stack = process.env.BRANCHPOINT_DEBUG && e instanceof Error ? `\n${e.stack}` : '';
  return `branchpoint: internal error: ${message}${stack}\nPlease report this with the file that caused it.\n`;
}
