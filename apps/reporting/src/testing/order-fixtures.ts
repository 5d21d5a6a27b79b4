import { randomUUID } from "node:crypto";
import type postgres from "postgres";

/** One line of a test order. */
export interface FixtureItem {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/** An order as the worker would have written it, for arranging report scenarios. */
export interface FixtureOrder {
  id?: string;
  status: "accepted" | "rejected";
  processedAt: Date;
  items: FixtureItem[];
}

/** Inserts orders and their items with the owner connection (tests play the worker's part). */
export async function insertOrders(sql: postgres.Sql, orders: readonly FixtureOrder[]): Promise<void> {
  if (orders.length === 0) return;
  const withIds = orders.map((o) => ({ ...o, id: o.id ?? randomUUID() }));
  const orderRows = withIds.map((o) => ({
    id: o.id,
    customer_id: "customer-1",
    currency: "USD",
    total_cents: orderTotal(o),
    status: o.status,
    rejection_reason: o.status === "rejected" ? "insufficient_stock" : null,
    accepted_at: new Date(o.processedAt.getTime() - 1_000),
    processed_at: o.processedAt,
  }));
  const itemRows = withIds.flatMap((o) =>
    o.items.map((i) => ({
      order_id: o.id,
      sku: i.sku,
      quantity: i.quantity,
      unit_price_cents: i.unitPriceCents,
    })),
  );
  await sql.begin(async (tx) => {
    for (let i = 0; i < orderRows.length; i += 1_000) {
      await tx`insert into orders ${tx(orderRows.slice(i, i + 1_000))}`;
    }
    for (let i = 0; i < itemRows.length; i += 1_000) {
      await tx`insert into order_items ${tx(itemRows.slice(i, i + 1_000))}`;
    }
  });
}

/** What the worker stores as an order's total: the sum of its lines. */
export function orderTotal(order: Pick<FixtureOrder, "items">): number {
  return order.items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0);
}

/** Empties the write model and the rollups between scenarios. */
export async function clearOrders(sql: postgres.Sql): Promise<void> {
  await sql`truncate orders, order_items, daily_sales, daily_product_sales`;
}
