import { asc, eq } from "drizzle-orm";
import type { Database } from "../database";
import { type Order, type OrderItem, orderItemsTable, ordersTable } from "../schema";

export type OrderWithItems = Order & { items: Pick<OrderItem, "sku" | "quantity" | "unitPriceCents">[] };

/** One processed order with its items, or undefined when the worker has not written it (yet). */
export async function findOrderWithItems(db: Database, id: string): Promise<OrderWithItems | undefined> {
  // One round trip: the order and its items joined, folded here.
  const rows = await db
    .select({ order: ordersTable, item: orderItemsTable })
    .from(ordersTable)
    .leftJoin(orderItemsTable, eq(orderItemsTable.orderId, ordersTable.id))
    .where(eq(ordersTable.id, id))
    .orderBy(asc(orderItemsTable.sku));
  const first = rows[0];
  if (!first) return undefined;
  return {
    ...first.order,
    items: rows.flatMap(({ item }) =>
      item ? [{ sku: item.sku, quantity: item.quantity, unitPriceCents: item.unitPriceCents }] : [],
    ),
  };
}
