import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rangeQuerySchema } from "../schemas";
import served from "./openapi.json" with { type: "json" };

interface Parameter {
  name: string;
  schema: { type: string; format?: string; pattern?: string };
}

const dayParameters = Object.entries(served.paths).flatMap(([path, item]) =>
  ((item.get as { parameters?: Parameter[] }).parameters ?? [])
    .filter((p) => p.name === "from" || p.name === "to")
    .map((p) => ({ path, ...p })),
);

/** Strings around the shape of a day: digits and dashes at the right places, and a few that are not. */
const dayLike = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
    ),
  fc.constantFrom(
    "0000-01-01",
    "0000-02-29",
    "0001-01-01",
    "2024-02-29",
    "2026-02-29",
    "2026-1-01",
    "20260101",
  ),
  fc.string({ unit: fc.constantFrom("0", "1", "2", "9", "-"), minLength: 8, maxLength: 11 }),
);

describe("the document's day parameters", () => {
  it("are dates with the pattern the service validates by", () => {
    expect(dayParameters.map((p) => `${p.path} ${p.name}`)).toEqual([
      "/reports/daily-sales from",
      "/reports/daily-sales to",
      "/reports/top-products from",
      "/reports/top-products to",
    ]);
    for (const p of dayParameters) {
      expect(p.schema).toMatchObject({ type: "string", format: "date", pattern: expect.any(String) });
    }
  });

  it("accept exactly the days the service accepts (year 0 and 2026-02-30 refused by both)", () => {
    const patterns = dayParameters.map((p) => new RegExp(p.schema.pattern ?? "", "u"));
    const serviceAccepts = (day: string) => rangeQuerySchema.shape.from.safeParse(day).success;
    fc.assert(
      fc.property(dayLike, (day) => {
        for (const pattern of patterns) expect(pattern.test(day), day).toBe(serviceAccepts(day));
      }),
      { numRuns: 3000 },
    );
    expect(serviceAccepts("0000-12-31")).toBe(false);
    expect(serviceAccepts("0001-01-01")).toBe(true);
  });
});
