import { demoCatalogue } from "@orders/db";
import fc from "fast-check";
import type { FixtureOrder } from "./order-fixtures";

const DAY_MS = 86_400_000;

/**
 * A month of plausible trade for the dashboard's browser test and screenshot: busier weekdays, a slow
 * upward trend, mostly cheap items with the odd desk or chair, about one order in twelve rejected.
 * Deterministic for a given seed (fast-check's seeded sampler), so the screenshot is reproducible.
 */
export function demoOrders(end: Date, days: number, seed = 20_261_128): FixtureOrder[] {
  // Products in stock only (the worker would reject the rest); cheaper ones are bought more often.
  const catalogue = demoCatalogue.filter((p) => p.priceCents > 0 && p.stock > 0);
  const weighted = catalogue.flatMap((p) =>
    Array(Math.max(1, Math.round(400 / Math.sqrt(p.priceCents)))).fill(p),
  );
  const endDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const orders: FixtureOrder[] = [];
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = endDay - d * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    const base = (weekday === 0 || weekday === 6 ? 14 : 30) + (days - d);
    const dayLength = d === 0 ? Math.max(60_000, end.getTime() - dayStart) : DAY_MS;
    const order = fc.record({
      offset: fc.integer({ min: 0, max: dayLength - 1 }),
      rejected: fc.integer({ min: 1, max: 12 }).map((n) => n === 1),
      lines: fc.uniqueArray(
        fc.record({ product: fc.constantFrom(...weighted), quantity: fc.integer({ min: 1, max: 3 }) }),
        { minLength: 1, maxLength: 3, selector: (l) => l.product.sku },
      ),
    });
    const count = d === 0 ? Math.max(3, Math.round((base * dayLength) / DAY_MS)) : base;
    for (const o of fc.sample(order, { numRuns: count, seed: seed + d })) {
      orders.push({
        status: o.rejected ? "rejected" : "accepted",
        processedAt: new Date(dayStart + o.offset),
        items: o.lines.map((l) => ({
          sku: l.product.sku,
          quantity: l.quantity,
          unitPriceCents: l.product.priceCents,
        })),
      });
    }
  }
  return orders;
}
