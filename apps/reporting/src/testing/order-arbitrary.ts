import fc from "fast-check";
import type { FixtureOrder } from "./order-fixtures";

const skus = ["KB-001", "MS-002", "MN-003", "HS-004", "WC-005"] as const;
const DAY_MS = 86_400_000;

/**
 * Random orders processed within `days` days ending at `end`: mixed statuses, several lines each, and
 * timestamps that cluster around midnight so UTC day boundaries get exercised.
 */
export function ordersArbitrary(end: Date, days: number): fc.Arbitrary<FixtureOrder[]> {
  const endDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const firstDay = endDay - (days - 1) * DAY_MS;
  const nearMidnight = fc
    .tuple(fc.integer({ min: 0, max: days - 1 }), fc.constantFrom(-1, 0, 1), fc.integer({ min: 0, max: 999 }))
    .map(([d, side, ms]) => endDay - d * DAY_MS + side * ms);
  const anyTime = fc
    .integer({ min: 0, max: days * DAY_MS - 1 })
    .map((offset) => endDay + DAY_MS - 1 - offset);
  const item = fc.record({
    sku: fc.constantFrom(...skus),
    quantity: fc.integer({ min: 1, max: 20 }),
    unitPriceCents: fc.integer({ min: 0, max: 50_000 }),
  });
  const order = fc.record({
    status: fc.constantFrom("accepted", "accepted", "accepted", "rejected") as fc.Arbitrary<
      "accepted" | "rejected"
    >,
    processedAt: fc
      .oneof(nearMidnight, anyTime)
      .map((ms) => new Date(Math.min(Math.max(ms, firstDay), end.getTime()))),
    items: fc.uniqueArray(item, { minLength: 1, maxLength: 4, selector: (i) => i.sku }),
  });
  return fc.array(order, { maxLength: 60 });
}
