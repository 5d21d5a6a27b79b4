import type { FixtureOrder } from "./order-fixtures";
import { orderTotal } from "./order-fixtures";

/** A day's figures computed in plain TypeScript: the oracle the SQL is checked against. */
export interface ExpectedDay {
  day: string;
  orders: number;
  units: number;
  revenueCents: number;
}

export interface ExpectedProductDay {
  day: string;
  sku: string;
  units: number;
  revenueCents: number;
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10);
/** Byte-order comparison, like `collate "C"` in SQL (locale collations differ between machines). */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const inRange = (day: string, from: string, to: string) => day >= from && day <= to;

/** Accepted orders per UTC day of `processedAt`, days with activity only, in day order. */
export function expectedDailySales(
  orders: readonly FixtureOrder[],
  from = "0000",
  to = "9999",
): ExpectedDay[] {
  const byDay = new Map<string, ExpectedDay>();
  for (const order of orders) {
    const day = utcDay(order.processedAt);
    if (order.status !== "accepted" || !inRange(day, from, to)) continue;
    const entry = byDay.get(day) ?? { day, orders: 0, units: 0, revenueCents: 0 };
    entry.orders += 1;
    entry.units += order.items.reduce((sum, i) => sum + i.quantity, 0);
    entry.revenueCents += orderTotal(order);
    byDay.set(day, entry);
  }
  return [...byDay.values()].sort((a, b) => byCode(a.day, b.day));
}

/** Accepted units and revenue per UTC day and SKU, ordered by day then SKU. */
export function expectedProductSales(orders: readonly FixtureOrder[]): ExpectedProductDay[] {
  const byKey = new Map<string, ExpectedProductDay>();
  for (const order of orders) {
    if (order.status !== "accepted") continue;
    const day = utcDay(order.processedAt);
    for (const item of order.items) {
      const key = `${day}|${item.sku}`;
      const entry = byKey.get(key) ?? { day, sku: item.sku, units: 0, revenueCents: 0 };
      entry.units += item.quantity;
      entry.revenueCents += item.quantity * item.unitPriceCents;
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].sort((a, b) => byCode(a.day, b.day) || byCode(a.sku, b.sku));
}

/** Top SKUs by revenue over a range (ties by SKU), as the top-products report should return them. */
export function expectedTopProducts(
  orders: readonly FixtureOrder[],
  from: string,
  to: string,
  limit: number,
): { sku: string; units: number; revenueCents: number }[] {
  const bySku = new Map<string, { sku: string; units: number; revenueCents: number }>();
  for (const row of expectedProductSales(orders)) {
    if (!inRange(row.day, from, to)) continue;
    const entry = bySku.get(row.sku) ?? { sku: row.sku, units: 0, revenueCents: 0 };
    entry.units += row.units;
    entry.revenueCents += row.revenueCents;
    bySku.set(row.sku, entry);
  }
  return [...bySku.values()]
    .sort((a, b) => b.revenueCents - a.revenueCents || byCode(a.sku, b.sku))
    .slice(0, limit);
}
