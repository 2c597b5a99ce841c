/** A number for a message: at most 12 significant digits, so 0.1 + 0.2 reads as 0.3. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  // The shortest text that reads back as x: with 12 digits or fewer, rounding to 12 changes
  // nothing, and most numbers an analyst writes are so (0.3, 12.5); this skips two conversions.
  const shortest = String(x);
  return digitCount(shortest) <= 12 ? shortest : String(Number.parseFloat(x.toPrecision(12)));
}

/** Digits before any exponent, leading zeros included: never fewer than the significant ones. */
function digitCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 101) break; // 'e'
    if (c >= 48 && c <= 57) count++;
  }
  return count;
}
