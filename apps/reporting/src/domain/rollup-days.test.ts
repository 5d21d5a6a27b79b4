import { describe, expect, it } from "vitest";
import { rollupDays } from "./rollup-days";
import { parseRollupRequest } from "./rollup-request";

const now = new Date("2026-11-28T00:30:00Z");

describe("rollupDays", () => {
  it("always rebuilds today and yesterday (UTC)", () => {
    expect(rollupDays(now)).toEqual(["2026-11-27", "2026-11-28"]);
    expect(rollupDays(new Date("2026-03-01T23:59:59.999Z"))).toEqual(["2026-02-28", "2026-03-01"]);
  });

  it("adds backfill days and ranges, sorted and without duplicates", () => {
    expect(
      rollupDays(now, { days: ["2026-11-01", "2026-11-28"], from: "2026-10-30", to: "2026-11-01" }),
    ).toEqual(["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-27", "2026-11-28"]);
  });
});

describe("parseRollupRequest", () => {
  it("treats an EventBridge scheduled event as no backfill", () => {
    const scheduled = { "detail-type": "Scheduled Event", source: "aws.events", detail: {} };
    expect(parseRollupRequest(scheduled)).toEqual({});
  });

  it("reads a constant-input backfill and one carried in detail", () => {
    expect(parseRollupRequest({ days: ["2026-11-01"] })).toEqual({ days: ["2026-11-01"] });
    expect(parseRollupRequest({ detail: { from: "2026-01-01", to: "2026-01-31" } })).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
    });
  });

  it.each([
    [{ days: ["2026-02-30"] }, "days"],
    [{ days: "2026-11-01" }, "days"],
    [{ from: "2026-11-02" }, "to"],
    [{ from: "2026-11-02", to: "2026-11-01" }, "to"],
    [{ from: "2025-01-01", to: "2026-01-02" }, "to"],
  ])("rejects %j naming the %s field", (event, field) => {
    expect(() => parseRollupRequest(event)).toThrow(new RegExp(`"${field}"`));
  });

  it("words zod's own issues in English, as classic zod did (zod/mini registers no messages itself)", () => {
    const issues = (event: unknown) => {
      try {
        parseRollupRequest(event);
      } catch (error) {
        return (error as { issues: { path: PropertyKey[]; message: string }[] }).issues.map((i) => [
          i.path.join("."),
          i.message,
        ]);
      }
      throw new Error("expected the request to be refused");
    };
    expect(issues({ days: "2026-11-01" })).toEqual([
      ["days", "Invalid input: expected array, received string"],
    ]);
    expect(issues({ days: Array.from({ length: 367 }, () => "2026-11-01") })).toEqual([
      ["days", "Too big: expected array to have <=366 items"],
    ]);
    expect(issues({ from: 5, to: "2026-11-01" })).toEqual([
      ["from", "Invalid input: expected string, received number"],
    ]);
    expect(issues({ days: ["2026-02-30"] })).toEqual([["days.0", "must be a calendar day as YYYY-MM-DD"]]);
  });
});
