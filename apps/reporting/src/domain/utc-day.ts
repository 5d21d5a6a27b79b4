/** A calendar day in UTC as `YYYY-MM-DD` (the form PostgreSQL `date` columns are read and written in). */
export type UtcDay = string;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day in `YYYY-MM-DD` form (rejects `2026-02-30`, `2026-1-5`, ...). */
export function isUtcDay(value: string): value is UtcDay {
  if (!DAY_PATTERN.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
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
