import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daySpan, daysInRange, isUtcDay, utcDayOf } from "./utc-day";

describe("UTC days", () => {
  it("accepts only real calendar days written as YYYY-MM-DD", () => {
    expect(["2024-02-29", "2026-12-31", "2026-01-01"].every(isUtcDay)).toBe(true);
    expect(
      ["2026-02-29", "2026-13-01", "2026-1-01", "2026-01-01T00:00:00Z", "", "today"].some(isUtcDay),
    ).toBe(false);
  });

  it("starts at 0001-01-01: PostgreSQL has no year 0", () => {
    expect(["0001-01-01", "0004-02-29", "0400-02-29", "9999-12-31"].every(isUtcDay)).toBe(true);
    expect(["0000-01-01", "0000-02-29", "0000-12-31", "1900-02-29", "0100-02-29"].some(isUtcDay)).toBe(false);
  });

  it("agrees with the calendar for any YYYY-MM-DD-shaped string", () => {
    // The calendar's answer: JavaScript's proleptic Gregorian dates, from year 1.
    const calendarDay = (value: string) => {
      const parsed = new Date(`${value}T00:00:00Z`);
      return (
        !Number.isNaN(parsed.getTime()) &&
        parsed.toISOString().slice(0, 10) === value &&
        !value.startsWith("0000")
      );
    };
    const digits = (n: number, max: number) =>
      fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, "0"));
    const shaped = fc
      .tuple(
        fc.oneof(digits(4, 9999), digits(4, 40), fc.constantFrom("0000", "2000", "1900", "2024")),
        digits(2, 13),
        digits(2, 32),
      )
      .map(([y, m, d]) => `${y}-${m}-${d}`);
    fc.assert(
      fc.property(shaped, (value) => {
        expect(isUtcDay(value)).toBe(calendarDay(value));
      }),
      { numRuns: 5000 },
    );
  });

  it("takes the day of an instant in UTC, not local time", () => {
    expect(utcDayOf(new Date("2026-11-28T23:59:59.999-05:00"))).toBe("2026-11-29");
    expect(utcDayOf(new Date("2026-11-28T00:00:00Z"))).toBe("2026-11-28");
  });

  it("counts and lists ranges inclusively, across month and leap-year ends", () => {
    expect(daysInRange("2024-02-28", "2024-03-01")).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(daySpan("2024-01-01", "2024-12-31")).toBe(366);
    expect(daySpan("2026-11-02", "2026-11-01")).toBe(0);
    expect(daysInRange("2026-11-02", "2026-11-01")).toEqual([]);
  });

  it("keeps addDays and daySpan consistent for any day and offset", () => {
    const day = fc
      .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
      .map(utcDayOf);
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 2000 }), (from, offset) => {
        const to = addDays(from, offset);
        expect(isUtcDay(to)).toBe(true);
        expect(daySpan(from, to)).toBe(offset + 1);
        expect(addDays(to, -offset)).toBe(from);
      }),
    );
  });
});
