/** ISO 8601 in UTC, without milliseconds when they are 0. */
export function isoDate(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
