import { randomUUID } from "node:crypto";
import { ORDER_MESSAGE_SCHEMA_VERSION, type OrderMessage } from "@orders/contracts";
import { upsertProducts } from "@orders/db";
import type postgres from "postgres";

/** A valid order message (a fresh order id unless given), as the API would queue it. */
export function orderMessage(
  items: { sku: string; quantity: number }[],
  overrides: Partial<OrderMessage> = {},
): OrderMessage {
  return {
    schemaVersion: ORDER_MESSAGE_SCHEMA_VERSION,
    orderId: randomUUID(),
    customerId: "customer-1",
    currency: "USD",
    items,
    acceptedAt: new Date().toISOString(),
    correlationId: randomUUID(),
    ...overrides,
  };
}

export interface ProductSeed {
  sku: string;
  priceCents: number;
  stock: number;
  currency?: string;
}

/** Inserts products as the database owner (the worker role may not). */
export async function seedProducts(admin: postgres.Sql, products: readonly ProductSeed[]): Promise<void> {
  await upsertProducts(
    admin,
    products.map((p) => ({ ...p, name: p.sku })),
  );
}

/** A prefix that keeps one test's SKUs apart from every other test's in the same database. */
export function skuPrefix(): string {
  return randomUUID().slice(0, 8);
}
