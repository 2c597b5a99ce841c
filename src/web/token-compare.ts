import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether `given` is the secret `expected`, in time that does not depend on where they differ.
 * Both are hashed first, so the comparison is always of two 32-byte digests and neither the
 * secret's length nor its content leaks through timing.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
