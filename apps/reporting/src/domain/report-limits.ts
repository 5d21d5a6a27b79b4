/**
 * The longest range, in days, a report or a rollup backfill may cover: a year, leap years included. Bounds the
 * work one request or one scheduled run can ask of the database.
 */
export const maxRangeDays = 366;

/** Days the scheduled rollup always recomputes, ending today (UTC): today and yesterday. */
export const scheduledWindowDays = 2;
