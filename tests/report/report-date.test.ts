import { reportDate } from '../../src/report/report-date';

const now = () => new Date('2030-01-01T12:00:00Z');
const iso = (r: ReturnType<typeof reportDate>) => (r.ok ? r.date.toISOString() : r.message);

describe('reportDate', () => {
  it('takes --date first: a date, or a date and time (UTC unless it says otherwise)', () => {
    expect(iso(reportDate('2026-11-25', '1', now))).toBe('2026-11-25T00:00:00.000Z');
    expect(iso(reportDate('2026-11-25T09:30:00Z', undefined, now))).toBe(
      '2026-11-25T09:30:00.000Z',
    );
    expect(iso(reportDate('2026-11-25T09:30', undefined, now))).toBe('2026-11-25T09:30:00.000Z');
    expect(iso(reportDate('2026-11-25T09:30:00+01:00', undefined, now))).toBe(
      '2026-11-25T08:30:00.000Z',
    );
  });

  it('then SOURCE_DATE_EPOCH, in seconds, then now', () => {
    expect(iso(reportDate(undefined, '1795564800', now))).toBe('2026-11-25T00:00:00.000Z');
    expect(iso(reportDate(undefined, undefined, now))).toBe('2030-01-01T12:00:00.000Z');
    expect(iso(reportDate(undefined, '', now))).toBe('2030-01-01T12:00:00.000Z');
  });

  it('refuses what is not a date, and days that do not exist', () => {
    for (const bad of ['tomorrow', '25/11/2026', '2026-02-31', '2026-13-01', '2026-11-25T25:00Z'])
      expect(reportDate(bad, undefined, now)).toEqual({
        ok: false,
        message: expect.stringContaining('--date must be an ISO 8601 date'),
      });
    expect(reportDate(undefined, '1.5e9', now)).toEqual({
      ok: false,
      message: expect.stringContaining('SOURCE_DATE_EPOCH must be a whole number'),
    });
  });
});
