/** A calendar day in UTC as `YYYY-MM-DD` (the form PostgreSQL `date` columns are read and written in). */
export type UtcDay = string;

const DAY_MS = 86_400_000;

/** Years 0001 to 9999: PostgreSQL's `date` has no year 0 (1 BC comes before AD 1). */
const year = "(?:000[1-9]|00[1-9]\\d|0[1-9]\\d{2}|[1-9]\\d{3})";
/** Leap years of the proleptic Gregorian calendar (PostgreSQL's and JavaScript's), year 0 left out. */
const leapYear = "(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)";
const monthDay =
  "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))";

/**
 * A real calendar day from 0001-01-01 to 9999-12-31 as `YYYY-MM-DD`. The service validates with it and
 * the OpenAPI document publishes it as the `pattern` of every day parameter, so both refuse the same
 * strings; it uses no look-around, so any JSON Schema validator can run it.
 */
export const UTC_DAY_PATTERN = new RegExp(`^(?:${year}-${monthDay}|${leapYear}-02-29)$`);

/** True for a real calendar day in `YYYY-MM-DD` form from year 0001 (rejects `2026-02-30`, `0000-01-01`, ...). */
export function isUtcDay(value: string): value is UtcDay {
  return UTC_DAY_PATTERN.test(value);
}

/** The UTC day an instant falls on. */
export function utcDayOf(instant: Date): UtcDay {
  return instant.toISOString().slice(0, 10);
}

/** `day` shifted by `days` (negative goes back). */
export function addDays(day: UtcDay, days: number): UtcDay {
  return utcDayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Number of days from `from` to `to`, both included (0 or less when `to` is before `from`). */
export function daySpan(from: UtcDay, to: UtcDay): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Every day from `from` to `to`, both included, in order. */
export function daysInRange(from: UtcDay, to: UtcDay): UtcDay[] {
  const span = daySpan(from, to);
  return Array.from({ length: Math.max(span, 0) }, (_, i) => addDays(from, i));
}
