/**
 * `text` encoded as UTF-8. ASCII text (most answers: JSON of ids, numbers and labels written in
 * ASCII) has the same bytes in Latin-1, which Node copies about five times as fast as it encodes
 * UTF-8: 5 µs against 27 for a 45 kB evaluation of the 5,000-node tree. Text whose UTF-8 is as
 * long as the text has no character beyond ASCII.
 */
export function utf8Bytes(text: string): Buffer {
  return Buffer.byteLength(text, 'utf8') === text.length
    ? Buffer.from(text, 'latin1')
    : Buffer.from(text, 'utf8');
}
