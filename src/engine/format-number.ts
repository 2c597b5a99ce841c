/** A number for a message: at most 12 significant digits, so 0.1 + 0.2 reads as 0.3. */
export function formatNumber(x: number): string {
  return Number.isFinite(x) ? String(Number.parseFloat(x.toPrecision(12))) : String(x);
}
