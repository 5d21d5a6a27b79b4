import { maxRangeDays, scheduledWindowDays } from "./report-limits";
import type { ValidRollupRequest } from "./rollup-request";
import { addDays, daysInRange, type UtcDay, utcDayOf } from "./utc-day";

/**
 * The days one rollup run rebuilds: the scheduled window (today and yesterday in UTC: yesterday stays in it
 * so orders committed just after midnight with a timestamp just before it are counted), plus any backfill
 * days. Sorted, without duplicates; never more than the window plus two full backfill ranges.
 *
 * @example rollupDays(new Date("2026-11-28T08:00:00Z"), { days: ["2026-11-01"] })
 *   // ["2026-11-01", "2026-11-27", "2026-11-28"]
 */
export function rollupDays(now: Date, request: ValidRollupRequest = {}): UtcDay[] {
  const today = utcDayOf(now);
  const days = new Set<UtcDay>(daysInRange(addDays(today, 1 - scheduledWindowDays), today));
  for (const day of request.days ?? []) days.add(day);
  if (request.from && request.to) {
    for (const day of daysInRange(request.from, request.to).slice(0, maxRangeDays)) days.add(day);
  }
  return [...days].sort();
}
