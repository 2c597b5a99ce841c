/**
 * The generation time a report prints. A report is a pure function of the scenario, the
 * overrides and this time, so fixing the time (`--date`, or `SOURCE_DATE_EPOCH` as in
 * reproducible builds) makes the same inputs give the same bytes.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

export type DateResult = { ok: true; date: Date } | { ok: false; message: string };

/**
 * `option` (ISO 8601: a date, or a date and time; a time without a zone is UTC), else
 * `sourceDateEpoch` (whole seconds since 1970), else `now`.
 */
export function reportDate(
  option: string | undefined,
  sourceDateEpoch: string | undefined,
  now: () => Date = () => new Date(),
): DateResult {
  if (option !== undefined) {
    const text = option.trim();
    const iso = ISO_DATE.test(text)
      ? `${text}T00:00:00Z`
      : ISO_DATE_TIME.test(text)
        ? /(Z|[+-]\d{2}:\d{2})$/.test(text)
          ? text
          : `${text}Z`
        : undefined;
    const date = iso === undefined ? undefined : new Date(iso);
    if (!date || Number.isNaN(date.getTime()) || !realDay(text))
      return {
        ok: false,
        message: `--date must be an ISO 8601 date or date and time (2026-11-25 or 2026-11-25T09:30:00Z), got '${option}'`,
      };
    return { ok: true, date };
  }
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    const seconds = Number(sourceDateEpoch);
    const date = new Date(seconds * 1000);
    if (!/^\d+$/.test(sourceDateEpoch.trim()) || Number.isNaN(date.getTime()))
      return {
        ok: false,
        message: `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, got '${sourceDateEpoch}'`,
      };
    return { ok: true, date };
  }
  return { ok: true, date: now() };
}

/** False for days that do not exist, like 2026-02-31, which `Date` would roll over into March. */
function realDay(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}
