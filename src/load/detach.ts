/**
 * A copy of `s` that does not hold on to the text it was cut from. YAML readers cut strings out
 * of the file's text as slices, which keep the whole text alive as long as any of them lives: a
 * scenario model would hold on to its file. V8 slices only strings of 13 characters or more.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
